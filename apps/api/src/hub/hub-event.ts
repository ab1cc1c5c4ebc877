import type { ChatMessage, MessageDeleted } from '@herald/contracts';

/** Bytes of the event stream, encoded once and shared by every subscriber; `id` null for events without one. */
export interface FeedFrame {
  readonly id: string | null;
  readonly frame: Buffer;
}

/** An event a room's history holds, in id order: a message, the tombstone of one deleted, or an edit of one. */
export type HubEvent = MessageEvent | TombstoneEvent | EditEvent;

/** A stored message together with its SSE frame. */
export interface MessageEvent extends FeedFrame {
  readonly id: string;
  readonly room: string;
  readonly message: ChatMessage;
  readonly deleted?: undefined;
  readonly edited?: undefined;
}

/** The deletion of a message, an event with an id of its own (the deleted message's id is in `deleted`). */
export interface TombstoneEvent extends FeedFrame {
  readonly id: string;
  readonly room: string;
  readonly deleted: MessageDeleted;
  /** Ids of events the deletion took out of the history with the message (in Redis: its edits): known ids still. */
  readonly covers?: readonly string[];
  readonly message?: undefined;
  readonly edited?: undefined;
}

/** An edit of a message, an event with an id of its own: `edited` is the message as it now is (same id, new text). */
export interface EditEvent extends FeedFrame {
  readonly id: string;
  readonly room: string;
  readonly edited: ChatMessage;
  readonly message?: undefined;
  readonly deleted?: undefined;
}

/** Id of the newest message among `frames`, or null when none has an id. */
export function newestId(frames: readonly FeedFrame[]): string | null {
  for (let i = frames.length - 1; i >= 0; i--) {
    const id = frames[i].id;
    if (id !== null) return id;
  }
  return null;
}

/** Whether `events`, the history after `afterId`, holds the tombstone of `afterId`: then that id is known. */
export function deletesId(events: readonly HubEvent[], afterId: string): boolean {
  return events.some((event) => event.deleted !== undefined && (event.deleted.id === afterId || event.covers?.includes(afterId)));
}
