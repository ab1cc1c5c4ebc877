import type { ChatMessage } from '@herald/contracts';

/** Bytes of the event stream, encoded once and shared by every subscriber; `id` null for events without one. */
export interface FeedFrame {
  readonly id: string | null;
  readonly frame: Buffer;
}

/** A stored message together with its SSE frame. */
export interface HubEvent extends FeedFrame {
  readonly id: string;
  readonly message: ChatMessage;
}

/** Id of the newest message among `frames`, or null when none has an id. */
export function newestId(frames: readonly FeedFrame[]): string | null {
  for (let i = frames.length - 1; i >= 0; i--) {
    const id = frames[i].id;
    if (id !== null) return id;
  }
  return null;
}
