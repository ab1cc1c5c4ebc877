import type { ChatMessage, HistoryPage, StreamEvent } from '@herald/contracts';
import type { ChatApiError } from './chat-api-error';
import type { ConnectionStatus } from './connection-status';
import type { NewPendingMessage } from './pending-messages';

/** What can happen to a {@link ChatState}: the input of `chatReducer`. */
export type ChatAction =
  /**
   * Follow `room` as `name`, having read it up to `lastRead` (kept by the app across visits; null: unknown, and the
   * first page is read by definition). Another room starts over; the same room keeps what it holds.
   */
  | { type: 'connect'; room: string; name: string | null; lastRead?: string | null }
  /** The reader comes back to the room, having read it up to `lastRead`: "new since you were here" starts after it. */
  | { type: 'revisit'; lastRead: string | null }
  /** The reader's author id is known, or changed (a new guest session). */
  | { type: 'reader'; authorId: string | null }
  /** The stream was closed: an older page on its way will not arrive. */
  | { type: 'closed' }
  | { type: 'status'; status: ConnectionStatus }
  /** The server refused the room (401/403): the feed has stopped. */
  | { type: 'denied'; error: ChatApiError }
  /** An event of the room's stream, heard of at `at` (milliseconds since the epoch). */
  | { type: 'received'; event: StreamEvent; at: number }
  /** The newest page of history, loaded before the stream opens while nothing is held. */
  | { type: 'newest-page'; page: HistoryPage }
  /** Recent history that fills a gap before where another tab resumed the stream. */
  | { type: 'gap-filled'; messages: readonly ChatMessage[] }
  | { type: 'older-requested' }
  | { type: 'older-loaded'; page: HistoryPage }
  | { type: 'older-failed'; message: string }
  /** Everything held so far is read, or everything up to `upTo` (read in another tab, say). */
  | { type: 'read'; upTo?: string }
  /** The time `at` (ms) came: whoever's typing held until then is over. */
  | { type: 'typing-expired'; at: number }
  /** The reader sent a message: it is pending until the stream delivers it. */
  | { type: 'send-started'; message: NewPendingMessage }
  /** A failed message is sent again. */
  | { type: 'send-retried'; key: string }
  /** Accepted as `id`: any ban the reader was under is over, or was lifted. */
  | { type: 'send-accepted'; key: string; id: string }
  /** Refused: with `bannedUntil`, for a moderator's ban. */
  | { type: 'send-failed'; key: string; error: ChatApiError }
  /** The reader gave up on a message that was not sent. */
  | { type: 'send-discarded'; key: string }
  /** The server refused the reader a stream of the room for a moderator's ban (a 403 with `bannedUntil`). */
  | { type: 'banned'; error: ChatApiError }
  /** The time of the ban `ban` came. */
  | { type: 'ban-ended'; ban: ChatApiError };
