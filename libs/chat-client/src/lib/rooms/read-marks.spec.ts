import { TestBed } from '@angular/core/testing';
import type { RoomOverview } from '@herald/contracts';
import { CHAT_API_BASE_URL } from '../chat-api-base-url.token';
import { MAX_READ_MARKS, ReadMarks } from './read-marks';

const room = (name: string, lastId: string | null): RoomOverview => ({ name, connections: 0, online: 0, people: 0, lastId });
const KEY = 'herald.readMarks:/api';

describe('ReadMarks', () => {
  const marks = () => TestBed.inject(ReadMarks);

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [{ provide: CHAT_API_BASE_URL, useValue: '/api' }] });
  });

  afterEach(() => TestBed.resetTestingModule());

  it('shows nothing unread before tracking begins, and begins at the newest event of the first overview', () => {
    expect(marks().isUnread(room('lobby', '5-0'))).toBe(false);
    expect(marks().lastRead('lobby')).toBeNull();

    marks().begin([room('lobby', '5-0'), room('news', '9-0'), room('empty', null)]);

    // Never read here: nothing is new since the reader was here, but the room counts as read up to the floor.
    expect(marks().lastRead('lobby')).toBeNull();
    expect(marks().isUnread(room('lobby', '5-0'))).toBe(false);
    expect(marks().isUnread(room('lobby', '9-1'))).toBe(true);
    expect(marks().isUnread(room('news', '9-0'))).toBe(false);
    expect(marks().isUnread(room('news', '9-1'))).toBe(true);
    expect(marks().isUnread(room('empty', null))).toBe(false);
  });

  it('begins once per browser: a later overview (a reload) keeps rooms that started since unread', () => {
    marks().begin([room('lobby', '5-0')]);
    marks().begin([room('lobby', '5-0'), room('new', '7-0')]);
    expect(marks().isUnread(room('new', '7-0'))).toBe(true);
  });

  it('counts every event unread in a browser that began while nothing was held', () => {
    marks().begin([]);
    expect(marks().isUnread(room('lobby', '1-0'))).toBe(true);
  });

  it('keeps the first mark of a room even below the floor: the reader has been there now', () => {
    marks().begin([room('lobby', '9-0')]);
    marks().markRead('lobby', '5-0');
    expect(marks().lastRead('lobby')).toBe('5-0');
    expect(marks().isUnread(room('lobby', '9-0'))).toBe(true);
  });

  it('keeps each room’s mark across visits, moving forward only', () => {
    marks().begin([room('lobby', '5-0')]);
    marks().markRead('lobby', '8-0');
    marks().markRead('lobby', '6-0');
    marks().markRead('lobby', 'not-an-id');
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({ providers: [{ provide: CHAT_API_BASE_URL, useValue: '/api' }] });

    expect(marks().lastRead('lobby')).toBe('8-0');
    expect(marks().isUnread(room('lobby', '8-0'))).toBe(false);
    expect(marks().isUnread(room('lobby', '8-1'))).toBe(true);
  });

  it('marks nothing before tracking began', () => {
    marks().markRead('lobby', '8-0');
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it('takes the marks another tab wrote, and does not overwrite them with older ones of its own', () => {
    marks().begin([room('lobby', '1-0')]);
    const stored = { floor: '1-0', rooms: { lobby: '9-0' } };
    localStorage.setItem(KEY, JSON.stringify(stored));
    window.dispatchEvent(new StorageEvent('storage', { key: KEY }));
    expect(marks().lastRead('lobby')).toBe('9-0');

    localStorage.setItem(KEY, JSON.stringify({ ...stored, rooms: { lobby: '9-0', news: '4-0' } }));
    marks().markRead('art', '3-0');
    expect(JSON.parse(localStorage.getItem(KEY) ?? '')).toEqual({ floor: '1-0', rooms: { lobby: '9-0', news: '4-0', art: '3-0' } });
  });

  it(`keeps ${MAX_READ_MARKS} marks, raising the floor to the ones it lets go so their rooms stay read`, () => {
    const many = Object.fromEntries(Array.from({ length: MAX_READ_MARKS }, (_, i) => [`room-${i}`, `${i + 10}-0`]));
    localStorage.setItem(KEY, JSON.stringify({ floor: '1-0', rooms: many }));
    marks().markRead('latest', '5000-0');
    const kept = JSON.parse(localStorage.getItem(KEY) ?? '') as { floor: string; rooms: Record<string, string> };
    expect(Object.keys(kept.rooms)).toHaveLength(MAX_READ_MARKS);
    expect(kept.rooms['room-0']).toBeUndefined();
    expect(kept.floor).toBe('10-0');
    expect(marks().isUnread(room('room-0', '10-0'))).toBe(false);
  });

  it('ignores what is not its own in storage', () => {
    localStorage.setItem(KEY, '{"floor":"nope"}');
    expect(marks().lastRead('lobby')).toBeNull();
  });
});
