import { ROOMS_EVENT, type RoomOverview, type RoomsStreamEvent, isEventId, isRoomName } from '@herald/contracts';
import { exhaustive } from '../exhaustive';

/** The `event:` names of the rooms overview stream. */
export type RoomsEventType = RoomsStreamEvent['type'];

/** Every event name of the overview that the contracts define: the ones a connection listens for. */
export const ROOMS_EVENT_TYPES: readonly RoomsEventType[] = Object.values(ROOMS_EVENT);

/**
 * The one place where a frame of the rooms overview stream becomes a {@link RoomsStreamEvent}. A frame that is not
 * what the contracts promise gives null and is skipped; a room in it that is not one leaves the others be.
 */
export function parseRoomsEvent(type: RoomsEventType, data: unknown): RoomsStreamEvent | null {
  let payload: unknown;
  try {
    payload = typeof data === 'string' ? JSON.parse(data) : undefined;
  } catch {
    return null;
  }
  if (typeof payload !== 'object' || payload === null) return null;
  const { rooms, removed } = payload as Record<string, unknown>;
  if (!Array.isArray(rooms)) return null;
  const valid = rooms.filter(isRoomOverview);
  switch (type) {
    case ROOMS_EVENT.snapshot:
      return { type, data: { rooms: valid } };
    case ROOMS_EVENT.changed:
      return Array.isArray(removed) ? { type, data: { rooms: valid, removed: removed.filter(isRoomName) } } : null;
    default:
      return exhaustive(type, null);
  }
}

function isRoomOverview(value: unknown): value is RoomOverview {
  if (typeof value !== 'object' || value === null) return false;
  const room = value as Record<string, unknown>;
  const count = (field: string) => typeof room[field] === 'number';
  return (
    isRoomName(room['name']) &&
    count('connections') &&
    count('online') &&
    count('people') &&
    (room['lastId'] === null || isEventId(room['lastId']))
  );
}
