import type { PresenceUpdate, RoomSummary, StreamReset } from '@herald/contracts';
import { HubEvent } from './hub-event';

/** What a post stores. */
export interface MessageDraft {
  author: string;
  text: string;
}

/** The history after a client's last event id. */
export interface Replay {
  events: HubEvent[];
  /** Set when the id was unknown or older than the history held: `events` is then all of it. */
  reset: StreamReset | null;
}

/** A page of history before an id, oldest first. */
export interface Page {
  events: HubEvent[];
  hasMore: boolean;
}

/** What a room's live feed delivers. */
export interface FeedListener {
  /** A message appended to the room; in id order. */
  message(event: HubEvent): void;
  /** The room's presence changed: a display name came online or went offline. */
  presence(update: PresenceUpdate): void;
}

/** Who is in a room. */
export type PresenceSnapshot = Pick<PresenceUpdate, 'online' | 'connections'>;

/** A room's live feed, as {@link Transport.watch} opens it. */
export interface Watch {
  /** The feed delivers every event after this id (null: from the room's first event), once this resolves. */
  startAfter: Promise<string | null>;
  stop(): void;
}

/**
 * Where rooms live: ids, bounded history and the live feed. The hub knows only this interface, so the
 * same fan-out runs on the in-memory transport (one process) and on a shared one (several instances).
 */
export interface Transport {
  /** False while the store cannot be reached; readiness reports it. */
  readonly isAvailable: boolean;
  /** Stores a message, giving it the room's next id; resolves once it is in the room's history. */
  append(room: string, draft: MessageDraft): Promise<HubEvent>;
  /** Events after `afterId`, or all that are held with a reset when that id is not in the history. */
  replay(room: string, afterId: string): Promise<Replay>;
  /** The newest id of a room, or null when it has none. */
  lastId(room: string): Promise<string | null>;
  /** Up to `limit` events before `beforeId` (or the newest, when null), oldest first. */
  page(room: string, beforeId: string | null, limit: number): Promise<Page>;
  /** Calls `listener` with every event appended to the room from now on, and with presence changes. */
  watch(room: string, listener: FeedListener): Watch;
  /** Counts an open stream in the room under `name` (null: anonymous) until the returned function is called. */
  enter(room: string, name: string | null): () => void;
  /** Who is in the room now. */
  presence(room: string): Promise<PresenceSnapshot>;
  /** Rooms with history or open streams, by name. */
  rooms(): Promise<RoomSummary[]>;
  /** Resolves once the store can be reached, or after a bounded wait (the server then starts not ready). */
  open(): Promise<void>;
  /** Releases connections and timers. */
  close(): Promise<void>;
}

/** Injection token of the {@link Transport}. */
export const TRANSPORT = Symbol('TRANSPORT');
