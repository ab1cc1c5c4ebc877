import { Logger } from '@nestjs/common';
import type { RoomSummary } from '@herald/contracts';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { compareEventIds, eventIdTime } from '@herald/contracts';
import { HubEvent } from '../hub-event';
import { toHubEvent } from '../event-frames';
import { TooManyRoomsError } from '../../errors/too-many-rooms.error';
import { FeedListener, MessageDraft, Page, PresenceSnapshot, Replay, Transport, Watch } from '../transport';
import { StoreUnavailableError } from '../../errors/store-unavailable.error';
import { RedisKeys } from './redis-keys';
import { RedisPresence } from './redis-presence';
import { StreamEntry, StreamReader } from './stream-reader';

export interface RedisTransportOptions {
  url: string;
  prefix: string;
  historyLimit: number;
  /** Messages older than this are trimmed when a message is posted; 0 keeps them (up to historyLimit). */
  historyMaxAgeMs: number;
  maxRooms: number;
  /** How long an instance's presence lives in Redis unless refreshed. */
  presenceTtlMs: number;
  /** Called with every error a Redis connection reports (for the metrics). */
  onError?: (err: Error) => void;
}

/**
 * Stores the message and trims the room in one step, refusing a new room beyond the maximum:
 * KEYS rooms set, room stream; ARGV room, max rooms, max length, author, text, oldest id to keep ('' for none).
 */
const APPEND_SCRIPT = `
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then
  if redis.call('SCARD', KEYS[1]) >= tonumber(ARGV[2]) then return false end
  redis.call('SADD', KEYS[1], ARGV[1])
end
local id = redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*', 'a', ARGV[4], 't', ARGV[5])
if ARGV[6] ~= '' then redis.call('XTRIM', KEYS[2], 'MINID', '~', ARGV[6]) end
return id
`;

/**
 * Rooms as Redis Streams, shared by every instance: entry ids are the event ids, so a client can resume
 * on any instance. Each instance reads the rooms it has subscribers for with one blocking reader and fans
 * out locally through the hub.
 */
export class RedisTransport implements Transport {
  private readonly logger = new Logger('RedisTransport');
  private readonly keys: RedisKeys;
  /** Commands; fails at once while Redis is unreachable, so a post is refused rather than left waiting. */
  private readonly commands: Redis;
  private readonly reader: StreamReader;
  private readonly presenceState: RedisPresence;
  private readonly connections: Redis[];
  private readonly listeners = new Map<string, Set<FeedListener>>();
  /** Per watched room, the id of the last entry delivered: where a later watcher of the room starts. */
  private readonly delivered = new Map<string, string | null>();

