import { type ChatMessage, type MessageDeleted, type MessageDeletedBy, type MessageOrigin, eventIdTime } from '@herald/contracts';
import type { ChainableCommander, default as Redis } from 'ioredis';
import { TooManyRoomsError } from '../../../errors/too-many-rooms.error';
import { toEditEvent, toHubEvent, toTombstone } from '../../event-frames';
import { type HubEvent, type MessageEvent, deletesId } from '../../hub-event';
import { type HistoryAfter, type MessageDraft, type MessageStore, type Page, type RoomSlot, type Stored, slotOf } from '../message-store';
import type { StoreLimits } from '../store-limits';
import type { CommandHealth } from './command-health';
import { runCommand } from './redis-command';
import { RedisKeys } from './redis-keys';
import { RedisScript } from './redis-script';
import type { StreamEntry } from './stream-reader';

/**
 * Stores the message and trims the room in one step, refusing a new room beyond the maximum (0: no maximum,
 * for the rooms that are always open; they do not count against it either), and answering a post whose
 * idempotency key is known with the id stored under it: KEYS rooms set, room stream, idempotency key;
 * ARGV room, max rooms, max length, author, text, oldest id to keep ('' for none), how long to keep the
 * idempotency key in ms ('' for a post without one), origin ('' for a person), author id ('' for a post without
 * a session), then the always-open rooms. Returns false when the rooms are full, else { id, '1' } for a stored
 * post or { id, '0' } for a retry.
 */
const APPEND_SCRIPT = `
if ARGV[7] ~= '' then
  local earlier = redis.call('GET', KEYS[3])
  if earlier then return { earlier, '0' } end
end
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then
  local max = tonumber(ARGV[2])
  if max > 0 then
    local count = redis.call('SCARD', KEYS[1])
    for i = 10, #ARGV do count = count - redis.call('SISMEMBER', KEYS[1], ARGV[i]) end
    if count >= max then return false end
  end
  redis.call('SADD', KEYS[1], ARGV[1])
end
local fields = { 'a', ARGV[4], 't', ARGV[5] }
if ARGV[8] ~= '' then
  table.insert(fields, 'o')
  table.insert(fields, ARGV[8])
end
if ARGV[9] ~= '' then
  table.insert(fields, 'i')
  table.insert(fields, ARGV[9])
end
local id = redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*', unpack(fields))
if ARGV[6] ~= '' then redis.call('XTRIM', KEYS[2], 'MINID', '~', ARGV[6]) end
if ARGV[7] ~= '' then redis.call('SET', KEYS[3], id, 'PX', ARGV[7]) end
return { id, '1' }
`;

/** Lua: whether stream id `a` is older than `b`. */
const OLDER_LUA = `
local function older(a, b)
  local am, as = string.match(a, '^(%d+)-(%d+)$')
  local bm, bs = string.match(b, '^(%d+)-(%d+)$')
  am, as, bm, bs = tonumber(am), tonumber(as), tonumber(bm), tonumber(bs)
  return am < bm or (am == bm and as < bs)
end
`;

/**
 * Applies the age limit to a room exactly, then, when it may (ARGV 3 = '1') and nothing is left, drops it
 * from the rooms set in the same step, so a post racing the sweep either keeps the room or reopens it; the
 * edits of messages trimmed away are forgotten. KEYS rooms set, room stream, edits hash; ARGV room, oldest id to
 * keep ('' for none), may drop. Returns 1 when dropped.
 */
const SWEEP_SCRIPT = `${OLDER_LUA}
if ARGV[2] ~= '' then redis.call('XTRIM', KEYS[2], 'MINID', ARGV[2]) end
if ARGV[3] == '1' and redis.call('XLEN', KEYS[2]) == 0 then
  redis.call('SREM', KEYS[1], ARGV[1])
  redis.call('DEL', KEYS[2], KEYS[3])
  return 1
end
local first = redis.call('XRANGE', KEYS[2], '-', '+', 'COUNT', 1)[1]
for _, id in ipairs(redis.call('HKEYS', KEYS[3])) do
  if first == nil or older(id, first[1]) then redis.call('HDEL', KEYS[3], id) end
end
return 0
`;

/** Lua: the entry `id` of stream `key` when it is a message (not a tombstone, not an edit), else nil. */
const MESSAGE_LUA = `
local function message(key, id)
  local held = redis.call('XRANGE', key, id, id)[1]
  if held == nil then return nil end
  for i = 1, #held[2], 2 do
    if held[2][i] == 'd' or held[2][i] == 'e' then return nil end
  end
  return held
end
`;

