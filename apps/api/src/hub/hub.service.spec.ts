import { ChatMessage, PresenceUpdate } from '@herald/contracts';
import { HubService } from './hub.service';
import { FeedListener } from './store/live-feed';
import { loadConfig } from '../config/load-config';
import { createMemoryStores } from './store/memory/memory-stores';
import { Stores } from './store/stores';
import { TooManyRoomsError } from '../errors/too-many-rooms.error';

/** Splits received SSE bytes into events: { id?, event?, data? } per frame. */
function parseFrames(chunks: Buffer[]): Array<Record<string, string>> {
  return Buffer.concat(chunks)
    .toString()
    .split('\n\n')
    .filter((frame) => frame.trim() !== '')
    .map((frame) =>
      Object.fromEntries(frame.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)])),
    );
}

const messagesOf = (chunks: Buffer[]) =>
  parseFrames(chunks)
    .filter((f) => f['event'] === 'message')
    .map((f) => JSON.parse(f['data']) as ChatMessage);

const turn = () => new Promise((resolve) => setImmediate(resolve));

const memoryStores = () =>
  createMemoryStores({
    historyLimit: 1000,
    maxRooms: 100,
    historyMaxAgeMs: 0,
    alwaysOpen: new Set(['lobby']),
    idempotencyWindowMs: 60_000,
  });
const config = loadConfig({ HERALD_STORE: 'memory:' }, false);

