import { isPrivateByName } from '@herald/contracts';
import { ChatApiError } from './chat-api-error';

/**
 * When a room's stream is opened with a single-use ticket (`?ticket=`, from `POST /api/stream-tickets`):
 * - `always`: the room is private by its name (`private-*`);
 * - `after-refusal`: the room looks public, but a token provider is configured, so an operator may have
 *   listed it as private: switch to tickets if the plain stream is refused before it was ever live;
 * - `guest`: a public room and a guest session: open with a ticket asked for with the session, so the stream
 *   counts as the reader in presence; without one (refused, or no session), open it plainly;
 * - `never`: a public room, no token provider and no guest session.
 */
export type TicketPolicy = 'always' | 'after-refusal' | 'guest' | 'never';

/** Whether the server treats `room` as private whatever its configuration: `private-*`. */
export function isPrivateRoom(room: string): boolean {
  return isPrivateByName(room);
}

export function ticketPolicy(room: string, hasTokenProvider: boolean, asGuest = false): TicketPolicy {
  if (isPrivateRoom(room)) return 'always';
  if (hasTokenProvider) return 'after-refusal';
  return asGuest ? 'guest' : 'never';
}

/** A 401 or 403: asking again with the same credentials would be refused the same way. */
export function isRefusal(error: unknown): error is ChatApiError {
  return error instanceof ChatApiError && (error.status === 401 || error.status === 403);
}