/**
 * Deletes a message and appends its tombstone in one step: KEYS room stream, edits hash; ARGV message id, who
 * deleted it ('author' or 'moderator'), max length. The entry itself goes (XDEL), and so do its edits' entries,
 * so its text is no longer in Redis; the tombstone names them (`c`), so their ids stay known. Returns the
 * tombstone's id, or false when the stream holds no message with that id.
 */
const REMOVE_SCRIPT = `${MESSAGE_LUA}
if message(KEYS[1], ARGV[1]) == nil then return false end
local fields = { 'd', ARGV[1], 'b', ARGV[2] }
local edits = redis.call('HGET', KEYS[2], ARGV[1])
if edits then
  local ids = cjson.decode(edits).ids
  for _, id in ipairs(ids) do redis.call('XDEL', KEYS[1], id) end
  redis.call('HDEL', KEYS[2], ARGV[1])
  table.insert(fields, 'c')
  table.insert(fields, table.concat(ids, ','))
end
redis.call('XDEL', KEYS[1], ARGV[1])
return redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[3], '*', unpack(fields))
`;

/**
 * Edits a message in one step: appends an edit entry (`e` the message's id, its author fields, `t` the new text)
 * and records the latest text in the edits hash, which reads of the message apply: KEYS room stream, edits hash;
 * ARGV message id, new text, max length. Returns the edit entry's id and fields, or false when the stream holds no
 * message with that id.
 */
const EDIT_SCRIPT = `${MESSAGE_LUA}
local held = message(KEYS[1], ARGV[1])
if held == nil then return false end
local fields = { 'e', ARGV[1], 't', ARGV[2] }
for i = 1, #held[2], 2 do
  local name = held[2][i]
  if name == 'a' or name == 'o' or name == 'i' then
    table.insert(fields, name)
    table.insert(fields, held[2][i + 1])
  end
end
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[3], '*', unpack(fields))
local prior = redis.call('HGET', KEYS[2], ARGV[1])
local ids = prior and cjson.decode(prior).ids or {}
table.insert(ids, id)
redis.call('HSET', KEYS[2], ARGV[1], cjson.encode({ t = ARGV[2], id = id, ids = ids }))
return { id, fields }
`;

/** Rooms as Redis Streams, shared by every instance: entry ids are the event ids. */
/**
 * What a stream resuming after an id needs, in one round trip: KEYS room stream, edits hash; ARGV the id.
 * Returns whether the id is held (1 or 0), the newest id trimmed or deleted ('0-0': none), the entries after
 * it, and beside each the latest edit of its message (nil: none).
 */
const READ_AFTER_SCRIPT = `
local found = #redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1])
local maxDeleted = '0-0'
if redis.call('EXISTS', KEYS[1]) == 1 then
  local info = redis.call('XINFO', 'STREAM', KEYS[1])
  for i = 1, #info, 2 do
    if info[i] == 'max-deleted-entry-id' then maxDeleted = info[i + 1] end
  end
end
local entries = redis.call('XRANGE', KEYS[1], '(' .. ARGV[1], '+')
local edits = {}
if redis.call('EXISTS', KEYS[2]) == 1 then
  for i, entry in ipairs(entries) do edits[i] = redis.call('HGET', KEYS[2], entry[1]) end
end
return { found, maxDeleted, entries, edits }
`;

const [APPEND, READ_AFTER, REMOVE, EDIT] = [APPEND_SCRIPT, READ_AFTER_SCRIPT, REMOVE_SCRIPT, EDIT_SCRIPT].map(
  (lua) => new RedisScript(lua),
);

export class RedisMessageStore implements MessageStore {
  constructor(
    /** Fails at once while Redis is unreachable, and within its timeout while Redis does not answer. */
    private readonly commands: Redis,
    private readonly health: CommandHealth,
    private readonly keys: RedisKeys,
    private readonly limits: StoreLimits,
  ) {}

  /** True while commands reach Redis and it answers them in time. */
  get isAvailable(): boolean {
    return this.health.isAvailable;
  }

  async append(room: string, draft: MessageDraft): Promise<Stored> {
    const { historyLimit, maxRooms, alwaysOpen, idempotencyWindowMs } = this.limits;
    const key = draft.idempotencyKey;
    const reply = await this.run(() =>
      APPEND.run(
        this.commands,
        [this.keys.rooms(), this.keys.room(room), this.keys.idempotency(room, key ?? '')],
        [
          room,
          alwaysOpen.has(room) ? 0 : maxRooms,
          historyLimit,
          draft.author,
          draft.text,
          this.oldestKept(),
          key === undefined ? '' : idempotencyWindowMs,
          draft.origin ?? '',
          draft.authorId ?? '',
          ...alwaysOpen,
        ],
      ),
    );
    if (reply === null) throw new TooManyRoomsError(maxRooms);
    const [id, fresh] = reply as [string, string];
    return { id: String(id), fresh: fresh === '1' };
  }

