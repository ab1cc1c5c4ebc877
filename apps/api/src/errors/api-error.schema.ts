import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { ApiError } from '@herald/contracts';

/** The OpenAPI schema of every error answer, `{ statusCode, error, message }`, for any controller's docs. */
@ApiSchema({ name: 'ApiError' })
export class ApiErrorSchema implements ApiError {
  @ApiProperty({ example: 400 })
  statusCode!: number;
  @ApiProperty({ example: 'Bad Request' })
  error!: string;
  @ApiProperty({ example: 'text must be 1 to 2000 characters long (after trimming)' })
  message!: string;
  @ApiProperty({ required: false, description: "On a ban's 403: when it ends.", example: '2026-12-02T10:00:00.000Z' })
  bannedUntil?: string;
  @ApiProperty({ required: false, description: "On a ban's 403, when the moderator gave one: the reason.", example: 'spam' })
  banReason?: string;
}
