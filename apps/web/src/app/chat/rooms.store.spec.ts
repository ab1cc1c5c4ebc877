import { TestBed } from '@angular/core/testing';
import { ChatApi, HERALD_GUEST_SESSIONS, ReadMarks } from '@herald/chat-client';
import { FakeEventSource, provideChatFakes } from '@herald/chat-client/testing';
import type { ChatMessage, HistoryPage, RoomOverview } from '@herald/contracts';
import { DisplayNameStore } from './display-name.store';
import { MentionAlerts } from './mention-alerts';
import { MAX_FOLLOWED_ROOMS, RoomsStore } from './rooms.store';

const message = (room: string, id: string, author = 'Bob', text = `${room} ${id}`): ChatMessage => ({
  id,
  room,
  author,
  text,
  sentAt: '2025-01-01T12:00:00.000Z',
});
const overview = (name: string, lastId: string | null, people = 0): RoomOverview => ({
  name,
  connections: people,
  online: people,
  people,
  lastId,
});
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const MARKS = 'herald.readMarks:/api';

describe('RoomsStore', () => {
  let store: RoomsStore;
  let alerts: { note: jest.Mock };

  beforeEach(() => {
    localStorage.clear();
    alerts = { note: jest.fn() };
    TestBed.configureTestingModule({
      providers: [
        provideChatFakes(),
        // Streams open plainly here: guest sessions are the client library's to test.
        { provide: HERALD_GUEST_SESSIONS, useValue: false },
        { provide: MentionAlerts, useValue: alerts },
        {
          provide: ChatApi,
          useValue: {
            history: async (room: string): Promise<HistoryPage> => ({ room, messages: [message(room, '1-0')], hasMore: false }),
            roomUrl: (room: string) => `/api/rooms/${room}/events`,
          },
        },
      ],
    });
    TestBed.inject(DisplayNameStore).set('Ada');
    store = TestBed.inject(RoomsStore);
  });

  const entry = (name: string) => store.entries().find((e) => e.name === name);
  /** Marks another tab (or an earlier visit) wrote. */
  const stored = (marks: { floor: string; rooms: Record<string, string> }) => {
    localStorage.setItem(MARKS, JSON.stringify(marks));
    window.dispatchEvent(new StorageEvent('storage', { key: MARKS }));
  };
  const roomStreams = () => FakeEventSource.instances.filter((s) => !s.closed && !s.url.endsWith('/rooms/events'));

  it('counts unread messages by others in rooms out of view, and the mentions among them; none in the room in view', async () => {
    store.enter('news');
    await settle();
    store.enter('lobby');
    await settle();

    FakeEventSource.openFor('news').emit('message', message('news', '2-0'));
    FakeEventSource.openFor('news').emit('message', message('news', '2-1', 'Ada'));
    FakeEventSource.openFor('news').emit('message', message('news', '2-2', 'Bob', 'what do you think, @Ada?'));
    FakeEventSource.openFor('lobby').emit('message', message('lobby', '2-0'));

    expect(entry('news')).toEqual({ name: 'news', online: 0, unread: 2, mentions: 1, news: false, current: false });
    expect(entry('lobby')?.unread).toBe(0);
    expect(entry('lobby')?.current).toBe(true);
    // The hidden-tab count includes the room in view, whose new message nobody has marked read.
    expect(store.totalUnread()).toBe(3);

    store.enter('news');
    store.readCurrent();
    expect(entry('news')?.unread).toBe(0);
  });

  it('lists the overview’s rooms with the followed ones, by name, online counts live where it can', async () => {
    store.enter('lobby');
    await settle();
    FakeEventSource.overview().emit('rooms', { rooms: [overview('general', null, 2), overview('lobby', '1-0', 1)] });
    FakeEventSource.openFor('lobby').emit('presence', { room: 'lobby', online: ['Ada', 'Bob', 'Cy'], connections: 3 });

    expect(store.entries().map((e) => [e.name, e.online])).toEqual([
      ['general', 2],
      ['lobby', 3],
    ]);
  });

  it('tells a room not followed that has news since the reader’s mark, from the overview, surviving a reload', async () => {
    store.enter('lobby');
    await settle();
    FakeEventSource.overview().emit('rooms', { rooms: [overview('art', '5-0'), overview('lobby', '1-0')] });
    TestBed.tick();
    expect(entry('art')?.news).toBe(false);
    FakeEventSource.overview().emit('rooms-changed', { rooms: [overview('art', '6-0'), overview('music', '7-0')], removed: [] });
    expect([entry('art')?.news, entry('music')?.news, entry('lobby')?.news]).toEqual([true, true, false]);

    // A reload: new services, the marks from storage, a fresh snapshot.
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [
        provideChatFakes(),
        { provide: HERALD_GUEST_SESSIONS, useValue: false },
        { provide: MentionAlerts, useValue: alerts },
        { provide: ChatApi, useValue: { history: async (room: string) => ({ room, messages: [], hasMore: false }), roomUrl: () => '' } },
      ],
    });
    store = TestBed.inject(RoomsStore);
    store.enter('lobby');
    FakeEventSource.overview().emit('rooms', { rooms: [overview('art', '6-0'), overview('lobby', '1-0'), overview('music', '7-0')] });
    expect([entry('art')?.news, entry('music')?.news]).toEqual([true, true]);
  });

  it('opens a room from the reader’s mark, and keeps the mark it reads up to for the next visit', async () => {
    stored({ floor: '0-0', rooms: { news: '0-5' } });
    const stream = store.enter('news');
    await settle();
    expect(stream.newSince()).toBe('1-0');
    expect(stream.unread()).toBe(1);

    store.readCurrent();
    TestBed.tick();
    expect(JSON.parse(localStorage.getItem(MARKS) ?? '').rooms.news).toBe('1-0');
  });

  it('reads the room in view up to the newest event the overview knows of, a deletion too, once its stream is live', async () => {
    store.enter('lobby');
    await settle();
    FakeEventSource.overview().emit('rooms', { rooms: [overview('lobby', '1-0')] });
    TestBed.tick();
    FakeEventSource.overview().emit('rooms-changed', { rooms: [overview('lobby', '3-0')], removed: [] });
    store.readCurrent();
    expect(TestBed.inject(ReadMarks).lastRead('lobby')).toBe('1-0');

    FakeEventSource.openFor('lobby').open();
    store.readCurrent();
    expect(TestBed.inject(ReadMarks).lastRead('lobby')).toBe('3-0');
  });

  it('counts as read in a followed room what another tab read', async () => {
    stored({ floor: '0-0', rooms: {} });
    const news = store.enter('news');
    await settle();
    store.enter('lobby');
    await settle();
    FakeEventSource.openFor('news').emit('message', message('news', '2-0'));
    FakeEventSource.openFor('news').emit('message', message('news', '3-0'));
    expect(news.unread()).toBe(2);

    stored({ floor: '0-0', rooms: { news: '2-0' } });
    TestBed.tick();
    expect(news.unread()).toBe(1);
  });

  it('shows a followed room again from where the reader left it, with the line above what came since', async () => {
    const news = store.enter('news');
    await settle();
    store.readCurrent();
    TestBed.tick();
    store.enter('lobby');
    await settle();
    FakeEventSource.openFor('news').emit('message', message('news', '2-0'));

    store.enter('news');
    expect(news.newSince()).toBe('2-0');
  });

  it('hands the mentions of every followed room to the alerts, with whether its first page is in', async () => {
    store.enter('lobby');
    await settle();
    TestBed.tick();
    FakeEventSource.openFor('lobby').emit('message', message('lobby', '2-0', 'Bob', 'hey @ada'));
    TestBed.tick();
    const [room, mentions, loaded] = alerts.note.mock.calls.at(-1) as [string, ChatMessage[], boolean];
    expect([room, mentions.map((m) => m.id), loaded]).toEqual(['lobby', ['2-0'], true]);
  });

  it(`follows at most ${MAX_FOLLOWED_ROOMS} rooms, closing the stream of the least recently visited, and one overview`, async () => {
    for (const room of ['a', 'b', 'c', 'd', 'e']) {
      store.enter(room);
      await settle();
    }
    expect(roomStreams().map((s) => s.url.split('/')[3])).toEqual(['c', 'd', 'e']);
    expect(FakeEventSource.instances.filter((s) => s.url.endsWith('/rooms/events'))).toHaveLength(1);
  });

  it('reopens the followed streams under a new display name', async () => {
    store.enter('lobby');
    await settle();
    TestBed.inject(DisplayNameStore).set('Ada L');
    TestBed.tick();
    await settle();
    expect(FakeEventSource.openFor('lobby').url).toBe('/api/rooms/lobby/events?name=Ada+L&lastEventId=1-0');
  });
});
