import { HttpStatus } from '@nestjs/common';
import { HttpError } from '../errors/http-error';

/** A 401 with the Bearer challenge; `invalid_token` when a token was sent and refused. */
export function unauthorized(message: string, error?: 'invalid_token'): HttpError {
  const challenge = error ? `Bearer realm="herald", error="${error}"` : 'Bearer realm="herald"';
  return new HttpError(HttpStatus.UNAUTHORIZED, message, { 'WWW-Authenticate': challenge });
}

/** The token of an `Authorization: Bearer <token>` header, or null when the header is missing or another kind. */
export function bearerToken(authorization: string | undefined): string | null {
  return /^Bearer ([^\s]+)$/i.exec(authorization?.trim() ?? '')?.[1] ?? null;
}
