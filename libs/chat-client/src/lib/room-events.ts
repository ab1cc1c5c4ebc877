import type { StreamEvent } from '@herald/contracts';
import type { ChatApiError } from './chat-api-error';
import type { ConnectionStatus } from './connection-status';

/** What a room's stream delivers, whichever tab holds the connection. */
export interface RoomEvents {
  /** An event of the room's stream, parsed and checked against the contracts. */
  event(event: StreamEvent): void;
  status(status: ConnectionStatus): void;
  /**
   * The server refused this client the room (401 or 403: no token, or one that does not allow the room). The
   * feed has stopped for good and reopens only on a new connect; the status is `offline` from now on.
   */
  denied(error: ChatApiError): void;
  /**
   * The server refused the reader's identity a stream ticket for a moderator's ban (a 403 with `bannedUntil`).
   * A public room's feed goes on without the ticket; a room that needs one is {@link denied} instead.
   */
  banned(error: ChatApiError): void;
}

/** The owner of a room's messages, as the feeds see it. */
export interface RoomFeedSink extends RoomEvents {
  /**
   * Makes sure the stream can resume without a gap (loads recent history when nothing is known yet) and
   * returns the id to resume after, or null to start live. Rejects when the server cannot be reached, or with
   * a 401/403 {@link ChatApiError} when it refuses the room.
   */
  resumePoint(): Promise<string | null>;
  /** Another tab now streams the room from after `id`: fetch whatever this tab might lack before that. */
  catchUp(id: string | null): void;
}

/** A room's live feed, however it is delivered; closing it stops the delivery. */
export interface RoomFeed {
  close(): void;
}
