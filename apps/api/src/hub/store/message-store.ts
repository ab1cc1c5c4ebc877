import type { HubEvent } from '../hub-event';

/** What a post stores. */
export interface MessageDraft {
  author: string;
  text: string;
}

/** A room's history after an id, as a store holds it; {@link replayAfter} turns it into a replay. */
export interface HistoryAfter {
  /** True when the id is one the store knows (held, or the newest one trimmed away). */
  found: boolean;
  /** When found, the events after the id; otherwise every event held, oldest first. */
  events: HubEvent[];
  /** Id of the newest event trimmed from the room's history, or null when none was. */
  trimmedThrough: string | null;
}

/** A page of history before an id, oldest first. */
export interface Page {
  events: HubEvent[];
  hasMore: boolean;
}

/** Where messages live: ids and bounded history per room. */
export interface MessageStore {
  /** False while the store cannot be reached; readiness reports it. */
  readonly isAvailable: boolean;
  /** Stores a message, giving it the room's next id; resolves once it is in the room's history. */
  append(room: string, draft: MessageDraft): Promise<HubEvent>;
  historyAfter(room: string, afterId: string): Promise<HistoryAfter>;
  /** The newest id of a room, or null when it has none. */
  lastId(room: string): Promise<string | null>;
  /** Up to `limit` events before `beforeId` (or the newest, when null), oldest first. */
  page(room: string, beforeId: string | null, limit: number): Promise<Page>;
  /** Names of the rooms with history. */
  rooms(): Promise<string[]>;
}
