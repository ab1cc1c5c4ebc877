import type { ChatMessage, PresenceUpdate } from '@herald/contracts';
import type { ChatApiError } from './chat-api-error';
import type { ConnectionStatus } from './connection-status';
import type { PendingMessage } from './pending-message';
import type { PresenceNotice } from './presence-notice';
import type { ResetNotice } from './reset-notice';
import type { Typist } from './typist';

/** Messages a stream holds by default; the oldest go as new ones come in. */
export const DEFAULT_MAX_MESSAGES = 1000;
/** Deleted ids remembered per room: enough to outlast any page or replay that was on its way when they went. */
export const MAX_DELETED_IDS = 500;

/** Everything a `ChatStream` shows of one room: plain data, changed only by `chatReducer`. */
export interface ChatState {
  /** The room followed, or null before the first connect. */
  readonly room: string | null;
  /** The reader's display name: their own messages are never unread. */
  readonly name: string | null;
  /** The author id of the reader's guest session, once they have one: then it, not the name, tells their messages. */
  readonly readerId: string | null;
  /** Oldest first, each id once, at most {@link capacity}. */
  readonly messages: readonly ChatMessage[];
  /** Messages held before the oldest go, at the newest end: `maxMessages`. */
  readonly maxMessages: number;
  /**
   * The window actually held: `maxMessages`, or more once the reader loaded older pages (a page asked for is
   * never dropped on arrival). New messages never make it grow.
   */
  readonly capacity: number;
  readonly status: ConnectionStatus;
  /** The 401/403 with which the server refused this client the room, or null. */
  readonly accessDenied: ChatApiError | null;
  readonly presence: PresenceUpdate | null;
  /** Recent joins and leaves, oldest first. */
  readonly notices: readonly PresenceNotice[];
  /** The line that says the server no longer had this view's earlier messages, or null: see {@link ResetNotice}. */
  readonly resetNotice: ResetNotice | null;
  /** Key of the next notice: unique for the life of the stream, across rooms too. */
  readonly nextNoticeKey: number;
  /** Whether the server has older messages than the first one held. */
  readonly hasMore: boolean;
  readonly loadingOlder: boolean;
  /** Why the last older page failed, or null. */
  readonly olderPageError: string | null;
  /** Whether the first page of history was shown (it sets `hasMore`, and is read by definition). */
  readonly historyShown: boolean;
  /** Messages up to this id count as read; null: none yet. */
  readonly readUpTo: string | null;
  /** Held messages by others after {@link readUpTo}. */
  readonly unread: number;
  /** The unread messages that mention the reader by name (`@Ada`), oldest first. */
  readonly mentions: readonly ChatMessage[];
  /**
   * The first message that was unread when the reader came to the room with a read mark (see `connect`'s `lastRead`
   * and `revisit`): where "new since you were here" begins. Null when nothing was unread then.
   */
  readonly newSince: string | null;
  /** Who else is typing in the room now, in the order they started. */
  readonly typists: readonly Typist[];
  /** Messages the reader sent that the stream has not delivered yet, in the order sent. */
  readonly pending: readonly PendingMessage[];
  /**
   * Ids of the room's messages deleted lately (their tombstones), oldest first, at most {@link MAX_DELETED_IDS}: a
   * history page or a replay that was on its way when one went must not bring it back.
   */
  readonly deletedIds: readonly string[];
  /** The 403 of a moderator's ban (with `bannedUntil`) while it lasts, or null. */
  readonly ban: ChatApiError | null;
}

/** A stream before its first connect, holding at most `maxMessages` (a positive integer) as it streams. */
export function initialChatState(maxMessages = DEFAULT_MAX_MESSAGES): ChatState {
  checkMaxMessages(maxMessages);
  return {
    room: null,
    name: null,
    readerId: null,
    messages: [],
    maxMessages,
    capacity: maxMessages,
    status: 'connecting',
    accessDenied: null,
    presence: null,
    notices: [],
    resetNotice: null,
    nextNoticeKey: 1,
    hasMore: false,
    loadingOlder: false,
    olderPageError: null,
    historyShown: false,
    readUpTo: null,
    unread: 0,
    mentions: [],
    newSince: null,
    typists: [],
    pending: [],
    deletedIds: [],
    ban: null,
  };
}

/** Throws a RangeError unless `maxMessages` is a positive integer. */
export function checkMaxMessages(maxMessages: number): void {
  if (!Number.isInteger(maxMessages) || maxMessages < 1) {
    throw new RangeError(`maxMessages must be a positive integer, not ${maxMessages}`);
  }
}
