import { ExecutionContext, HttpStatus, createParamDecorator } from '@nestjs/common';
import type { Request } from 'express';
import { HttpError } from '../errors/http-error';

/** Visible ASCII, 1 to 255 characters: room for a UUID or a backend's own request id, nothing that needs escaping. */
const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** The Idempotency-Key header of a post, when there is one; a malformed key is a 400. */
export const IdempotencyKey = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<Request>().headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(value)) {
    throw new HttpError(HttpStatus.BAD_REQUEST, 'Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID, for example)');
  }
  return value;
});
