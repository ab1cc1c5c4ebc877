import { compareEventIds } from '@herald/contracts';
import { replayAfter } from '../replay-rule';
import { createMemoryStores } from './memory-stores';

const draft = (text: string) => ({ author: 'Ada', text });

/** The memory message store with the one reset rule, as the hub reads it. */
function memoryStore(historyLimit: number, maxRooms: number, historyMaxAgeMs = 0, now: () => number = Date.now) {
  const { messages } = createMemoryStores(
    { historyLimit, maxRooms, historyMaxAgeMs, alwaysOpen: new Set(['lobby', 'team']), idempotencyWindowMs: 60_000 },
    now,
  );
  return {
    append: messages.append.bind(messages),
    roomSlot: messages.roomSlot.bind(messages),
    rooms: messages.rooms.bind(messages),
    dropIdleRooms: messages.dropIdleRooms.bind(messages),
    page: messages.page.bind(messages),
    remove: messages.remove.bind(messages),
    replay: (room: string, afterId: string) => replayAfter(messages, room, afterId),
  };
}

describe('memory stores', () => {
  it('gives increasing ids even when the clock stands still or steps back', async () => {
    const times = [1000, 1000, 999, 1001];
    const store = memoryStore(10, 10, 0, () => times.shift()!);
    const ids: string[] = [];
    for (const text of ['a', 'b', 'c', 'd']) ids.push((await store.append('r', draft(text))).id);
    expect(ids).toEqual(['1000-0', '1000-1', '1000-2', '1001-0']);
    for (let i = 1; i < ids.length; i++) expect(compareEventIds(ids[i - 1], ids[i])).toBeLessThan(0);
  });

  it('keeps at most HISTORY_LIMIT messages per room, dropping the oldest', async () => {
    const store = memoryStore(3, 10);
    for (const text of ['1', '2', '3', '4', '5']) await store.append('r', draft(text));
    const page = await store.page('r', null, 50);
    expect(page.events.map((e) => e.message.text)).toEqual(['3', '4', '5']);
  });

  it('pages over messages only once some are deleted, and tells whether older messages remain', async () => {
    const store = memoryStore(10, 10);
    const ids: string[] = [];
    for (const text of ['1', '2', '3', '4', '5']) ids.push((await store.append('r', draft(text))).id);
    expect(await store.remove('r', ids[1], 'moderator')).toMatchObject({ id: ids[1], deletedBy: 'moderator' });
    expect(await store.remove('r', ids[0], 'author')).toMatchObject({ id: ids[0], deletedBy: 'author' });
    expect(await store.remove('r', ids[0], 'author')).toBeNull();
    const newest = await store.page('r', null, 2);
    expect(newest.events.map((e) => e.message.text)).toEqual(['4', '5']);
    expect(newest.hasMore).toBe(true);
    const rest = await store.page('r', newest.events[0].id, 2);
    expect(rest.events.map((e) => e.message.text)).toEqual(['3']);
    expect(rest.hasMore).toBe(false);
    // A replay from the deleted id goes on after it; the tombstones follow the messages, in id order.
    const replay = await store.replay('r', ids[1]);
    expect(replay.reset).toBeNull();
    expect(replay.events.map((e) => e.message?.text ?? `deleted ${e.deleted?.id}`)).toEqual([
      '3',
      '4',
      '5',
      `deleted ${ids[1]}`,
      `deleted ${ids[0]}`,
    ]);
  });

  it('drops messages older than the age bound when a message is posted', async () => {
    const times = [1_000, 5_000, 9_000];
    const store = memoryStore(10, 10, 5_000, () => times.shift()!);
    for (const text of ['old', 'older-but-kept', 'new']) await store.append('r', draft(text));
    const page = await store.page('r', null, 50);
    expect(page.events.map((e) => e.message.text)).toEqual(['older-but-kept', 'new']);
  });

  it('replays exactly the messages after a known id', async () => {
    const store = memoryStore(10, 10);
    const ids = [];
    for (const text of ['1', '2', '3', '4']) ids.push((await store.append('r', draft(text))).id);
    const replay = await store.replay('r', ids[1]);
    expect(replay.reset).toBeNull();
    expect(replay.events.map((e) => e.message?.text)).toEqual(['3', '4']);
  });

  it('replays all it holds with a reset for an id older than the history', async () => {
    const store = memoryStore(2, 10);
    const ids = [];
    for (const text of ['1', '2', '3', '4']) ids.push((await store.append('r', draft(text))).id);
    const replay = await store.replay('r', ids[0]);
    expect(replay.reset).toEqual({ reason: 'history-trimmed', lastEventId: ids[0], oldestId: ids[2] });
    expect(replay.events.map((e) => e.message?.text)).toEqual(['3', '4']);
  });

  it('needs no reset when the id is the last one dropped: nothing was missed', async () => {
    const store = memoryStore(2, 10);
    const ids = [];
    for (const text of ['1', '2', '3']) ids.push((await store.append('r', draft(text))).id);
    const replay = await store.replay('r', ids[0]);
    expect(replay.reset).toBeNull();
    expect(replay.events.map((e) => e.message?.text)).toEqual(['2', '3']);
  });

  it('replays all it holds with a reset for an id it never gave (e.g. from before a restart)', async () => {
    const store = memoryStore(10, 10, 0, () => 5000);
    await store.append('r', draft('1'));
    const replay = await store.replay('r', '9000-0');
    expect(replay.reset).toEqual({ reason: 'unknown-id', lastEventId: '9000-0', oldestId: '5000-0' });
    expect(replay.events.map((e) => e.message?.text)).toEqual(['1']);
  });

  it('pages history backwards, newest last, and says when older messages exist', async () => {
    const store = memoryStore(10, 10);
    const ids = [];
    for (const text of ['1', '2', '3', '4', '5']) ids.push((await store.append('r', draft(text))).id);
    const newest = await store.page('r', null, 2);
    expect(newest.events.map((e) => e.message.text)).toEqual(['4', '5']);
    expect(newest.hasMore).toBe(true);
    const older = await store.page('r', ids[3], 2);
    expect(older.events.map((e) => e.message.text)).toEqual(['2', '3']);
    const oldest = await store.page('r', ids[1], 2);
    expect(oldest.events.map((e) => e.message.text)).toEqual(['1']);
    expect(oldest.hasMore).toBe(false);
  });

  it('refuses to open a room beyond MAX_ROOMS, and keeps serving the existing ones', async () => {
    const store = memoryStore(10, 2);
    await store.append('a', draft('1'));
    await store.append('b', draft('1'));
    await expect(store.append('c', draft('1'))).rejects.toThrow('maximum of 2 rooms');
    await expect(store.append('a', draft('2'))).resolves.toBeTruthy();
  });

  it('opens the lobby and the configured rooms even when MAX_ROOMS rooms hold messages', async () => {
    const store = memoryStore(10, 2);
    await store.append('a', draft('1'));
    await store.append('b', draft('1'));
    expect(await store.roomSlot('c')).toBe('full');
    expect(await store.roomSlot('lobby')).toBe('held');
    await expect(store.append('lobby', draft('still here'))).resolves.toBeTruthy();
    await expect(store.append('team', draft('and here'))).resolves.toBeTruthy();
    expect(await store.roomSlot('a')).toBe('held');
  });

  it('gives the slot of a room back once its messages have aged out and no stream is open in it', async () => {
    let now = 10_000;
    const store = memoryStore(10, 2, 1_000, () => now);
    await store.append('a', draft('old'));
    await store.append('b', draft('old'));
    await store.append('lobby', draft('old'));
    expect(await store.roomSlot('c')).toBe('full');
    now += 500;
    expect(await store.dropIdleRooms(new Set())).toBe(0);
    now += 1_000;
    // 'b' has a stream open: it stays, empty; 'a' goes; the lobby is never dropped.
    expect(await store.dropIdleRooms(new Set(['b']))).toBe(1);
    expect((await store.rooms()).sort()).toEqual(['b', 'lobby']);
    expect(await store.roomSlot('c')).toBe('free');
    expect((await store.page('lobby', null, 10)).events).toEqual([]);
  });

  it('keeps rooms apart', async () => {
    const store = memoryStore(10, 10);
    await store.append('a', draft('for a'));
    await store.append('b', draft('for b'));
    expect((await store.page('a', null, 10)).events.map((e) => e.message.text)).toEqual(['for a']);
  });
});
