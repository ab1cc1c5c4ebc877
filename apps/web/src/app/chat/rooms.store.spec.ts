import { TestBed } from '@angular/core/testing';
import { ChatApi, HERALD_GUEST_SESSIONS } from '@herald/chat-client';
import { FakeEventSource, provideChatFakes } from '@herald/chat-client/testing';
import type { ChatMessage, HistoryPage } from '@herald/contracts';
import { DisplayNameStore } from './display-name.store';
import { MAX_FOLLOWED_ROOMS, RoomsStore } from './rooms.store';

const message = (room: string, id: string, author = 'Bob'): ChatMessage => ({
  id,
  room,
  author,
  text: `${room} ${id}`,
  sentAt: '2025-01-01T12:00:00.000Z',
});
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('RoomsStore', () => {
  let store: RoomsStore;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideChatFakes(),
        // Streams open plainly here: guest sessions are the client library's to test.
        { provide: HERALD_GUEST_SESSIONS, useValue: false },
        {
          provide: ChatApi,
          useValue: {
            history: async (room: string): Promise<HistoryPage> => ({ room, messages: [message(room, '1-0')], hasMore: false }),
            rooms: async () => [{ name: 'general', connections: 3, online: 2 }],
            roomUrl: (room: string) => `/api/rooms/${room}/events`,
          },
        },
      ],
    });
    TestBed.inject(DisplayNameStore).set('Ada');
    store = TestBed.inject(RoomsStore);
  });

  it('counts unread messages by others in rooms out of view, and none in the room in view', async () => {
    store.enter('news');
    await settle();
    store.enter('lobby');
    await settle();

    FakeEventSource.openFor('news').emit('message', message('news', '2-0'));
    FakeEventSource.openFor('news').emit('message', message('news', '2-1', 'Ada'));
    FakeEventSource.openFor('news').emit('message', message('news', '2-2'));
    FakeEventSource.openFor('lobby').emit('message', message('lobby', '2-0'));

    const entry = (name: string) => store.entries().find((e) => e.name === name);
    expect(entry('news')).toEqual({ name: 'news', online: 0, unread: 2, current: false });
    expect(entry('lobby')?.unread).toBe(0);
    expect(entry('lobby')?.current).toBe(true);
    // The hidden-tab count includes the room in view, whose new message nobody has marked read.
    expect(store.totalUnread()).toBe(3);

    store.enter('news');
    store.currentStream()?.markRead();
    expect(entry('news')?.unread).toBe(0);
  });

  it('merges the server’s rooms with the followed ones, by name, online counts live where it can', async () => {
    store.enter('lobby');
    await settle();
    FakeEventSource.openFor('lobby').emit('presence', { room: 'lobby', online: ['Ada', 'Bob', 'Cy'], connections: 3 });

    expect(store.entries().map((e) => [e.name, e.online])).toEqual([
      ['general', 2],
      ['lobby', 3],
    ]);
  });

  it(`follows at most ${MAX_FOLLOWED_ROOMS} rooms, closing the stream of the least recently visited`, async () => {
    for (const room of ['a', 'b', 'c', 'd', 'e']) {
      store.enter(room);
      await settle();
    }
    expect(FakeEventSource.instances.filter((s) => !s.closed).map((s) => s.url.split('/')[3])).toEqual(['b', 'c', 'd', 'e']);
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
