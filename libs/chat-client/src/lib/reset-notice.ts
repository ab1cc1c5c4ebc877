import type { StreamResetReason } from '@herald/contracts';

/**
 * "Earlier messages are no longer available on the server", as seen at the top of the room's timeline: the
 * server no longer knew where this client was, so the view started over with all the history it still holds.
 */
export interface ResetNotice {
  /** Unique within the stream, shared with the presence notices: a new reset is a new line. */
  key: number;
  /** The server's reason: an id it never knew (another deployment, a restart) or one older than it keeps. */
  reason: StreamResetReason;
  /** ISO 8601 time at which this client heard of it. */
  at: string;
}
