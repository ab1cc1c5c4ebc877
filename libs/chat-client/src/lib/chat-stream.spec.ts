import { TestBed } from '@angular/core/testing';
import {
  type ChatMessage,
  type HistoryPage,
  type PostAccepted,
  type PresenceUpdate,
  type StreamReset,
  TYPING_HOLD_MS,
} from '@herald/contracts';
import { FakeEventSource, provideChatFakes } from '../testing';
import { ChatApi } from './chat-api';
import { ChatApiError } from './chat-api-error';
import { CHAT_MAX_MESSAGES } from './chat-max-messages.token';
import { DEFAULT_MAX_MESSAGES } from './chat-state';
import { ChatStream, TYPING_SEND_INTERVAL_MS } from './chat-stream';
import { HERALD_GUEST_SESSIONS, provideHerald } from './herald-config';

const message = (id: string, text = `text ${id}`): ChatMessage => ({
  id,
  room: 'lobby',
  author: 'Ada',
  text,
  sentAt: '2025-01-01T12:00:00.000Z',
});
const page = (...messages: ChatMessage[]): HistoryPage => ({ room: 'lobby', messages, hasMore: false });

describe('ChatStream', () => {
  let history: jest.Mock<Promise<HistoryPage>, [string, unknown?]>;
  let post: jest.Mock<Promise<PostAccepted>, [string, { author: string; text: string }, { idempotencyKey?: string }?]>;
  let typing: jest.Mock<Promise<void>, [string]>;

  function connect(room = 'lobby', name: string | null = null): ChatStream {
    const stream = TestBed.inject(ChatStream);
    stream.connect(room, { name });
    return stream;
  }

  /** Lets pending promises (the history request) settle. */
  const settle = () => jest.advanceTimersByTimeAsync(0);
  const ids = (stream: ChatStream) => stream.messages().map((m) => m.id);

  beforeEach(() => {
    jest.useFakeTimers();
    // Jitter at its top, so the waits are exactly 1 s, 2 s, 4 s …
    jest.spyOn(Math, 'random').mockReturnValue(1);
    history = jest.fn().mockResolvedValue(page());
    post = jest.fn();
    typing = jest.fn().mockResolvedValue(undefined);
    TestBed.configureTestingModule({
      providers: [
        ChatStream,
        provideChatFakes(),
        { provide: ChatApi, useValue: { history, post, typing, roomUrl: (room: string) => `/api/rooms/${room}/events` } },
        // Plain streams here; streams signed with a guest session are guest-session.spec.ts's.
        { provide: HERALD_GUEST_SESSIONS, useValue: false },
      ],
    });
  });

  afterEach(() => {
    TestBed.resetTestingModule();
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('shows recent history first, then opens the stream resuming after the newest message it loaded', async () => {
    history.mockResolvedValue(page(message('100-0'), message('100-1')));
    const stream = connect();
    expect(FakeEventSource.instances).toHaveLength(0);

    await settle();

    expect(history).toHaveBeenCalledWith('lobby');
    expect(ids(stream)).toEqual(['100-0', '100-1']);
    expect(FakeEventSource.latest.url).toBe('/api/rooms/lobby/events?lastEventId=100-1');
  });

  it('opens the stream without a resume id when the room is empty', async () => {
    connect();
    await settle();
    expect(FakeEventSource.latest.url).toBe('/api/rooms/lobby/events');
  });

  it('is connecting until the stream opens, then live, and appends incoming messages in order', async () => {
    const stream = connect();
    await settle();
    expect(stream.status()).toBe('connecting');

    FakeEventSource.latest.open();
    expect(stream.status()).toBe('live');

    FakeEventSource.latest.emit('message', message('200-0', 'hello'));
    FakeEventSource.latest.emit('message', message('200-1', 'world'));
    expect(stream.messages().map((m) => m.text)).toEqual(['hello', 'world']);
    expect(stream.lastEventId()).toBe('200-1');
  });

  it('orders ids numerically by both parts, not as strings', async () => {
    const stream = connect();
    await settle();
    FakeEventSource.latest.emit('message', message('5-10'));
    FakeEventSource.latest.emit('message', message('5-9'));
    FakeEventSource.latest.emit('message', message('40-0'));
    expect(ids(stream)).toEqual(['5-9', '5-10', '40-0']);
    expect(stream.lastEventId()).toBe('40-0');
  });

  it('says reconnecting on a dropped connection but leaves the retry to the browser', async () => {
    const stream = connect();
    await settle();
    const source = FakeEventSource.latest;
    source.open();

    source.fail();

    expect(stream.status()).toBe('reconnecting');
    expect(source.closed).toBe(false);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(FakeEventSource.instances).toHaveLength(1);

    source.open();
    expect(stream.status()).toBe('live');
  });

  it('reconnects by itself with growing waits once the browser gave up, resuming from the last id', async () => {
    history.mockResolvedValue(page(message('100-0')));
    const stream = connect();
    await settle();
    FakeEventSource.latest.open();
    FakeEventSource.latest.emit('message', message('100-1'));

    FakeEventSource.latest.fail(true);
    expect(stream.status()).toBe('reconnecting');
    expect(FakeEventSource.latest.closed).toBe(true);

    await jest.advanceTimersByTimeAsync(999);
    expect(FakeEventSource.instances).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(FakeEventSource.latest.resumeId).toBe('100-1');
    expect(history).toHaveBeenCalledTimes(1);

    // The server still refuses (say, a 503 during a deploy): the next wait doubles.
    FakeEventSource.latest.fail(true);
    await jest.advanceTimersByTimeAsync(1_999);
    expect(FakeEventSource.instances).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1);
    expect(FakeEventSource.instances).toHaveLength(3);

    FakeEventSource.latest.fail(true);
    await jest.advanceTimersByTimeAsync(4_000);
    expect(FakeEventSource.instances).toHaveLength(4);

    FakeEventSource.latest.open();
    expect(stream.status()).toBe('live');
  });

  it('caps the wait at 30 seconds and starts over from 1 second after a successful connection', async () => {
    connect();
    await settle();
    for (let i = 0; i < 8; i++) {
      FakeEventSource.latest.fail(true);
      await jest.advanceTimersByTimeAsync(30_000);
    }
    const before = FakeEventSource.instances.length;
    FakeEventSource.latest.fail(true);
    await jest.advanceTimersByTimeAsync(29_999);
    expect(FakeEventSource.instances).toHaveLength(before);
    await jest.advanceTimersByTimeAsync(1);
    expect(FakeEventSource.instances).toHaveLength(before + 1);

    FakeEventSource.latest.open();
    FakeEventSource.latest.fail(true);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(FakeEventSource.instances).toHaveLength(before + 2);
  });

  it('says offline while it waits with the device off the network, and retries as soon as it is back', async () => {
    const onLine = jest.spyOn(window.navigator, 'onLine', 'get').mockReturnValue(false);
    const stream = connect();
    await settle();
    FakeEventSource.latest.open();

    FakeEventSource.latest.fail(true);
    expect(stream.status()).toBe('offline');

    onLine.mockReturnValue(true);
    window.dispatchEvent(new Event('online'));
    await settle();
    expect(FakeEventSource.instances).toHaveLength(2);
  });

  it('says offline as soon as the device loses its network, even while the stream still looks open, and live once back', async () => {
    const stream = connect();
    await settle();
    FakeEventSource.latest.open();

    window.dispatchEvent(new Event('offline'));
    expect(stream.status()).toBe('offline');
    window.dispatchEvent(new Event('online'));
    expect(stream.status()).toBe('live');

    // A stream that dropped meanwhile is on its way back, not live.
    window.dispatchEvent(new Event('offline'));
    FakeEventSource.latest.fail();
    window.dispatchEvent(new Event('online'));
    expect(stream.status()).toBe('reconnecting');
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it('shows each message once when the replay after a reconnect overlaps what it already has', async () => {
    history.mockResolvedValue(page(message('100-0'), message('100-1')));
    const stream = connect();
    await settle();
    FakeEventSource.latest.fail(true);
    await jest.advanceTimersByTimeAsync(1_000);

    const resumed = FakeEventSource.latest;
    resumed.open();
    resumed.emit('message', message('100-1'));
    resumed.emit('message', message('100-2'));
    resumed.emit('message', message('100-2'));

    expect(ids(stream)).toEqual(['100-0', '100-1', '100-2']);
  });

  it('replaces the list with the replay after a reset', async () => {
    history.mockResolvedValue(page(message('100-0'), message('100-1')));
    const stream = connect();
    await settle();
    const source = FakeEventSource.latest;
    source.open();

    const reset: StreamReset = { reason: 'history-trimmed', lastEventId: '100-1', oldestId: '50-0' };
    source.emit('reset', reset);
    expect(stream.messages()).toEqual([]);

    source.emit('message', message('50-0'));
    source.emit('message', message('100-1'));
    expect(ids(stream)).toEqual(['50-0', '100-1']);
    expect(stream.lastEventId()).toBe('100-1');
  });

  it('says the view started over after a reset, and forgets the notices of the view it replaced', async () => {
    history.mockResolvedValue(page(message('100-0')));
    const stream = connect('lobby', 'Ada');
    await settle();
    const source = FakeEventSource.latest;
    source.emit('presence', { room: 'lobby', online: ['Ada'], connections: 1, joined: 'Ada' });
    expect(stream.resetNotice()).toBeNull();

    source.emit('reset', { reason: 'unknown-id', lastEventId: '100-0', oldestId: null } satisfies StreamReset);
    expect(stream.resetNotice()?.reason).toBe('unknown-id');
    expect(stream.notices()).toEqual([]);
    expect(stream.messages()).toEqual([]);
  });

  it('retries the history with backoff when the server cannot be reached at first', async () => {
    history.mockRejectedValueOnce(new Error('down')).mockResolvedValue(page(message('7-0')));
    const stream = connect();
    await settle();
    expect(stream.status()).toBe('reconnecting');
    expect(FakeEventSource.instances).toHaveLength(0);

    await jest.advanceTimersByTimeAsync(1_000);
    expect(ids(stream)).toEqual(['7-0']);
    expect(FakeEventSource.latest.resumeId).toBe('7-0');
  });

  it('closes the stream and cancels a pending reconnect on close()', async () => {
    const stream = connect();
    await settle();
    const source = FakeEventSource.latest;
    source.fail(true);

    stream.close();
    await jest.advanceTimersByTimeAsync(60_000);

    expect(source.closed).toBe(true);
    expect(FakeEventSource.instances).toHaveLength(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('tears down when its injector is destroyed, even with the history request still in flight', async () => {
    let answer!: (value: HistoryPage) => void;
    history.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    connect();

    TestBed.resetTestingModule();
    answer(page(message('1-0')));
    await settle();

    expect(FakeEventSource.instances).toHaveLength(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('closes the live stream when its injector is destroyed', async () => {
    connect();
    await settle();
    const source = FakeEventSource.latest;
    source.open();

    TestBed.resetTestingModule();

    expect(source.closed).toBe(true);
  });

  it('fills in what was posted to an empty room between its history and the moment its stream went live', async () => {
    const stream = connect();
    await settle();
    expect(FakeEventSource.latest.url).toBe('/api/rooms/lobby/events');
    // Posted while the stream was connecting: a stream opened without an id only sends what comes after it.
    history.mockResolvedValueOnce(page(message('7-0', 'early bird')));
    FakeEventSource.latest.open();
    await settle();
    expect(stream.messages().map((m) => m.text)).toEqual(['early bird']);
    expect(history).toHaveBeenLastCalledWith('lobby', { limit: 200 });
  });

  it('opens the stream under the reader’s display name, so others see them online', async () => {
    history.mockResolvedValue(page(message('100-0')));
    connect('lobby', ' Ada Lovelace ');
    await settle();
    expect(FakeEventSource.latest.url).toBe('/api/rooms/lobby/events?name=Ada+Lovelace&lastEventId=100-0');
  });

  it('keeps the messages and resumes under the new name when the reader renames themselves', async () => {
    history.mockResolvedValue(page(message('100-0')));
    const stream = connect('lobby', 'Ada');
    await settle();
    const first = FakeEventSource.latest;
    first.emit('message', message('100-1'));

    stream.connect('lobby', { name: 'Ada L' });
    await settle();

    expect(first.closed).toBe(true);
    expect(FakeEventSource.latest.url).toBe('/api/rooms/lobby/events?name=Ada+L&lastEventId=100-1');
    expect(ids(stream)).toEqual(['100-0', '100-1']);
    expect(history).toHaveBeenCalledTimes(1);
  });

  describe('presence', () => {
    const update = (online: string[], change: Partial<PresenceUpdate> = {}): PresenceUpdate => ({
      room: 'lobby',
      online,
      people: online.map((name) => ({ name })),
      connections: online.length,
      ...change,
    });

    it('says who is online and notes joins and leaves after the newest message', async () => {
      history.mockResolvedValue(page(message('100-0')));
      const stream = connect();
      await settle();
      const source = FakeEventSource.latest;

      source.emit('presence', update(['Ada']));
      expect(stream.presence()?.online).toEqual(['Ada']);
      expect(stream.notices()).toEqual([]);

      source.emit('presence', update(['Ada', 'Bob'], { joined: 'Bob' }));
      source.emit('message', message('100-1'));
      source.emit('presence', update(['Bob'], { left: 'Ada' }));

      expect(stream.presence()?.online).toEqual(['Bob']);
      expect(stream.notices().map((n) => [n.name, n.change, n.afterId])).toEqual([
        ['Bob', 'joined', '100-0'],
        ['Ada', 'left', '100-1'],
      ]);
    });

    it('does not note a leave and a join when someone reloads within seconds', async () => {
      const stream = connect();
      await settle();
      const source = FakeEventSource.latest;
      source.emit('presence', update(['Ada']));

      source.emit('presence', update([], { left: 'Ada' }));
      await jest.advanceTimersByTimeAsync(2_000);
      source.emit('presence', update(['Ada'], { joined: 'Ada' }));

      expect(stream.notices()).toEqual([]);
      expect(stream.presence()?.online).toEqual(['Ada']);
    });
  });

  describe('unread messages', () => {
    it('counts messages by others that arrived after the history shown and since the last markRead()', async () => {
      history.mockResolvedValue(page(message('100-0'), message('100-1')));
      const stream = connect('lobby', 'Ada');
      await settle();
      expect(stream.unread()).toBe(0);

      FakeEventSource.latest.emit('message', { ...message('100-2'), author: 'Bob' });
      FakeEventSource.latest.emit('message', { ...message('100-3'), author: 'Ada' });
      FakeEventSource.latest.emit('message', { ...message('100-4'), author: 'Grace' });
      expect(stream.unread()).toBe(2);

      stream.markRead();
      expect(stream.unread()).toBe(0);
      FakeEventSource.latest.emit('message', { ...message('100-5'), author: 'Bob' });
      expect(stream.unread()).toBe(1);
    });

    it('counts every message by others in a room that was empty', async () => {
      const stream = connect('lobby', 'Ada');
      await settle();
      FakeEventSource.latest.emit('message', { ...message('100-0'), author: 'Bob' });
      expect(stream.unread()).toBe(1);
    });
  });

  describe('older pages', () => {
    const numbered = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => message(`${from + i}-0`));

    it('loads the page before the oldest message and merges it without duplicates', async () => {
      history.mockResolvedValueOnce({ room: 'lobby', messages: numbered(51, 100), hasMore: true });
      const stream = connect();
      await settle();
      expect(stream.hasMore()).toBe(true);

      // The page overlaps what is held by one message (a message may arrive twice around a page's edge).
      history.mockResolvedValueOnce({ room: 'lobby', messages: numbered(1, 51), hasMore: false });
      const loading = stream.loadOlder();
      expect(stream.loadingOlder()).toBe(true);
      await loading;

      expect(history).toHaveBeenLastCalledWith('lobby', { before: '51-0', limit: 50 });
      expect(ids(stream)).toEqual(numbered(1, 100).map((m) => m.id));
      expect(stream.hasMore()).toBe(false);
      expect(stream.loadingOlder()).toBe(false);
      expect(stream.unread()).toBe(0);
    });

    it('asks for one page at a time and none once the oldest is reached', async () => {
      history.mockResolvedValueOnce({ room: 'lobby', messages: numbered(51, 100), hasMore: true });
      const stream = connect();
      await settle();
      let answer!: (page: HistoryPage) => void;
      history.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));

      void stream.loadOlder();
      void stream.loadOlder();
      answer({ room: 'lobby', messages: numbered(1, 50), hasMore: false });
      await settle();
      await stream.loadOlder();

      expect(history).toHaveBeenCalledTimes(2);
    });

    it('says why an older page failed and allows another try', async () => {
      history.mockResolvedValueOnce({ room: 'lobby', messages: numbered(51, 100), hasMore: true });
      const stream = connect();
      await settle();
      history.mockRejectedValueOnce(new ChatApiError('Could not reach the server.', 0));

      await stream.loadOlder();
      expect(stream.olderPageError()).toBe('Could not reach the server.');
      expect(stream.hasMore()).toBe(true);
    });
  });

  it('skips a frame it cannot read and goes on with the next', async () => {
    const stream = connect();
    await settle();
    FakeEventSource.latest.emit('message', { text: 'no id' });
    FakeEventSource.latest.emit('presence', 'not an update');
    FakeEventSource.latest.emit('message', message('1-0'));
    expect(ids(stream)).toEqual(['1-0']);
    expect(stream.presence()).toBeNull();
  });

  describe('message cap', () => {
    it(`holds ${DEFAULT_MAX_MESSAGES} messages unless configured otherwise`, async () => {
      const stream = connect();
      await settle();
      for (let i = 1; i <= DEFAULT_MAX_MESSAGES + 1; i++) FakeEventSource.latest.emit('message', message(`${i}-0`));
      expect(stream.messages()).toHaveLength(DEFAULT_MAX_MESSAGES);
      expect(stream.messages()[0].id).toBe('2-0');
    });

    it('drops the oldest beyond provideHerald’s maxMessages, and pages them in again on request', async () => {
      TestBed.configureTestingModule({ providers: [provideHerald({ maxMessages: 3 })] });
      history.mockResolvedValueOnce(page(message('1-0'), message('2-0'), message('3-0')));
      const stream = connect();
      await settle();
      expect(stream.hasMore()).toBe(false);

      FakeEventSource.latest.emit('message', message('4-0'));
      FakeEventSource.latest.emit('message', message('5-0'));
      expect(ids(stream)).toEqual(['3-0', '4-0', '5-0']);
      expect(stream.hasMore()).toBe(true);

      history.mockResolvedValueOnce(page(message('1-0'), message('2-0')));
      await stream.loadOlder();
      expect(history).toHaveBeenLastCalledWith('lobby', { before: '3-0', limit: 50 });
      expect(ids(stream)).toEqual(['1-0', '2-0', '3-0', '4-0', '5-0']);

      FakeEventSource.latest.emit('message', message('6-0'));
      expect(ids(stream)).toEqual(['2-0', '3-0', '4-0', '5-0', '6-0']);
    });

    it('takes the cap of the view that provides the stream', async () => {
      TestBed.configureTestingModule({ providers: [{ provide: CHAT_MAX_MESSAGES, useValue: 1 }] });
      const stream = connect();
      await settle();
      FakeEventSource.latest.emit('message', message('1-0'));
      FakeEventSource.latest.emit('message', message('2-0'));
      expect(ids(stream)).toEqual(['2-0']);
    });

    it('refuses a cap that is not a positive integer when configured', () => {
      expect(() => provideHerald({ maxMessages: 0 })).toThrow(RangeError);
      expect(() => provideHerald({ maxMessages: 2.5 })).toThrow('maxMessages must be a positive integer, not 2.5');
    });
  });
  describe('sending', () => {
    const accepted = (id: string): PostAccepted => ({ id, room: 'lobby', sentAt: '2025-01-01T12:00:00.000Z' });
    const unreachable = () => new ChatApiError('Could not reach the server. Check your connection and try again.', 0);

    it('shows the message as pending at once and drops it when the stream delivers it', async () => {
      post.mockResolvedValue(accepted('9-0'));
      const stream = connect('lobby', 'Ada');
      await settle();
      FakeEventSource.latest.open();

      const sending = stream.send('hello');
      expect(stream.pending().map((p) => [p.author, p.text, p.state])).toEqual([['Ada', 'hello', 'sending']]);
      await sending;
      expect(post).toHaveBeenCalledWith('lobby', { author: 'Ada', text: 'hello' }, { idempotencyKey: stream.pending()[0].key });
      expect(stream.pending()[0].state).toBe('sent');

      FakeEventSource.latest.emit('message', message('9-0', 'hello'));
      expect(stream.pending()).toEqual([]);
      expect(stream.messages().map((m) => m.text)).toEqual(['hello']);
    });

    it('keeps a failed message with its reason, and retries it under the same idempotency key', async () => {
      post.mockRejectedValueOnce(unreachable()).mockResolvedValueOnce(accepted('9-0'));
      const stream = connect('lobby', 'Ada');
      await settle();

      await stream.send('are you there?');
      const [failed] = stream.pending();
      expect(failed).toMatchObject({ state: 'failed', text: 'are you there?' });
      expect(failed.error?.message).toContain('Could not reach the server');

      await stream.retry(failed.key);
      expect(post).toHaveBeenCalledTimes(2);
      expect(post.mock.calls[1][2]).toEqual({ idempotencyKey: failed.key });
      expect(stream.pending()[0].state).toBe('sent');
    });

    it('gives every message its own key, and forgets a discarded one', async () => {
      post.mockRejectedValue(new ChatApiError('Too many posts', 429));
      const stream = connect('lobby', 'Ada');
      await settle();
      await stream.send('one');
      await stream.send('two');
      const keys = stream.pending().map((p) => p.key);
      expect(new Set(keys).size).toBe(2);

      stream.discard(keys[0]);
      expect(stream.pending().map((p) => p.text)).toEqual(['two']);
    });

    it('stops saying the server cannot be reached once the stream is live again', async () => {
      post.mockRejectedValue(unreachable());
      const stream = connect('lobby', 'Ada');
      await settle();
      FakeEventSource.latest.fail();
      expect(stream.status()).toBe('reconnecting');
      await stream.send('during the outage');
      expect(stream.pending()[0].error?.status).toBe(0);

      FakeEventSource.latest.open();
      expect(stream.pending()[0]).toMatchObject({ state: 'failed', error: null });
    });

    it('holds the ban a post was refused for until it ends, keeping the message to retry', async () => {
      const until = new Date(Date.now() + 10 * 60_000).toISOString();
      post.mockRejectedValue(new ChatApiError(`you are banned from the room "lobby" until ${until}`, 403, until));
      const stream = connect('lobby', 'Ada');
      await settle();
      FakeEventSource.latest.open();

      await stream.send('let me in');
      expect(stream.ban()).toMatchObject({ status: 403, bannedUntil: until });
      expect(stream.pending()[0]).toMatchObject({ state: 'failed', text: 'let me in' });

      await jest.advanceTimersByTimeAsync(10 * 60_000 - 1);
      expect(stream.ban()).not.toBeNull();
      await jest.advanceTimersByTimeAsync(1);
      expect(stream.ban()).toBeNull();
      // The stream was never refused: it stays as it was.
      expect(FakeEventSource.instances).toHaveLength(1);
      expect(stream.pending()[0].state).toBe('failed');
    });

    it('needs a name to send under', async () => {
      const stream = connect('lobby', null);
      await expect(stream.send('hi')).rejects.toThrow('needs a room and an author');
      await stream.send('hi', 'Grace');
      expect(post).toHaveBeenCalledWith('lobby', { author: 'Grace', text: 'hi' }, expect.anything());
    });
  });

  describe('deleted messages', () => {
    const tombstone = (id: string) => ({ id, room: 'lobby', deletedBy: 'author', deletedAt: '2025-01-01T12:05:00.000Z' }) as const;

    it('takes out at once a message the app deleted, and the tombstone that follows changes nothing', async () => {
      history.mockResolvedValue(page(message('100-0'), message('100-1')));
      const stream = connect();
      await settle();
      FakeEventSource.latest.open();

      stream.applyDeletion(tombstone('100-1'));
      expect(ids(stream)).toEqual(['100-0']);
      expect(stream.lastEventId()).toBe('100-0');
      const held = stream.messages();
      FakeEventSource.latest.emit('deleted', tombstone('100-1'));
      expect(stream.messages()).toBe(held);
    });

    it('takes out a message the stream says was deleted, and ignores a deletion meant for another room', async () => {
      history.mockResolvedValue(page(message('100-0'), message('100-1')));
      const stream = connect();
      await settle();
      FakeEventSource.latest.emit('deleted', tombstone('100-0'));
      stream.applyDeletion({ ...tombstone('100-1'), room: 'news' });
      expect(ids(stream)).toEqual(['100-1']);
    });
  });
  describe('typing', () => {
    const typist = (name: string, holdMs = TYPING_HOLD_MS) => ({
      room: 'lobby',
      name,
      authorId: `id-${name}`,
      until: new Date(Date.now() + holdMs).toISOString(),
    });

    it('shows who is typing until their time comes, with no further event', async () => {
      const stream = connect('lobby', 'Ada');
      await settle();
      FakeEventSource.latest.emit('typing', typist('Bob', 3_000));
      FakeEventSource.latest.emit('typing', typist('Cy'));
      expect(stream.typing().map((t) => t.name)).toEqual(['Bob', 'Cy']);

      await jest.advanceTimersByTimeAsync(3_000);
      expect(stream.typing().map((t) => t.name)).toEqual(['Cy']);
      await jest.advanceTimersByTimeAsync(TYPING_HOLD_MS - 3_000);
      expect(stream.typing()).toEqual([]);
    });

    it('tells the room the reader types at most once per interval, and never for an empty draft', async () => {
      const stream = connect('lobby', 'Ada');
      stream.sendTyping('   ');
      stream.sendTyping('h');
      stream.sendTyping('he');
      expect(typing).toHaveBeenCalledTimes(1);
      expect(typing).toHaveBeenCalledWith('lobby');

      await jest.advanceTimersByTimeAsync(TYPING_SEND_INTERVAL_MS);
      stream.sendTyping('hel');
      expect(typing).toHaveBeenCalledTimes(2);
    });

    it('ignores a failed telling, and tells a new room at once', async () => {
      typing.mockRejectedValue(new ChatApiError('banned', 403));
      const stream = connect('lobby', 'Ada');
      stream.sendTyping('hi');
      await settle();
      stream.connect('news', { name: 'Ada' });
      stream.sendTyping('hi');
      expect(typing.mock.calls.map(([room]) => room)).toEqual(['lobby', 'news']);
    });
  });

  describe('edits and read marks', () => {
    it('puts the reader’s edit in place at once, and the stream’s copy of it changes nothing', async () => {
      history.mockResolvedValue(page(message('100-0'), message('100-1')));
      const stream = connect();
      await settle();
      const edited = { ...message('100-0', 'fixed'), editedAt: '2025-01-01T12:01:00.000Z' };

      stream.applyEdit(edited);
      expect(stream.messages().map((m) => m.text)).toEqual(['fixed', 'text 100-1']);
      const held = stream.messages();
      FakeEventSource.latest.emit('edited', edited);
      expect(stream.messages()).toBe(held);
    });

    it('counts what came after the mark it was given as unread, and says where the new messages begin', async () => {
      history.mockResolvedValue(page(message('100-0'), message('100-1'), message('100-2')));
      const stream = TestBed.inject(ChatStream);
      stream.connect('lobby', { name: 'Grace', lastRead: '100-0' });
      expect(stream.loaded()).toBe(false);
      await settle();

      expect(stream.loaded()).toBe(true);
      expect(stream.unread()).toBe(2);
      expect(stream.newSince()).toBe('100-1');
      stream.markRead('100-1');
      expect(stream.unread()).toBe(1);
      expect(stream.lastRead()).toBe('100-1');

      FakeEventSource.latest.emit('message', message('100-3'));
      stream.revisit('100-2');
      expect(stream.newSince()).toBe('100-3');
    });

    it('counts the unread messages that mention the reader, and knows the names they may mention', async () => {
      history.mockResolvedValue(page(message('100-0')));
      const stream = connect('lobby', 'Grace');
      await settle();
      const names = stream.names();
      FakeEventSource.latest.emit('message', { ...message('100-1', '@grace look'), author: 'Bob' });
      FakeEventSource.latest.emit('message', message('100-2', 'hello'));

      expect(stream.unreadMentions().map((m) => m.id)).toEqual(['100-1']);
      expect(stream.names()).toEqual(['Ada', 'Bob', 'Grace']);
      FakeEventSource.latest.emit('message', message('100-3', 'again'));
      expect(stream.names()).not.toBe(names);
      const now = stream.names();
      FakeEventSource.latest.emit('message', message('100-4', 'and again'));
      expect(stream.names()).toBe(now);
    });
  });
});