  async historyAfter(room: string, afterId: string): Promise<HistoryAfter> {
    const { room: key, edits } = { room: this.keys.room(room), edits: this.keys.edits(room) };
    const [found, maxDeleted, entries, latest] = (await this.run(() => READ_AFTER.run(this.commands, [key, edits], [afterId]))) as [
      number,
      string,
      StreamEntry[],
      Array<string | null>,
    ];
    // The newest id trimmed, or deleted: a deleted message's id can stand for it, which at worst names a reset's
    // reason "history-trimmed" where it was "unknown-id".
    const trimmedThrough = maxDeleted === '0-0' ? null : maxDeleted;
    const after = entries.map((entry, i) => withEdit(toEvent(room, entry), latest[i] ?? null));
    if (found > 0 || afterId === maxDeleted || deletesId(after, afterId)) return { found: true, events: after, trimmedThrough };
    return { found: false, events: await this.range(room, '-'), trimmedThrough };
  }

  async message(room: string, id: string): Promise<ChatMessage | null> {
    const entries = (await this.run(() => this.commands.call('XRANGE', this.keys.room(room), id, id))) as StreamEntry[];
    const [event] = await this.withEdits(
      room,
      entries.map((entry) => toEvent(room, entry)),
    );
    return event?.message ?? null;
  }

  async remove(room: string, id: string, by: MessageDeletedBy): Promise<MessageDeleted | null> {
    const { room: key, edits } = { room: this.keys.room(room), edits: this.keys.edits(room) };
    const tombstone = await this.run(() => REMOVE.run(this.commands, [key, edits], [id, by, this.limits.historyLimit]));
    if (tombstone === null) return null;
    return { id, room, deletedBy: by, deletedAt: new Date(eventIdTime(String(tombstone))).toISOString() };
  }

  async edit(room: string, id: string, text: string): Promise<ChatMessage | null> {
    const { room: key, edits } = { room: this.keys.room(room), edits: this.keys.edits(room) };
    const entry = await this.run(() => EDIT.run(this.commands, [key, edits], [id, text, this.limits.historyLimit]));
    if (entry === null) return null;
    return toEvent(room, entry as StreamEntry).edited ?? null;
  }

  /** `events` with the latest text of each message edited: one read of the room's edits, when any is a message. */
  private async withEdits<T extends HubEvent>(room: string, events: T[]): Promise<T[]> {
    const messages = events.filter((event) => event.message !== undefined);
    if (messages.length === 0) return events;
    const latest = (await this.run(() => this.commands.hmget(this.keys.edits(room), ...messages.map((event) => event.id)))) as Array<
      string | null
    >;
    const byId = new Map<string, string>();
    messages.forEach((event, i) => {
      const edit = latest[i];
      if (edit !== null) byId.set(event.id, edit);
    });
    if (byId.size === 0) return events;
    return events.map((event) => withEdit(event, byId.get(event.id) ?? null));
  }

  async lastId(room: string): Promise<string | null> {
    const newest = await this.run(() => this.commands.call('XREVRANGE', this.keys.room(room), '+', '-', 'COUNT', 1));
    return (newest as StreamEntry[])[0]?.[0] ?? null;
  }

  /** Newest first, skipping tombstones, one more entry than the page holds per read: it says whether there is more. */
  async page(room: string, beforeId: string | null, limit: number): Promise<Page> {
    const picked: MessageEvent[] = [];
    let end = beforeId === null ? '+' : `(${beforeId}`;
    for (;;) {
      const from = end;
      const entries = (await this.run(() =>
        this.commands.call('XREVRANGE', this.keys.room(room), from, '-', 'COUNT', limit + 1),
      )) as StreamEntry[];
      for (const entry of entries) {
        const event = toEvent(room, entry);
        if (!event.message) continue;
        if (picked.length === limit) return { events: await this.withEdits(room, picked.reverse()), hasMore: true };
        picked.push(event);
      }
      if (entries.length <= limit) return { events: await this.withEdits(room, picked.reverse()), hasMore: false };
      end = `(${entries[entries.length - 1][0]}`;
    }
  }

  rooms(): Promise<string[]> {
    return this.run(() => this.commands.smembers(this.keys.rooms()));
  }

