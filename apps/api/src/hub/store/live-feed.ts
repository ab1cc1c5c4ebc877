import type { PresenceUpdate, TypingUpdate } from '@herald/contracts';
import type { HubEvent } from '../hub-event';

/** What a room's live feed delivers. */
export interface FeedListener {
  /** An event appended to the room, a message or a tombstone; in id order. */
  event(event: HubEvent): void;
  /** The room's presence changed: a display name came online or went offline. */
  presence(update: PresenceUpdate): void;
  /** Someone in the room is typing. */
  typing(update: TypingUpdate): void;
}

/** A room's live feed, as {@link LiveFeed.watch} opens it. */
export interface Watch {
  /** The feed delivers every event after this id (null: from the room's first event), once this resolves. */
  startAfter: Promise<string | null>;
  stop(): void;
}

/** Every message appended to a room from now on, from whichever instance appended it. */
export interface LiveFeed {
  watch(room: string, listener: FeedListener): Watch;
}
