import type { ChatApiError } from './chat-api-error';

/**
 * A message the reader sent that is not in the room's list yet: on its way, accepted but not yet received
 * back from the stream, or refused. It stays in view until the room's stream delivers it or the reader
 * discards it, so a failed post is never lost in the composer.
 */
export interface PendingMessage {
  /** Unique per message sent, and its post's Idempotency-Key: a retry after a lost answer is stored once. */
  readonly key: string;
  readonly author: string;
  readonly text: string;
  /** ISO 8601 time at which the reader sent it. */
  readonly at: string;
  /** `sending`: the post is on its way; `sent`: accepted as {@link id}, not yet delivered; `failed`: not sent. */
  readonly state: 'sending' | 'sent' | 'failed';
  /** The event id the server gave it, once accepted. */
  readonly id: string | null;
  /**
   * Why the last attempt failed, or null. A failure to reach the server (status 0) is forgotten once the stream
   * is live again, as it no longer holds; the message stays `failed` until retried.
   */
  readonly error: ChatApiError | null;
}