  async roomSlot(room: string): Promise<RoomSlot> {
    if (this.limits.alwaysOpen.has(room)) return 'held';
    const key = this.keys.rooms();
    const [member, count, openHeld] = await this.pipelined((pipeline) =>
      pipeline
        .sismember(key, room)
        .scard(key)
        .smismember(key, [...this.limits.alwaysOpen]),
    );
    const capped = Number(count) - (openHeld as number[]).reduce((sum, held) => sum + held, 0);
    return slotOf(member === 1, capped, this.limits.maxRooms);
  }

  async dropIdleRooms(inUse: ReadonlySet<string>): Promise<number> {
    const rooms = await this.rooms();
    if (rooms.length === 0) return 0;
    const minId = this.oldestKept();
    const results = await this.pipelined((pipeline) => {
      for (const room of rooms) {
        const mayDrop = !inUse.has(room) && !this.limits.alwaysOpen.has(room);
        pipeline.eval(SWEEP_SCRIPT, 3, this.keys.rooms(), this.keys.room(room), this.keys.edits(room), room, minId, mayDrop ? '1' : '0');
      }
    });
    return results.filter((result) => result === 1).length;
  }

  /** Runs the commands `build` queues in one round trip; rejects with the first command's error, a timeout too. */
  private pipelined(build: (pipeline: ChainableCommander) => void): Promise<unknown[]> {
    return this.run(async () => {
      const pipeline = this.commands.pipeline();
      build(pipeline);
      const replies = (await pipeline.exec()) ?? [];
      const failed = replies.find(([err]) => err);
      if (failed) throw failed[0];
      return replies.map(([, result]) => result);
    });
  }

  /** The oldest id HISTORY_MAX_AGE_MS keeps now, or '' when it keeps every age. */
  private oldestKept(): string {
    const { historyMaxAgeMs } = this.limits;
    return historyMaxAgeMs > 0 ? `${Date.now() - historyMaxAgeMs}-0` : '';
  }

  private async range(room: string, start: string): Promise<HubEvent[]> {
    const entries = (await this.run(() => this.commands.call('XRANGE', this.keys.room(room), start, '+'))) as StreamEntry[];
    return this.withEdits(
      room,
      entries.map((entry) => toEvent(room, entry)),
    );
  }

  private run<T>(command: () => Promise<T>): Promise<T> {
    return runCommand(this.health, command);
  }
}

/** A message event with the text of its latest edit (the edits hash's JSON for it); anything else as it is. */
function withEdit<T extends HubEvent>(event: T, edit: string | null): T {
  if (edit === null || !event.message) return event;
  const { t, id } = JSON.parse(edit) as { t: string; id: string };
  return toHubEvent({ ...event.message, text: t, editedAt: new Date(eventIdTime(id)).toISOString() }) as T;
}

/**
 * A stream entry as the event it stores: a message; a tombstone (fields `d`, the deleted id, `b`, by whom, and
 * `c`, the ids of its edits taken out with it); or an edit (`e`, the edited id, with the message's fields and
 * its new text). A message's text as stored is its first: reads apply the edits hash (withEdits).
 */
export function toEvent(room: string, [id, fields]: StreamEntry): HubEvent {
  let author = '';
  let text = '';
  let origin: MessageOrigin | undefined;
  let authorId: string | undefined;
  let deletes: string | undefined;
  let edits: string | undefined;
  let covers: string[] | undefined;
  let by: MessageDeletedBy = 'moderator';
  for (let i = 0; i < fields.length; i += 2) {
    if (fields[i] === 'd') deletes = fields[i + 1];
    else if (fields[i] === 'e') edits = fields[i + 1];
    else if (fields[i] === 'c') covers = fields[i + 1].split(',');
    else if (fields[i] === 'b' && fields[i + 1] === 'author') by = 'author';
    else if (fields[i] === 'a') author = fields[i + 1];
    else if (fields[i] === 't') text = fields[i + 1];
    else if (fields[i] === 'o' && (fields[i + 1] === 'bot' || fields[i + 1] === 'system')) origin = fields[i + 1] as MessageOrigin;
    else if (fields[i] === 'i' && fields[i + 1] !== '') authorId = fields[i + 1];
  }
  const at = new Date(eventIdTime(id)).toISOString();
  if (deletes !== undefined) return toTombstone(id, { id: deletes, room, deletedBy: by, deletedAt: at }, covers);
  const message = (messageId: string, sentAt: string, editedAt?: string): ChatMessage => ({
    id: messageId,
    room,
    author,
    text,
    sentAt,
    ...(origin ? { origin } : {}),
    ...(authorId ? { authorId } : {}),
    ...(editedAt ? { editedAt } : {}),
  });
  if (edits !== undefined) return toEditEvent(id, message(edits, new Date(eventIdTime(edits)).toISOString(), at));
  return toHubEvent(message(id, at));
}