  constructor(private readonly options: RedisTransportOptions) {
    this.keys = new RedisKeys(options.prefix);
    // RESP2: the reply shapes (XREAD's list of [key, entries]) this code reads.
    this.commands = new Redis(options.url, { protocol: 2, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    // The reader waits for Redis to come back, then goes on from where it was.
    const readerConnection = new Redis(options.url, { protocol: 2, maxRetriesPerRequest: null });
    const subscriberConnection = new Redis(options.url, { protocol: 2, maxRetriesPerRequest: null });
    this.connections = [this.commands, readerConnection, subscriberConnection];
    for (const connection of this.connections) {
      connection.on('error', (err: Error) => {
        this.logger.debug(`Redis: ${err.message}`);
        options.onError?.(err);
      });
    }
    this.reader = new StreamReader(readerConnection, this.commands, (key, entries) => this.deliver(key, entries));
    this.presenceState = new RedisPresence(
      this.commands,
      subscriberConnection,
      this.keys,
      randomUUID(),
      options.presenceTtlMs,
      (update) => {
        for (const listener of this.listeners.get(update.room) ?? []) listener.presence(update);
      },
    );
  }

  /** True while commands can reach Redis. */
  get isAvailable(): boolean {
    return this.commands.status === 'ready';
  }

  async append(room: string, draft: MessageDraft): Promise<HubEvent> {
    const minId = this.options.historyMaxAgeMs > 0 ? `${Date.now() - this.options.historyMaxAgeMs}-0` : '';
    const id = await this.run(() =>
      this.commands.eval(
        APPEND_SCRIPT,
        2,
        this.keys.rooms(),
        this.keys.room(room),
        room,
        this.options.maxRooms,
        this.options.historyLimit,
        draft.author,
        draft.text,
        minId,
      ),
    );
    if (id === null) throw new TooManyRoomsError(this.options.maxRooms);
    return toEvent(room, [String(id), ['a', draft.author, 't', draft.text]]);
  }

  async replay(room: string, afterId: string): Promise<Replay> {
    const key = this.keys.room(room);
    const [found, info] = await this.run(async () => {
      const results = (await this.commands.pipeline().call('XRANGE', key, afterId, afterId).call('XINFO', 'STREAM', key).exec()) ?? [];
      return [(results[0]?.[1] as StreamEntry[] | undefined) ?? [], results[1]?.[0] ? null : (results[1]?.[1] as unknown[])];
    });
    if (found.length > 0) return { events: await this.range(room, `(${afterId}`), reset: null };
    const maxDeleted = info ? String(fieldOf(info, 'max-deleted-entry-id') ?? '0-0') : '0-0';
    const events = await this.range(room, '-');
    if (afterId === maxDeleted) return { events, reset: null };
    const trimmed = maxDeleted !== '0-0' && compareEventIds(afterId, maxDeleted) < 0;
    return {
      events,
      reset: { reason: trimmed ? 'history-trimmed' : 'unknown-id', lastEventId: afterId, oldestId: events[0]?.id ?? null },
    };
  }

  async lastId(room: string): Promise<string | null> {
    const newest = await this.run(() => this.commands.call('XREVRANGE', this.keys.room(room), '+', '-', 'COUNT', 1));
    return (newest as StreamEntry[])[0]?.[0] ?? null;
  }

  async page(room: string, beforeId: string | null, limit: number): Promise<Page> {
    const end = beforeId === null ? '+' : `(${beforeId}`;
    const entries = (await this.run(() =>
      this.commands.call('XREVRANGE', this.keys.room(room), end, '-', 'COUNT', limit + 1),
    )) as StreamEntry[];
    const hasMore = entries.length > limit;
    return {
      events: entries
        .slice(0, limit)
        .reverse()
        .map((entry) => toEvent(room, entry)),
      hasMore,
    };
  }

  watch(room: string, listener: FeedListener): Watch {
    let listeners = this.listeners.get(room);
    const first = !listeners;
    if (!listeners) {
      listeners = new Set();
      this.listeners.set(room, listeners);
      this.presenceState.watch(room);
    }
    listeners.add(listener);
    const key = this.keys.room(room);
    const startAfter = first ? this.startReading(room, key) : Promise.resolve(this.delivered.get(room) ?? null);
    return {
      startAfter,
      stop: () => {
        listeners.delete(listener);
        if (listeners.size === 0 && this.listeners.get(room) === listeners) {
          this.listeners.delete(room);
          this.delivered.delete(room);
          this.reader.remove(key);
          this.presenceState.unwatch(room);
        }
      },
    };
  }

  enter(room: string, name: string | null): () => void {
    return this.presenceState.enter(room, name);
  }

  presence(room: string): Promise<PresenceSnapshot> {
    return this.run(() => this.presenceState.snapshot(room));
  }

  async rooms(): Promise<RoomSummary[]> {
    const [posted, open] = await this.run(() => Promise.all([this.commands.smembers(this.keys.rooms()), this.presenceState.rooms()]));
    const names = [...new Set([...posted, ...open])].sort();
    return Promise.all(
      names.map(async (name) => {
        const { online, connections } = await this.presence(name);
        return { name, connections, online: online.length };
      }),
    );
  }

  /** Waits up to `timeoutMs` for Redis, so the first requests after start-up find it connected. */
  async open(timeoutMs = 5_000): Promise<void> {
    if (this.isAvailable) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.logger.warn(`Redis is not reachable yet; starting without it (readiness reports it, posts answer 503)`);
        resolve();
      }, timeoutMs);
      this.commands.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async close(): Promise<void> {
    await this.presenceState.close();
    await this.reader.close();
    await Promise.all(this.connections.map((connection) => connection.quit().catch(() => connection.disconnect())));
  }

  /** Finds the room's newest id and starts the reader after it; retries while Redis is unreachable. */
  private async startReading(room: string, key: string): Promise<string | null> {
    for (let attempt = 0; ; attempt++) {
      try {
        const startAfter = await this.lastId(room);
        if (this.listeners.has(room)) {
          this.delivered.set(room, startAfter);
          this.reader.add(key, startAfter);
        }
        return startAfter;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 100 * (attempt + 1))));
        if (!this.listeners.has(room)) return null;
      }
    }
  }

  private deliver(key: string, entries: StreamEntry[]): void {
    const room = this.keys.roomOf(key);
    const listeners = this.listeners.get(room);
    if (!listeners) return;
    this.delivered.set(room, entries[entries.length - 1][0]);
    for (const entry of entries) {
      const event = toEvent(room, entry);
      for (const listener of listeners) listener.message(event);
    }
  }

  private async range(room: string, start: string): Promise<HubEvent[]> {
    const entries = (await this.run(() => this.commands.call('XRANGE', this.keys.room(room), start, '+'))) as StreamEntry[];
    return entries.map((entry) => toEvent(room, entry));
  }

  /** Runs a command, turning "Redis is unreachable" into the error the API answers with 503. */
  private async run<T>(command: () => Promise<T>): Promise<T> {
    if (this.commands.status !== 'ready') throw new StoreUnavailableError();
    try {
      return await command();
    } catch (err) {
      if (this.commands.status !== 'ready' || isConnectionError(err)) throw new StoreUnavailableError(5, err);
      throw err;
    }
  }
}

function toEvent(room: string, [id, fields]: StreamEntry): HubEvent {
  let author = '';
  let text = '';
  for (let i = 0; i < fields.length; i += 2) {
    if (fields[i] === 'a') author = fields[i + 1];
    else if (fields[i] === 't') text = fields[i + 1];
  }
  return toHubEvent({ id, room, author, text, sentAt: new Date(eventIdTime(id)).toISOString() });
}

/** A field of an XINFO reply (a flat name/value list). */
function fieldOf(info: unknown[], name: string): unknown {
  for (let i = 0; i < info.length; i += 2) if (info[i] === name) return info[i + 1];
  return undefined;
}

function isConnectionError(err: unknown): boolean {
  const message = (err as Error)?.message ?? '';
  return /Connection is closed|ECONNREFUSED|ECONNRESET|enableOfflineQueue|Stream isn't writeable|MaxRetriesPerRequest/i.test(message);
}
