import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { AUTHOR_MAX_LENGTH, AUTHOR_MIN_LENGTH, type GuestSession } from '@herald/contracts';
import { CreateSessionDto } from '@herald/contracts/dto';

// OpenAPI descriptions of the session contracts (the contracts library stays free of Swagger).
ApiProperty({
  description: 'The display name to speak under, trimmed; renewing with another name renames the session and keeps its author id.',
  minLength: AUTHOR_MIN_LENGTH,
  maxLength: AUTHOR_MAX_LENGTH,
  example: 'Ada',
})(CreateSessionDto.prototype, 'name');
ApiSchema({ name: 'CreateSessionDto' })(CreateSessionDto);

@ApiSchema({ name: 'GuestSession' })
export class GuestSessionSchema implements GuestSession {
  @ApiProperty({
    description: 'A JWT (HS256). Send it as `Authorization: Bearer <token>` with posts, for stream tickets, and to renew the session.',
    example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJuYW1lIjoiQWRhIn0.c2lnbmF0dXJl',
  })
  token!: string;
  @ApiProperty({
    description: 'The stable, non-secret id of the session: every message posted with it carries it as `authorId`; renewals keep it.',
    example: 'q8Yv3c1nT0dM2kX9pL4wZa',
  })
  authorId!: string;
  @ApiProperty({ description: 'The display name of the session.', example: 'Ada' })
  name!: string;
  @ApiProperty({
    description:
      'The token is refused after this time (GUEST_SESSION_TTL_S after it was made); renew it before, or after with the same token.',
    example: '2026-11-24T13:00:00.000Z',
  })
  expiresAt!: string;
}
