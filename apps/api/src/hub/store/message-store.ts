import type { ChatMessage, MessageDeleted, MessageDeletedBy, MessageOrigin } from '@herald/contracts';
import type { HubEvent, MessageEvent } from '../hub-event';

/** What a post stores. */
export interface MessageDraft {
  author: string;
  text: string;
  /**
   * The client's Idempotency-Key: a post with the same key in the same room within IDEMPOTENCY_WINDOW_MS
   * stores nothing and is answered with the id the first one got.
   */
  idempotencyKey?: string;
  /** Set for posts made with an API key. */
  origin?: MessageOrigin;
  /** Who posted it, when verified (a guest session, a token or an API key); absent for a post without a session. */
  authorId?: string;
}

/** What a post got: its id, and whether this post stored it (false: an earlier post with its idempotency key did). */
export interface Stored {
  id: string;
  fresh: boolean;
}

/** A room's history after an id, as a store holds it; {@link replayAfter} turns it into a replay. */
export interface HistoryAfter {
  /** True when the id is one the store knows (held, or the newest one trimmed away). */
  found: boolean;
  /**
   * When found, the events after the id; otherwise every event held, oldest first. Messages and tombstones:
   * a deleted message is no longer among them, its tombstone is.
   */
  events: HubEvent[];
  /** Id of the newest event trimmed from the room's history, or null when none was. */
  trimmedThrough: string | null;
}

/** A page of history before an id, oldest first: messages only, deleted ones left out. */
export interface Page {
  events: MessageEvent[];
  hasMore: boolean;
}

/**
 * Whether a room can take a post: `held` (it holds messages, or is always open), `free` (it is new and
 * there is room for it under MAX_ROOMS) or `full` (it is new and MAX_ROOMS rooms hold messages). The
 * always-open rooms do not count against MAX_ROOMS: it bounds the rooms that users open.
 */
export type RoomSlot = 'held' | 'free' | 'full';

/** The slot of a room, from whether it is held and how many rooms that are not always open hold messages. */
export function slotOf(held: boolean, roomCount: number, maxRooms: number): RoomSlot {
  if (held) return 'held';
  return roomCount < maxRooms ? 'free' : 'full';
}

/** How many of `rooms` count against MAX_ROOMS: all but the always-open ones among them. */
export function cappedCount(rooms: ReadonlySet<string> | ReadonlyMap<string, unknown>, alwaysOpen: ReadonlySet<string>): number {
  let count = rooms.size;
  for (const room of alwaysOpen) if (rooms.has(room)) count--;
  return count;
}

/** Where messages live: ids and bounded history per room. */
export interface MessageStore {
  /** False while the store cannot be reached; readiness reports it. */
  readonly isAvailable: boolean;
  /** Stores a message, giving it the room's next id; resolves once it is in the room's history. */
  append(room: string, draft: MessageDraft): Promise<Stored>;
  /**
   * The events after `afterId`. It counts as known (found) while the store holds it, while the tombstone of a
   * deleted message with that id is held, and when it is the newest id trimmed.
   */
  historyAfter(room: string, afterId: string): Promise<HistoryAfter>;
  /** The message with this id, or null when the room does not hold it: never posted, deleted, or trimmed. */
  message(room: string, id: string): Promise<ChatMessage | null>;
  /**
   * Deletes a held message: its text leaves the history, and a tombstone takes the room's next id, delivered
   * live like a message. Resolves with the tombstone's payload once both are stored, or null when the room does
   * not hold the message (any more).
   */
  remove(room: string, id: string, by: MessageDeletedBy): Promise<MessageDeleted | null>;
  /**
   * Gives a held message a new text (and `editedAt`), and appends an edit event with the room's next id carrying
   * it as it now is, delivered live like a message. The history then holds the new text. Resolves with the message
   * as edited once both are stored, or null when the room does not hold it (any more). Deleting a message later
   * takes its edits' texts out too.
   */
  edit(room: string, id: string, text: string): Promise<ChatMessage | null>;
  /** The newest id of a room, or null when it has none. */
  lastId(room: string): Promise<string | null>;
  /** Up to `limit` events before `beforeId` (or the newest, when null), oldest first. */
  page(room: string, beforeId: string | null, limit: number): Promise<Page>;
  /** Names of the rooms with history. */
  rooms(): Promise<string[]>;
  /** Whether a post to `room` would find it, open it, or be refused for MAX_ROOMS. */
  roomSlot(room: string): Promise<RoomSlot>;
  /**
   * Gives room slots back: applies HISTORY_MAX_AGE_MS to every room, then drops each room left with no
   * messages, unless it is in `inUse` (open streams) or always open. Resolves with how many it dropped.
   */
  dropIdleRooms(inUse: ReadonlySet<string>): Promise<number>;
}
