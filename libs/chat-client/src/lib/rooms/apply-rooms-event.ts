import { ROOMS_EVENT, type RoomOverview, type RoomsStreamEvent } from '@herald/contracts';
import { exhaustive } from '../exhaustive';

const byName = (a: RoomOverview, b: RoomOverview) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * The rooms after an event of the overview stream, sorted by name: a snapshot is the whole list (the one after a
 * reconnect too), a change replaces the rooms it names and drops the ones removed. Null before the first snapshot.
 */
export function applyRoomsEvent(rooms: readonly RoomOverview[] | null, event: RoomsStreamEvent): readonly RoomOverview[] {
  switch (event.type) {
    case ROOMS_EVENT.snapshot:
      return [...event.data.rooms].sort(byName);
    case ROOMS_EVENT.changed: {
      const next = new Map((rooms ?? []).map((room) => [room.name, room]));
      for (const room of event.data.rooms) next.set(room.name, room);
      for (const name of event.data.removed) next.delete(name);
      return [...next.values()].sort(byName);
    }
    default:
      return exhaustive(event, rooms ?? []);
  }
}
