import type { ChatMessage, MessageDeleted } from '@herald/contracts';

/** Bytes of the event stream, encoded once and shared by every subscriber; `id` null for events without one. */
export interface FeedFrame {
  readonly id: string | null;
  readonly frame: Buffer;
}

/** An event a room's history holds, in id order: a message, or the tombstone of one deleted. */
export type HubEvent = MessageEvent | TombstoneEvent;

/** A stored message together with its SSE frame. */
export interface MessageEvent extends FeedFrame {
  readonly id: string;
  readonly room: string;
  readonly message: ChatMessage;
  readonly deleted?: undefined;
}

/** The deletion of a message, an event with an id of its own (the deleted message's id is in `deleted`). */
export interface TombstoneEvent extends FeedFrame {
  readonly id: string;
  readonly room: string;
  readonly deleted: MessageDeleted;
  readonly message?: undefined;
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
  return events.some((event) => event.deleted?.id === afterId);
}
