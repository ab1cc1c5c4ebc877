import { type ChatMessage, type MessageDeleted, type MessageDeletedBy, type MessageOrigin, eventIdTime } from '@herald/contracts';
import type { ChainableCommander, default as Redis } from 'ioredis';
import { TooManyRoomsError } from '../../../errors/too-many-rooms.error';
import { toHubEvent, toTombstone } from '../../event-frames';
import { type HubEvent, type MessageEvent, deletesId } from '../../hub-event';
import { type HistoryAfter, type MessageDraft, type MessageStore, type Page, type RoomSlot, type Stored, slotOf } from '../message-store';
import type { StoreLimits } from '../store-limits';
import type { CommandHealth } from './command-health';
import { runCommand } from './redis-command';
import { RedisKeys } from './redis-keys';
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

/**
 * Applies the age limit to a room exactly, then, when it may (ARGV 3 = '1') and nothing is left, drops it
 * from the rooms set in the same step, so a post racing the sweep either keeps the room or reopens it:
 * KEYS rooms set, room stream; ARGV room, oldest id to keep ('' for none), may drop. Returns 1 when dropped.
 */
const SWEEP_SCRIPT = `
if ARGV[2] ~= '' then redis.call('XTRIM', KEYS[2], 'MINID', ARGV[2]) end
if ARGV[3] == '1' and redis.call('XLEN', KEYS[2]) == 0 then
  redis.call('SREM', KEYS[1], ARGV[1])
  redis.call('DEL', KEYS[2])
  return 1
end
return 0
`;

/**
 * Deletes a message and appends its tombstone in one step: KEYS room stream; ARGV message id, who deleted it
 * ('author' or 'moderator'), max length. The entry itself goes (XDEL), so the text is no longer in Redis. Returns
 * the tombstone's id, or false when the stream holds no message with that id (a tombstone is not one).
 */
const REMOVE_SCRIPT = `
local held = redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1])
if #held == 0 then return false end
local fields = held[1][2]
for i = 1, #fields, 2 do
  if fields[i] == 'd' then return false end
end
redis.call('XDEL', KEYS[1], ARGV[1])
return redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[3], '*', 'd', ARGV[1], 'b', ARGV[2])
`;

/** Rooms as Redis Streams, shared by every instance: entry ids are the event ids. */
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
      this.commands.eval(
        APPEND_SCRIPT,
        3,
        this.keys.rooms(),
        this.keys.room(room),
        this.keys.idempotency(room, key ?? ''),
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
      ),
    );
    if (reply === null) throw new TooManyRoomsError(maxRooms);
    const [id, fresh] = reply as [string, string];
    return { id: String(id), fresh: fresh === '1' };
  }

  async historyAfter(room: string, afterId: string): Promise<HistoryAfter> {
    const key = this.keys.room(room);
    const [found, info] = await this.run(async () => {
      const results = (await this.commands.pipeline().call('XRANGE', key, afterId, afterId).call('XINFO', 'STREAM', key).exec()) ?? [];
      const [[rangeError, range] = [], [infoError, info] = []] = results;
      // A pipeline resolves with each command's error, a timeout too; XINFO answers an error for a room never posted to.
      if (rangeError) throw rangeError;
      if (infoError && !/no such key/i.test(infoError.message)) throw infoError;
      return [(range as StreamEntry[] | undefined) ?? [], infoError ? null : (info as unknown[])];
    });
    // The newest id trimmed, or deleted: a deleted message's id can stand for it, which at worst names a reset's
    // reason "history-trimmed" where it was "unknown-id".
    const maxDeleted = info ? String(fieldOf(info, 'max-deleted-entry-id') ?? '0-0') : '0-0';
    const trimmedThrough = maxDeleted === '0-0' ? null : maxDeleted;
    const after = await this.range(room, `(${afterId}`);
    if (found.length > 0 || afterId === maxDeleted || deletesId(after, afterId)) return { found: true, events: after, trimmedThrough };
    return { found: false, events: await this.range(room, '-'), trimmedThrough };
  }

  async message(room: string, id: string): Promise<ChatMessage | null> {
    const entries = (await this.run(() => this.commands.call('XRANGE', this.keys.room(room), id, id))) as StreamEntry[];
    return entries.length > 0 ? (toEvent(room, entries[0]).message ?? null) : null;
  }

  async remove(room: string, id: string, by: MessageDeletedBy): Promise<MessageDeleted | null> {
    const key = this.keys.room(room);
    const tombstone = await this.run(() => this.commands.eval(REMOVE_SCRIPT, 1, key, id, by, this.limits.historyLimit));
    if (tombstone === null) return null;
    return { id, room, deletedBy: by, deletedAt: new Date(eventIdTime(String(tombstone))).toISOString() };
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
        if (picked.length === limit) return { events: picked.reverse(), hasMore: true };
        picked.push(event);
      }
      if (entries.length <= limit) return { events: picked.reverse(), hasMore: false };
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
        pipeline.eval(SWEEP_SCRIPT, 2, this.keys.rooms(), this.keys.room(room), room, minId, mayDrop ? '1' : '0');
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
    return entries.map((entry) => toEvent(room, entry));
  }

  private run<T>(command: () => Promise<T>): Promise<T> {
    return runCommand(this.health, command);
  }
}

/** A stream entry as the event it stores: a message, or a tombstone (fields `d`, the deleted id, and `b`, by whom). */
export function toEvent(room: string, [id, fields]: StreamEntry): HubEvent {
  let author = '';
  let text = '';
  let origin: MessageOrigin | undefined;
  let authorId: string | undefined;
  let deletes: string | undefined;
  let by: MessageDeletedBy = 'moderator';
  for (let i = 0; i < fields.length; i += 2) {
    if (fields[i] === 'd') deletes = fields[i + 1];
    else if (fields[i] === 'b' && fields[i + 1] === 'author') by = 'author';
    else if (fields[i] === 'a') author = fields[i + 1];
    else if (fields[i] === 't') text = fields[i + 1];
    else if (fields[i] === 'o' && (fields[i + 1] === 'bot' || fields[i + 1] === 'system')) origin = fields[i + 1] as MessageOrigin;
    else if (fields[i] === 'i' && fields[i + 1] !== '') authorId = fields[i + 1];
  }
  const sentAt = new Date(eventIdTime(id)).toISOString();
  if (deletes !== undefined) return toTombstone(id, { id: deletes, room, deletedBy: by, deletedAt: sentAt });
  return toHubEvent({ id, room, author, text, sentAt, ...(origin ? { origin } : {}), ...(authorId ? { authorId } : {}) });
}

/** A field of an XINFO reply (a flat name/value list). */
function fieldOf(info: unknown[], name: string): unknown {
  for (let i = 0; i < info.length; i += 2) if (info[i] === name) return info[i + 1];
  return undefined;
}