describe('HubService', () => {
  let hub: HubService;
  /** The open streams' leave functions, newest last. */
  const subscriptions: Array<() => void> = [];
  const sinkInto = (chunks: Buffer[]) => ({
    writeReplay: (frames: readonly Buffer[]) => void chunks.push(...frames),
    write: (frames: Buffer) => void chunks.push(frames),
    fail: (err: unknown) => fail(err),
  });

  function listen(room: string, lastEventId: string | null = null, name: string | null = null, authorId: string | null = null): Buffer[] {
    const chunks: Buffer[] = [];
    subscriptions.push(hub.join(room, { lastEventId, name, authorId }, sinkInto(chunks)));
    return chunks;
  }

  /** Waits until every stream has its catch-up (ending with the presence snapshot), then forgets it. */
  async function caughtUp(...streams: Buffer[][]): Promise<void> {
    await turn();
    await turn();
    for (const chunks of streams) {
      expect(parseFrames(chunks).at(-1)?.['event']).toBe('presence');
      chunks.length = 0;
    }
  }

  const presenceOf = (chunks: Buffer[]) =>
    parseFrames(chunks)
      .filter((f) => f['event'] === 'presence')
      .map((f) => JSON.parse(f['data']) as PresenceUpdate);

  beforeEach(() => {
    hub = new HubService(memoryStores(), config);
  });

  afterEach(() => {
    subscriptions.splice(0).forEach((leave) => leave());
    hub.onModuleDestroy();
  });

  it('delivers every message to every subscriber of the room, in order', async () => {
    const streams = [listen('r'), listen('r'), listen('r')];
    await turn();
    for (let i = 0; i < 20; i++) await hub.publish('r', { author: 'Ada', text: `m${i}` });
    await turn();
    for (const chunks of streams) {
      expect(messagesOf(chunks).map((m) => m.text)).toEqual(Array.from({ length: 20 }, (_, i) => `m${i}`));
    }
  });

  it('hands the same encoded bytes to every subscriber instead of encoding per client', async () => {
    const streams = [listen('r'), listen('r'), listen('r')];
    await caughtUp(...streams);
    await hub.publish('r', { author: 'Ada', text: 'once' });
    await turn();
    expect(streams[0]).toHaveLength(1);
    expect(streams[1][0]).toBe(streams[0][0]);
    expect(streams[2][0]).toBe(streams[0][0]);
  });

  it('joins the messages of one burst into one chunk per subscriber', async () => {
    const chunks = listen('r');
    await caughtUp(chunks);
    await Promise.all(Array.from({ length: 8 }, (_, i) => hub.publish('r', { author: 'Ada', text: `b${i}` })));
    await turn();
    expect(chunks).toHaveLength(1);
    expect(messagesOf(chunks).map((m) => m.text)).toEqual(['b0', 'b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7']);
  });

  it('sends a room only its own messages', async () => {
    const a = listen('a');
    const b = listen('b');
    await turn();
    await hub.publish('a', { author: 'Ada', text: 'to a' });
    await hub.publish('b', { author: 'Bob', text: 'to b' });
    await turn();
    expect(messagesOf(a).map((m) => m.text)).toEqual(['to a']);
    expect(messagesOf(b).map((m) => m.text)).toEqual(['to b']);
  });

  it('replays what came after the last event id, then continues live without gap or repeat', async () => {
    const first = await hub.publish('r', { author: 'Ada', text: '1' });
    await hub.publish('r', { author: 'Ada', text: '2' });
    await hub.publish('r', { author: 'Ada', text: '3' });
    const chunks = listen('r', first.id);
    // Published while the replay is being read and before the first flush: the seam.
    await hub.publish('r', { author: 'Ada', text: '4' });
    await turn();
    await hub.publish('r', { author: 'Ada', text: '5' });
    await turn();
    const ids = messagesOf(chunks).map((m) => m.id);
    expect(messagesOf(chunks).map((m) => m.text)).toEqual(['2', '3', '4', '5']);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('sends nothing from history to a subscriber without a last event id', async () => {
    await hub.publish('r', { author: 'Ada', text: 'before' });
    const chunks = listen('r');
    await turn();
    await hub.publish('r', { author: 'Ada', text: 'after' });
    await turn();
    expect(messagesOf(chunks).map((m) => m.text)).toEqual(['after']);
  });

  it('announces a reset before replaying everything held when the id is unknown', async () => {
    await hub.publish('r', { author: 'Ada', text: '1' });
    const chunks = listen('r', 'not-an-id');
    await turn();
    const frames = parseFrames(chunks);
    expect(frames[0]['event']).toBe('reset');
    expect(frames[0]['id']).toBeUndefined();
    expect(JSON.parse(frames[0]['data'])).toMatchObject({ reason: 'unknown-id', lastEventId: 'not-an-id' });
    expect(messagesOf(chunks).map((m) => m.text)).toEqual(['1']);
  });

  it('stops sending to a subscriber that unsubscribed', async () => {
    const chunks = listen('r');
    await caughtUp(chunks);
    subscriptions.pop()!();
    await hub.publish('r', { author: 'Ada', text: 'gone' });
    await turn();
    expect(chunks).toEqual([]);
    expect(await hub.rooms()).toEqual([
      { name: 'lobby', connections: 0, online: 0, people: 0 },
      { name: 'r', connections: 0, online: 0, people: 0 },
    ]);
  });

  it('tells a new subscriber who is in the room once its replay is done', async () => {
    const ada = listen('r', null, 'Ada');
    const anonymous = listen('r');
    await turn();
    await turn();
    const bob = listen('r', null, 'Bob');
    await turn();
    await turn();
    expect(presenceOf(bob)[0]).toEqual({ room: 'r', online: ['Ada', 'Bob'], people: [{ name: 'Ada' }, { name: 'Bob' }], connections: 3 });
    expect(presenceOf(ada).at(-1)).toMatchObject({ online: ['Ada', 'Bob'], joined: 'Bob' });
    expect(presenceOf(anonymous).at(-1)).toMatchObject({ online: ['Ada', 'Bob'], joined: 'Bob' });
  });

  it('announces a name going offline only when its last stream closes', async () => {
    const watcher = listen('r', null, 'Watcher');
    listen('r', null, 'Ada');
    const leaveSecondTab = hub.join('r', { lastEventId: null, name: 'Ada' }, sinkInto([]));
    await caughtUp(watcher);
    leaveSecondTab();
    await turn();
    expect(presenceOf(watcher)).toEqual([]);
    subscriptions.pop()!();
    await turn();
    expect(presenceOf(watcher)).toEqual([{ room: 'r', online: ['Watcher'], people: [{ name: 'Watcher' }], connections: 1, left: 'Ada' }]);
  });

  it('counts two verified streams under one name as two people, and announces each coming and going', async () => {
    const watcher = listen('r', null, 'Watcher');
    await caughtUp(watcher);
    listen('r', null, 'Ada', 'id-of-the-first-ada');
    await turn();
    listen('r', null, 'Ada', 'id-of-the-second-ada');
    // An unverified stream under the same name is a third "Ada", known by nothing but the name.
    listen('r', null, 'Ada');
    await turn();
    const late = listen('r');
    await turn();
    await turn();
    const people = [
      { name: 'Ada' },
      { name: 'Ada', authorId: 'id-of-the-first-ada' },
      { name: 'Ada', authorId: 'id-of-the-second-ada' },
      { name: 'Watcher' },
    ];
    expect(presenceOf(late)[0]).toEqual({ room: 'r', online: ['Ada', 'Watcher'], people, connections: 5 });
    expect(presenceOf(watcher).map((p) => p.joined)).toEqual(['Ada', 'Ada', 'Ada']);
    expect(await hub.rooms()).toEqual([
      { name: 'lobby', connections: 0, online: 0, people: 0 },
      { name: 'r', connections: 5, online: 2, people: 4 },
    ]);
  });

  it('counts anonymous streams without announcing them', async () => {
    const watcher = listen('r', null, 'Watcher');
    await caughtUp(watcher);
    listen('r');
    listen('r');
    await turn();
    await turn();
    expect(presenceOf(watcher)).toEqual([]);
    expect(await hub.rooms()).toEqual([
      { name: 'lobby', connections: 0, online: 0, people: 0 },
      { name: 'r', connections: 3, online: 1, people: 1 },
    ]);
  });

  it('lists the lobby, rooms with history or open streams, and forgets a room nobody posted to once its streams close', async () => {
    await hub.publish('posted', { author: 'Ada', text: 'hi' });
    listen('watched', null, 'Bob');
    await turn();
    expect(await hub.rooms()).toEqual([
      { name: 'lobby', connections: 0, online: 0, people: 0 },
      { name: 'posted', connections: 0, online: 0, people: 0 },
      { name: 'watched', connections: 1, online: 1, people: 1 },
    ]);
    subscriptions.pop()!();
    expect(await hub.rooms()).toEqual([
      { name: 'lobby', connections: 0, online: 0, people: 0 },
      { name: 'posted', connections: 0, online: 0, people: 0 },
    ]);
  });

  it('neither repeats nor skips when the live feed lags behind the replay (as a shared store can)', async () => {
    const memory = memoryStores();
    // Delivers live messages 30 ms late, so a replay can read messages the feed has not delivered yet.
    const lagging: Stores = {
      ...memory,
      feed: {
        watch: (room: string, listener: FeedListener) =>
          memory.feed.watch(room, {
            event: (event) => setTimeout(() => listener.event(event), 30),
            presence: (update) => listener.presence(update),
            typing: (update) => listener.typing(update),
          }),
      },
    };
    hub.onModuleDestroy();
    hub = new HubService(lagging, config);
    const first = await hub.publish('r', { author: 'Ada', text: '0' });
    const early = listen('r');
    await turn();
    for (let i = 1; i <= 5; i++) await hub.publish('r', { author: 'Ada', text: String(i) });
    const resumed = listen('r', first.id);
    for (let i = 6; i <= 10; i++) await hub.publish('r', { author: 'Ada', text: String(i) });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await hub.publish('r', { author: 'Ada', text: '11' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const expected = Array.from({ length: 11 }, (_, i) => String(i + 1));
    expect(messagesOf(resumed).map((m) => m.text)).toEqual(expected);
    expect(messagesOf(early).map((m) => m.text)).toEqual(expected);
  });

  it('writes the replay, the presence snapshot and live batches through the one sink, in that order', async () => {
    const first = await hub.publish('r', { author: 'Ada', text: 'replayed' });
    await hub.publish('r', { author: 'Ada', text: 'replayed too' });
    const chunks = listen('r', first.id);
    await turn();
    await turn();
    await hub.publish('r', { author: 'Ada', text: 'live' });
    await turn();
    expect(parseFrames(chunks).map((f) => f['event'])).toEqual(['message', 'presence', 'message']);
    expect(messagesOf(chunks).map((m) => m.text)).toEqual(['replayed too', 'live']);
  });

  it('tells the sink when the store fails while the stream catches up, and sends it nothing', async () => {
    const memory = memoryStores();
    const broken: Stores = {
      ...memory,
      messages: Object.assign(Object.create(memory.messages), { historyAfter: () => Promise.reject(new Error('store down')) }),
    };
    hub.onModuleDestroy();
    hub = new HubService(broken, config);
    const written: Buffer[] = [];
    const failures: unknown[] = [];
    subscriptions.push(
      hub.join(
        'r',
        { lastEventId: '1-0', name: null },
        { writeReplay: (frames) => void written.push(...frames), write: (b) => void written.push(b), fail: (e) => void failures.push(e) },
      ),
    );
    await turn();
    expect(failures).toEqual([new Error('store down')]);
    expect(written).toEqual([]);
  });

  it('starts a subscriber without a last event id where the live feed is: later messages once, none skipped', async () => {
    const first = listen('r');
    await caughtUp(first);
    await hub.publish('r', { author: 'Ada', text: 'before' });
    await turn();
    // Posted while the second joins, before the feed has flushed it.
    const posting = hub.publish('r', { author: 'Ada', text: 'while joining' });
    const second = listen('r');
    await posting;
    await hub.publish('r', { author: 'Ada', text: 'after' });
    await turn();
    await turn();
    expect(messagesOf(first).map((m) => m.text)).toEqual(['before', 'while joining', 'after']);
    expect(messagesOf(second).map((m) => m.text)).toEqual(['while joining', 'after']);
  });

  it('lets a stream into a room streamed here even at the room cap, and refuses one that would open a room', async () => {
    hub.onModuleDestroy();
    hub = new HubService(
      createMemoryStores({ historyLimit: 10, maxRooms: 1, historyMaxAgeMs: 0, alwaysOpen: new Set(['lobby']), idempotencyWindowMs: 0 }),
      { ...config, maxRooms: 1 },
    );
    await hub.admitStream('quiet');
    listen('quiet');
    await hub.publish('busy', { author: 'Ada', text: 'takes the one slot' });
    await expect(hub.admitStream('quiet')).resolves.toBeUndefined();
    await expect(hub.admitStream('other')).rejects.toThrow(TooManyRoomsError);
  });
});
