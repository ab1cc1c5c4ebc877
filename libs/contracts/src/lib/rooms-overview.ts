import type { RoomSummary } from './api-responses';

/** Event types of the rooms overview stream, `GET /api/rooms/events` (none carries an id: it is not resumed). */
export const ROOMS_EVENT = {
  /** Every room the reader may see, as the stream starts (and again on every reconnect). Payload {@link RoomsSnapshot}. */
  snapshot: 'rooms',
  /**
   * The rooms whose newest message or presence changed since the last event, and the rooms gone (no messages,
   * no one in them), at most about once a second. Payload {@link RoomsChanged}.
   */
  changed: 'rooms-changed',
} as const;

/** A room as the overview stream shows it: what `GET /api/rooms` lists, with the id of its newest event. */
export interface RoomOverview extends RoomSummary {
  /**
   * The id of the room's newest message, or null when it holds none: unread is what came after the last one read.
   * Deletions and edits do not move it.
   */
  lastId: string | null;
}

/** Payload of the `rooms` event. */
export interface RoomsSnapshot {
  rooms: RoomOverview[];
}

/** Payload of the `rooms-changed` event. */
export interface RoomsChanged {
  /** The rooms that changed, as they are now. */
  rooms: RoomOverview[];
  /** Names of the rooms no longer listed. */
  removed: string[];
}

/** Every event the rooms overview stream carries. */
export type RoomsStreamEvent =
  { type: typeof ROOMS_EVENT.snapshot; data: RoomsSnapshot } | { type: typeof ROOMS_EVENT.changed; data: RoomsChanged };
