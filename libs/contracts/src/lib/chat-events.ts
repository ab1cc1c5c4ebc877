/** Event types sent on a room's stream (the `event:` field). */
export const CHAT_EVENT = {
  /** A chat message; payload {@link ChatMessage}. */
  message: 'message',
  /**
   * Sent before the replay when the client's Last-Event-ID is unknown or older than the history the
   * server still holds: what follows is all the history there is, and the client may have missed
   * messages. Payload {@link StreamReset}.
   */
  reset: 'reset',
  /**
   * Who is in the room: sent to a new subscriber once its replay is done, and to everyone in the room
   * whenever a name joins or leaves. Carries no id. Payload {@link PresenceUpdate}.
   */
  presence: 'presence',
  /**
   * The last event of a stream opened with a token, or with a ticket made for one: that token is no longer
   * accepted, so the server ends the stream. Carries no id. Reconnect with a fresh token (or a new ticket) and
   * the last event id: nothing is missed. Payload {@link StreamExpired}.
   */
  expired: 'expired',
  /**
   * A message was deleted, by its author or a moderator: remove it from view. It has an id of its own (a
   * tombstone, in the room's order of events), so a client resuming from before it receives it too; the
   * history no longer holds the message's text. A tombstone for a message the client never had changes
   * nothing. Payload {@link MessageDeleted}.
   */
  deleted: 'deleted',
  /**
   * Someone is typing in the room: show it until `until`, or until a message of theirs arrives. Not stored and
   * carries no id: a client that was away has missed nothing. Payload {@link TypingUpdate}.
   */
  typing: 'typing',
  /**
   * A message was edited by its author: replace the one with that id, if held, by this one (its new text, and
   * `editedAt`). It has an id of its own, in the room's order, so a client resuming from before it receives it
   * too; the history holds the latest text. Payload {@link ChatMessage}.
   */
  edited: 'edited',
} as const;

/**
 * Every event a room's stream carries: its `event:` name and its payload. A new event type is one more
 * member here (and its name in {@link CHAT_EVENT}); the server's encoder and the client's reducer then
 * fail to compile until they handle it.
 */
export type StreamEvent =
  | { type: typeof CHAT_EVENT.message; data: ChatMessage }
  | { type: typeof CHAT_EVENT.reset; data: StreamReset }
  | { type: typeof CHAT_EVENT.presence; data: PresenceUpdate }
  | { type: typeof CHAT_EVENT.expired; data: StreamExpired }
  | { type: typeof CHAT_EVENT.deleted; data: MessageDeleted }
  | { type: typeof CHAT_EVENT.typing; data: TypingUpdate }
  | { type: typeof CHAT_EVENT.edited; data: ChatMessage };

/** A message as every subscriber receives it. */
export interface ChatMessage {
  /** Event id, monotonic per room (`<milliseconds>-<sequence>`); send it back as Last-Event-ID to resume. */
  id: string;
  room: string;
  author: string;
  text: string;
  /** ISO 8601 time at which the server accepted the message. */
  sentAt: string;
  /** Set when a backend posted it with an API key: as a named bot, or as the system. Absent for people. */
  origin?: MessageOrigin;
  /**
   * Stable, non-secret id of who posted it: a guest session, a signed-in token's subject, or an API key. Absent
   * when nothing verified the author: a post without a session in the open chat, under a name anyone may type.
   */
  authorId?: string;
  /** ISO 8601 time of the latest edit, when its author edited it; absent for a message never edited. */
  editedAt?: string;
}

/** Who besides people posts: a backend's bot under its own name, or the system itself. */
export type MessageOrigin = 'bot' | 'system';

/** Why a stream starts over. */
export type StreamResetReason = 'unknown-id' | 'history-trimmed';

/** Payload of the `reset` event. */
export interface StreamReset {
  reason: StreamResetReason;
  /** The Last-Event-ID the client sent. */
  lastEventId: string;
  /** Id of the oldest message the server still holds, or null when the room's history is empty. */
  oldestId: string | null;
}

/** Payload of the `presence` event. */
export interface PresenceUpdate {
  room: string;
  /** Distinct display names with an open stream in the room (streams opened with `?name=` or a ticket), sorted. */
  online: string[];
  /**
   * The people online, one entry per identity (two guests both called "Ada" are two entries), sorted by name
   * and then author id; streams opened with a bare `?name=` have no author id and count once per name.
   */
  people: PresencePerson[];
  /** Open streams in the room, named or not, across every instance. */
  connections: number;
  /** The name of the person who just came online, when that is why this update was sent. */
  joined?: string;
  /** The name of the person who just went offline, when that is why this update was sent. */
  left?: string;
}

/** Payload of the `expired` event. */
export interface StreamExpired {
  /** ISO 8601 time from which the server no longer accepts the stream's token (its `exp`, plus the clock leeway). */
  expiredAt: string;
}

/** Who deleted a message: its author, or a moderator (which moderator is in the audit trail, not on the stream). */
export type MessageDeletedBy = 'author' | 'moderator';

/** Payload of the `deleted` event, and the answer of `DELETE /api/rooms/:room/messages/:id`. */
export interface MessageDeleted {
  /** The id of the message deleted (the event itself has an id of its own). */
  id: string;
  room: string;
  deletedBy: MessageDeletedBy;
  /** ISO 8601 time of the deletion. */
  deletedAt: string;
}

/** How long a `typing` event holds, in ms: a client typing on sends again before it ends (at most every 2 s). */
export const TYPING_HOLD_MS = 6_000;

/** Payload of the `typing` event. */
export interface TypingUpdate {
  room: string;
  name: string;
  /** The typist's verified author id (a guest session, a token, an API key). */
  authorId: string;
  /** ISO 8601 time until which to show it, unless the typist sends again or posts. */
  until: string;
}

/** Someone online in a room. */
export interface PresencePerson {
  name: string;
  /** The {@link ChatMessage.authorId} of a verified stream (a guest session or a token); absent for a bare `?name=`. */
  authorId?: string;
}
