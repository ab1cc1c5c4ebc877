import { HttpStatus } from '@nestjs/common';
import { HttpError } from '../errors/http-error';

/** The 404 of a message the room does not hold, for a deletion or an edit. */
export function messageNotHeld(room: string, id: string): HttpError {
  return new HttpError(
    HttpStatus.NOT_FOUND,
    `the room "${room}" holds no message "${id}": never posted, deleted, or trimmed from its history`,
  );
}
