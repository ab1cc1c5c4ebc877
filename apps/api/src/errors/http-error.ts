import { HttpException } from '@nestjs/common';
import type { ApiError } from '@herald/contracts';

/** Fields an error answer may carry beyond `{ statusCode, error, message }`. */
export type ErrorFields = Pick<ApiError, 'bannedUntil' | 'banReason'>;

/** An HTTP error whose answer also carries headers, such as Retry-After or WWW-Authenticate, and fields of its own. */
export class HttpError extends HttpException {
  constructor(
    status: number,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly fields: ErrorFields = {},
  ) {
    super(message, status);
  }
}
