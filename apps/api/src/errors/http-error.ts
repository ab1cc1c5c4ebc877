import { HttpException } from '@nestjs/common';

/** An HTTP error whose answer also carries headers, such as Retry-After or WWW-Authenticate. */
export class HttpError extends HttpException {
  constructor(
    status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message, status);
  }
}
