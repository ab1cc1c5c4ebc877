import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ApiError } from '@herald/contracts';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { TooManyRoomsError } from './too-many-rooms.error';
import { StoreUnavailableError } from './store-unavailable.error';
import { HttpError } from './http-error';

/**
 * Every error leaves the API as `{ statusCode, error, message }` (a ban's also with `bannedUntil`), with one message a person can act on:
 * validation messages are joined, and errors of Herald's own are mapped to their status here, in one place.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toApiError(exception);
    if (response.headersSent) {
      // A stream already started: nothing can be answered any more, so the client is let go.
      response.destroy();
      return;
    }
    if (exception instanceof StoreUnavailableError) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    if (exception instanceof HttpError) for (const [name, value] of Object.entries(exception.headers)) response.setHeader(name, value);
    response.status(body.statusCode).json(body);
  }

  toApiError(exception: unknown): ApiError {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const answer = exception.getResponse();
      const message = typeof answer === 'string' ? answer : ((answer as { message?: unknown }).message ?? exception.message);
      const body = errorBody(status, Array.isArray(message) ? message.join('; ') : String(message));
      return exception instanceof HttpError ? { ...body, ...exception.fields } : body;
    }
    if (exception instanceof StoreUnavailableError) {
      return errorBody(HttpStatus.SERVICE_UNAVAILABLE, exception.message);
    }
    if (exception instanceof TooManyRoomsError) {
      return errorBody(HttpStatus.INSUFFICIENT_STORAGE, exception.message);
    }
    this.logger.error(exception);
    return errorBody(HttpStatus.INTERNAL_SERVER_ERROR, 'The server failed to handle this request; it has been logged.');
  }
}

/** The API's error answer for a status. */
export function errorBody(statusCode: number, message: string): ApiError {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
}
