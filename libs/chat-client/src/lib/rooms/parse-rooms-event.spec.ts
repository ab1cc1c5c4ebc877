import { ROOMS_EVENT, type RoomOverview } from '@herald/contracts';
import { ROOMS_EVENT_TYPES, parseRoomsEvent } from './parse-rooms-event';

const lobby: RoomOverview = { name: 'lobby', connections: 2, online: 1, people: 1, lastId: '100-0' };
const empty: RoomOverview = { name: 'news', connections: 0, online: 0, people: 0, lastId: null };
const frame = (data: unknown) => JSON.stringify(data);

describe('parseRoomsEvent', () => {
  it('listens for every event of the overview the contracts name', () => {
    expect([...ROOMS_EVENT_TYPES].sort()).toEqual(Object.values(ROOMS_EVENT).sort());
  });

  it('reads a snapshot and a change into the contracts’ union', () => {
    expect(parseRoomsEvent(ROOMS_EVENT.snapshot, frame({ rooms: [lobby, empty] }))).toEqual({
      type: 'rooms',
      data: { rooms: [lobby, empty] },
    });
    expect(parseRoomsEvent(ROOMS_EVENT.changed, frame({ rooms: [lobby], removed: ['old'] }))).toEqual({
      type: 'rooms-changed',
      data: { rooms: [lobby], removed: ['old'] },
    });
  });

  it('leaves out a room that is not one, and keeps the others', () => {
    const bad = [{ ...lobby, name: 'Not A Room' }, { ...lobby, lastId: 'abc' }, { ...lobby, people: '1' }, null];
    expect(parseRoomsEvent(ROOMS_EVENT.snapshot, frame({ rooms: [...bad, empty] }))?.data.rooms).toEqual([empty]);
  });

  it('skips a frame that is not JSON, has no list of rooms, or a change without the rooms removed', () => {
    expect(parseRoomsEvent(ROOMS_EVENT.snapshot, '{')).toBeNull();
    expect(parseRoomsEvent(ROOMS_EVENT.snapshot, frame({ rooms: 'lobby' }))).toBeNull();
    expect(parseRoomsEvent(ROOMS_EVENT.changed, frame({ rooms: [lobby] }))).toBeNull();
    expect(parseRoomsEvent(ROOMS_EVENT.snapshot, undefined)).toBeNull();
  });
});
