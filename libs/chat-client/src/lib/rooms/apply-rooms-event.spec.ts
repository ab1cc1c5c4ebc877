import { ROOMS_EVENT, type RoomOverview } from '@herald/contracts';
import { applyRoomsEvent } from './apply-rooms-event';

const room = (name: string, lastId: string | null = null, people = 0): RoomOverview => ({
  name,
  connections: people,
  online: people,
  people,
  lastId,
});

describe('applyRoomsEvent', () => {
  it('takes a snapshot as the whole list, sorted by name', () => {
    const rooms = applyRoomsEvent([room('gone')], { type: ROOMS_EVENT.snapshot, data: { rooms: [room('news'), room('lobby')] } });
    expect(rooms.map((r) => r.name)).toEqual(['lobby', 'news']);
  });

  it('replaces the rooms a change names, adds new ones and drops the ones removed', () => {
    const before = [room('lobby', '1-0'), room('news', '2-0'), room('old', '3-0')];
    const after = applyRoomsEvent(before, {
      type: ROOMS_EVENT.changed,
      data: { rooms: [room('news', '4-0', 2), room('art', '5-0')], removed: ['old'] },
    });
    expect(after.map((r) => [r.name, r.lastId, r.people])).toEqual([
      ['art', '5-0', 0],
      ['lobby', '1-0', 0],
      ['news', '4-0', 2],
    ]);
  });

  it('starts from no rooms for a change before any snapshot', () => {
    expect(applyRoomsEvent(null, { type: ROOMS_EVENT.changed, data: { rooms: [room('lobby')], removed: [] } })).toEqual([room('lobby')]);
  });
});
