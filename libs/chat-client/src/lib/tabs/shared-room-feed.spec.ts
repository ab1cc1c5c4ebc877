import { EnvironmentInjector, createEnvironmentInjector } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { ChatMessage, HistoryPage, PresenceUpdate, StreamTicket } from '@herald/contracts';
import { FakeBroadcastChannel, FakeEventSource, FakeLocks, provideChatFakes } from '../../testing';
import { ChatApi } from '../chat-api';
import { ChatApiError } from '../chat-api-error';
import { ChatStream } from '../chat-stream';
import { HERALD_GUEST_SESSIONS } from '../herald-config';

const message = (id: string): ChatMessage => ({ id, room: 'lobby', author: 'Ada', text: `text ${id}`, sentAt: '2025-01-01T12:00:00.000Z' });
const page = (...messages: ChatMessage[]): HistoryPage => ({ room: 'lobby', messages, hasMore: false });

/** Lets every queued promise, lock grant and channel delivery run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('one stream per room for all tabs (Web Locks + BroadcastChannel)', () => {
  let history: jest.Mock<Promise<HistoryPage>, [string, unknown?]>;
  let streamTicket: jest.Mock<Promise<StreamTicket>, [string]>;
  let locks: FakeLocks | null;

  /** A browser tab showing `room`: its own injector, as a page has, closed with `close()`. */
  function tab(room = 'lobby', name: string | null = 'Ada') {
    const injector = createEnvironmentInjector([ChatStream], TestBed.inject(EnvironmentInjector));
    const stream = injector.get(ChatStream);
    stream.connect(room, { name });
    return { stream, close: () => injector.destroy(), ids: () => stream.messages().map((m) => m.id) };
  }

  const openSources = () => FakeEventSource.instances.filter((source) => !source.closed);

  function configure(withLocks = true) {
    locks = withLocks ? new FakeLocks() : null;
    TestBed.configureTestingModule({
      providers: [
        provideChatFakes({ locks }),
        { provide: ChatApi, useValue: { history, streamTicket, roomUrl: (room: string) => `/api/rooms/${room}/events` } },
        // Plain streams here; streams signed with a guest session are guest-session.spec.ts's.
        { provide: HERALD_GUEST_SESSIONS, useValue: false },
      ],
    });
  }

  beforeEach(() => {
    history = jest.fn().mockResolvedValue(page(message('100-0')));
    let issued = 0;
    streamTicket = jest.fn(async (_room: string) => ({ ticket: `ticket-${++issued}`, expiresAt: '2025-01-01T12:00:30.000Z' }));
  });

  afterEach(() => TestBed.resetTestingModule());

  it('opens a single stream for three tabs, and every tab shows what it delivers', async () => {
    configure();
    const tabs = [tab(), tab(), tab()];
    await settle();

    expect(openSources()).toHaveLength(1);
    expect(FakeEventSource.latest.url).toBe('/api/rooms/lobby/events?name=Ada&lastEventId=100-0');

    FakeEventSource.latest.open();
    FakeEventSource.latest.emit('message', message('100-1'));
    await settle();

    for (const { stream, ids } of tabs) {
      expect(ids()).toEqual(['100-0', '100-1']);
      expect(stream.status()).toBe('live');
    }
  });

  it('tells a tab that opens later the status and who is online, without a join notice', async () => {
    configure();
    tab();
    await settle();
    const presence: PresenceUpdate = {
      room: 'lobby',
      online: ['Ada', 'Grace'],
      people: [{ name: 'Ada' }, { name: 'Grace' }],
      connections: 2,
      joined: 'Grace',
    };
    FakeEventSource.latest.open();
    FakeEventSource.latest.emit('presence', presence);

    const late = tab();
    await settle();

    expect(late.stream.status()).toBe('live');
    expect(late.stream.presence()?.online).toEqual(['Ada', 'Grace']);
    expect(late.stream.notices()).toEqual([]);
    expect(openSources()).toHaveLength(1);
  });

  it('forwards presence changes to the other tabs as notices', async () => {
    configure();
    const leader = tab();
    const follower = tab();
    await settle();

    FakeEventSource.latest.emit('presence', { room: 'lobby', online: ['Ada', 'Bob'], connections: 2, joined: 'Bob' });
    await settle();

    for (const { stream } of [leader, follower]) {
      expect(stream.presence()?.online).toEqual(['Ada', 'Bob']);
      expect(stream.notices().map((n) => `${n.name} ${n.change}`)).toEqual(['Bob joined']);
    }
  });

  it('hands the stream to another tab when the leader closes, resuming from the last id without a gap', async () => {
    configure();
    const leader = tab();
    const second = tab();
    const third = tab();
    await settle();
    const first = FakeEventSource.latest;
    first.open();
    first.emit('message', message('100-1'));
    first.emit('message', message('100-2'));
    await settle();

    leader.close();
    await settle();

    expect(first.closed).toBe(true);
    expect(openSources()).toHaveLength(1);
    const next = FakeEventSource.latest;
    expect(next).not.toBe(first);
    expect(next.resumeId).toBe('100-2');
    expect(second.stream.status()).toBe('reconnecting');

    // The server replays what was published while nobody listened, then goes on live.
    next.open();
    next.emit('message', message('100-3'));
    next.emit('message', message('100-4'));
    await settle();

    for (const { stream, ids } of [second, third]) {
      expect(ids()).toEqual(['100-0', '100-1', '100-2', '100-3', '100-4']);
      expect(stream.status()).toBe('live');
    }
  });

  it('lets a tab that left the room stop queueing for its stream', async () => {
    configure();
    const leader = tab();
    const gone = tab();
    const staying = tab();
    await settle();
    gone.close();
    leader.close();
    await settle();

    expect(openSources()).toHaveLength(1);
    FakeEventSource.latest.emit('message', message('100-1'));
    await settle();
    expect(staying.ids()).toEqual(['100-0', '100-1']);
    expect(gone.ids()).toEqual(['100-0']);
  });

  it('fills a follower’s gap when the new leader resumes after messages the follower lacks', async () => {
    configure();
    const leader = tab();
    const next = tab();
    await settle();
    // A follower whose history predates the leader's position (as if its page had been loaded earlier).
    history.mockResolvedValueOnce(page(message('90-0')));
    const behind = tab();
    await settle();
    history.mockResolvedValue(page(message('90-0'), message('95-0'), message('100-0')));

    leader.close();
    await settle();

    expect(FakeEventSource.latest.resumeId).toBe('100-0');
    expect(next.ids()).toEqual(['100-0']);
    expect(behind.ids()).toEqual(['90-0', '95-0', '100-0']);
    expect(history).toHaveBeenLastCalledWith('lobby', { limit: 200 });
  });

  it('keeps the streams of different rooms and display names apart', async () => {
    configure();
    const lobby = tab('lobby');
    const news = tab('news');
    tab('lobby', 'Bob');
    await settle();

    expect(
      openSources()
        .map((s) => s.url)
        .sort(),
    ).toEqual([
      '/api/rooms/lobby/events?name=Ada&lastEventId=100-0',
      '/api/rooms/lobby/events?name=Bob&lastEventId=100-0',
      '/api/rooms/news/events?name=Ada&lastEventId=100-0',
    ]);
    const newsSource = openSources().find((s) => s.url.includes('/news/'))!;
    newsSource.emit('message', { ...message('200-0'), room: 'news' });
    await settle();
    expect(news.ids()).toEqual(['100-0', '200-0']);
    expect(lobby.ids()).toEqual(['100-0']);
  });

  it('takes a deleted message out in every tab, and a page still on its way to a new tab cannot bring it back', async () => {
    configure();
    const tabs = [tab(), tab()];
    await settle();
    FakeEventSource.latest.emit('message', message('100-1'));
    await settle();
    let answerLate: (page: HistoryPage) => void = () => undefined;
    history.mockReturnValueOnce(new Promise<HistoryPage>((resolve) => (answerLate = resolve)));
    const late = tab();
    await settle();

    FakeEventSource.latest.emit('deleted', { id: '100-1', room: 'lobby', deletedBy: 'moderator', deletedAt: '2025-01-01T12:05:00.000Z' });
    await settle();
    answerLate(page(message('100-0'), message('100-1')));
    await settle();

    for (const { ids } of [...tabs, late]) expect(ids()).toEqual(['100-0']);
  });

  it('tells every tab of a ban the leader met, with its end', async () => {
    configure();
    const tabs = [tab(), tab()];
    const follower = tabs[1];
    await settle();
    const other = new FakeBroadcastChannel('herald:/api:lobby:Ada');
    const bannedUntil = new Date(Date.now() + 60_000).toISOString();
    other.postMessage({ type: 'banned', message: `you are banned until ${bannedUntil}`, status: 403, bannedUntil });
    await settle();
    expect(follower.stream.ban()).toMatchObject({ status: 403, bannedUntil });
    other.close();
    tabs.forEach((t) => t.close());
  });

  it('opens a stream per tab where the browser has no Web Locks', async () => {
    configure(false);
    tab();
    tab();
    await settle();
    expect(openSources()).toHaveLength(2);
  });

  it('understands the channel messages tabs of an earlier release send, and ignores ones it does not know', async () => {
    configure();
    tab();
    const follower = tab();
    await settle();
    // An older or newer tab on the same channel, speaking the channel's own protocol.
    const other = new FakeBroadcastChannel('herald:/api:lobby:Ada');
    other.postMessage({ type: 'reaction', to: '100-0', emoji: 'wave' });
    other.postMessage({ type: 'message', message: message('100-1') });
    other.postMessage({ type: 'presence', presence: { room: 'lobby', online: ['Ada', 'Bob'], connections: 2, joined: 'Bob' } });
    await settle();

    expect(follower.ids()).toEqual(['100-0', '100-1']);
    expect(follower.stream.notices().map((n) => `${n.name} ${n.change}`)).toEqual(['Bob joined']);
    other.close();
  });

  it('forwards each stream event on the channel in its own message type', async () => {
    configure();
    tab();
    await settle();
    const heard: unknown[] = [];
    const listener = new FakeBroadcastChannel('herald:/api:lobby:Ada');
    listener.onmessage = (event) => heard.push(event.data);
    const typing = { room: 'lobby', name: 'Bob', authorId: 'id-Bob', until: '2025-01-01T12:00:06.000Z' };
    const edited = { ...message('100-1'), text: 'fixed', editedAt: '2025-01-01T12:01:00.000Z' };
    FakeEventSource.latest.emit('message', message('100-1'));
    FakeEventSource.latest.emit('reset', { reason: 'unknown-id', lastEventId: '100-1', oldestId: null });
    FakeEventSource.latest.emit('typing', typing);
    FakeEventSource.latest.emit('edited', edited);
    await settle();

    expect(heard).toEqual([
      { type: 'message', message: message('100-1') },
      { type: 'reset', reset: { reason: 'unknown-id', lastEventId: '100-1', oldestId: null } },
      { type: 'typing', typing },
      { type: 'edited', edited },
    ]);
    listener.close();
  });

  it('shows the other tabs who is typing and the edits, as the leader hears them', async () => {
    configure();
    tab();
    const follower = tab();
    await settle();
    FakeEventSource.latest.emit('typing', {
      room: 'lobby',
      name: 'Bob',
      authorId: 'id-Bob',
      until: new Date(Date.now() + 5_000).toISOString(),
    });
    FakeEventSource.latest.emit('edited', { ...message('100-0'), text: 'fixed', editedAt: '2025-01-01T12:01:00.000Z' });
    await settle();

    expect(follower.stream.typing().map((t) => t.name)).toEqual(['Bob']);
    expect(follower.stream.messages().map((m) => m.text)).toEqual(['fixed']);
  });

  describe('private rooms', () => {
    const ticketOf = (source: FakeEventSource) => new URL(source.url, 'http://localhost').searchParams.get('ticket');

    it('lets the leader alone fetch a ticket, and the next leader a fresh one of its own', async () => {
      configure();
      const leader = tab('private-team');
      const follower = tab('private-team');
      await settle();
      expect(openSources()).toHaveLength(1);
      expect(ticketOf(FakeEventSource.latest)).toBe('ticket-1');
      expect(streamTicket).toHaveBeenCalledTimes(1);

      leader.close();
      await settle();

      expect(openSources()).toHaveLength(1);
      expect(ticketOf(FakeEventSource.latest)).toBe('ticket-2');
      expect(FakeEventSource.latest.resumeId).toBe('100-0');
      FakeEventSource.latest.open();
      await settle();
      expect(follower.stream.status()).toBe('live');
    });

    it('tells the other tabs when the leader is refused, and each tab tries once at most', async () => {
      configure();
      streamTicket.mockRejectedValue(new ChatApiError('your token does not allow the private room "private-team"', 403));
      const tabs = [tab('private-team'), tab('private-team'), tab('private-team')];
      await settle();
      await settle();

      expect(FakeEventSource.instances).toHaveLength(0);
      expect(streamTicket).toHaveBeenCalledTimes(3);
      for (const { stream } of tabs) {
        expect(stream.status()).toBe('offline');
        expect(stream.accessDenied()).toMatchObject({ status: 403, message: 'your token does not allow the private room "private-team"' });
      }
      expect(locks?.isHeld('herald:/api:private-team:Ada')).toBe(false);
    });

    it('tells the other tabs that the leader was refused for a ban, and until when', async () => {
      configure();
      const bannedUntil = new Date(Date.now() + 60_000).toISOString();
      streamTicket.mockRejectedValue(new ChatApiError(`you are banned until ${bannedUntil}`, 403, bannedUntil));
      const tabs = [tab('private-team'), tab('private-team')];
      await settle();
      await settle();
      for (const { stream } of tabs) {
        expect(stream.accessDenied()).toMatchObject({ status: 403, bannedUntil });
        expect(stream.ban()).toBe(stream.accessDenied());
      }
      tabs.forEach((t) => t.close());
    });

    it('does not queue for the stream when the history is refused', async () => {
      configure();
      history.mockRejectedValue(new ChatApiError('send a token', 401));
      const tabs = [tab('private-team'), tab('private-team')];
      await settle();

      expect(streamTicket).not.toHaveBeenCalled();
      expect(history).toHaveBeenCalledTimes(2);
      for (const { stream } of tabs) expect(stream.accessDenied()?.status).toBe(401);
      expect(locks?.isHeld('herald:/api:private-team:Ada')).toBe(false);
    });
  });
});
