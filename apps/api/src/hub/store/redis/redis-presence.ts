import { Logger } from '@nestjs/common';
import type { PresenceUpdate, TypingUpdate } from '@herald/contracts';
import type Redis from 'ioredis';
import { type PresenceMember, memberOfKey, snapshotOf } from '../presence-member';
import type { PresenceSnapshot, PresenceStore } from '../presence-store';
import { RoomPresence } from '../room-presence';
import type { CommandHealth } from './command-health';
import { runCommand } from './redis-command';
import { ANONYMOUS, RedisKeys } from './redis-keys';

/** Local changes are written together, at most this often. */
const WRITE_DELAY_MS = 50;

/**
 * Presence across instances. Each instance keeps its own counts per room and writes them to a hash of its
 * own that expires unless refreshed (fields: member keys, `memberKey` in presence-member.ts); a room's presence is this
 * instance's counts plus the other instances' live hashes. A change is announced on a pub/sub channel, and every
 * instance with subscribers in that room compares the room's members with what it announced last and tells its
 * subscribers who joined or left. The periodic refresh does the same comparison, which is how a crashed instance's names leave.
 * What a comparison read of the other instances is kept for the rooms watched here: a stream joining one of them,
 * and the room list, get the room's presence without a round trip, as current as the updates its streams get.
 */
export class RedisPresence implements PresenceStore {
  private readonly logger = new Logger('RedisPresence');
  private readonly local = new Map<string, RoomPresence>();
  /** Rooms whose local counts changed and are not written yet. */
  private readonly dirty = new Set<string>();
  /** Rooms watched here → member keys last announced to their subscribers. */
  private readonly announced = new Map<string, Set<string>>();
  /** Rooms watched here → the other instances' counts, as the last comparison read them. */
  private readonly othersByRoom = new Map<string, Map<string, number>>();
  private writeTimer: NodeJS.Timeout | null = null;
  private readonly refreshTimer: NodeJS.Timeout;

  constructor(
    private readonly commands: Redis,
    private readonly health: CommandHealth,
    private readonly subscriber: Redis,
    private readonly keys: RedisKeys,
    private readonly instance: string,
    /** How long this instance's entries live unless refreshed: a crashed instance drops out after it. */
    private readonly ttlMs: number,
    private readonly announce: (update: PresenceUpdate) => void,
    private readonly announceTyping: (update: TypingUpdate) => void,
  ) {
    const typingChannel = keys.typingChannel();
    subscriber.on('message', (channel: string, payload: string) => {
      if (channel === typingChannel) this.announceTyping(JSON.parse(payload) as TypingUpdate);
      else void this.compare(payload);
    });
    subscriber.subscribe(keys.presenceChannel(), typingChannel).catch((err: Error) => this.logger.warn(`Presence channel: ${err.message}`));
    this.refreshTimer = setInterval(() => void this.refresh(), ttlMs / 3);
    this.refreshTimer.unref();
  }

  /** Counts a local stream in; the returned function counts it out. */
  enter(room: string, member: PresenceMember | null): () => void {
    let presence = this.local.get(room);
    if (!presence) {
      presence = new RoomPresence();
      this.local.set(room, presence);
    }
    presence.enter(member);
    this.changed(room);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      presence.leave(member);
      if (presence.isEmpty && this.local.get(room) === presence) this.local.delete(room);
      this.changed(room);
    };
  }

  /** Starts telling this instance's subscribers of `room` about joins and leaves. */
  watch(room: string): void {
    if (this.announced.has(room)) return;
    this.announced.set(room, new Set());
    // The first subscribers get the room's presence in their catch-up: nothing to announce yet.
    void this.compare(room, true);
  }

  unwatch(room: string): void {
    this.announced.delete(room);
    this.othersByRoom.delete(room);
  }

  /** Who is in the room, on every instance. */
  snapshot(room: string): Promise<PresenceSnapshot> {
    const others = this.othersByRoom.get(room);
    if (others && this.health.isAvailable) return Promise.resolve(snapshotFrom(this.withLocal(room, others)));
    return runCommand(this.health, async () => snapshotFrom(this.withLocal(room, await this.readOthers(room))));
  }

  /** Published to every instance, this one included: each hands it to its own streams of the room. */
  async typing(update: TypingUpdate): Promise<void> {
    await runCommand(this.health, () => this.commands.publish(this.keys.typingChannel(), JSON.stringify(update)));
  }

  /** Rooms with open streams on some instance. */
  rooms(): Promise<string[]> {
    return runCommand(this.health, () => this.readRooms());
  }

  /** Streams per member key (anonymous ones under {@link ANONYMOUS}) in the room: this instance's plus `others`. */
  private withLocal(room: string, others: ReadonlyMap<string, number>): Map<string, number> {
    const counts = new Map(others);
    for (const [name, count] of this.localCounts(room)) counts.set(name, (counts.get(name) ?? 0) + count);
    return counts;
  }

  /** Streams per member key in the room on the other live instances. */
  private async readOthers(room: string): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    const add = (name: string, count: number) => counts.set(name, (counts.get(name) ?? 0) + count);
    const now = Date.now();
    const instancesKey = this.keys.presenceInstances(room);
    const others = ((await this.commands.zrangebyscore(instancesKey, now, '+inf')) as string[]).filter((i) => i !== this.instance);
    if (others.length > 0) {
      const pipeline = this.commands.pipeline();
      for (const other of others) pipeline.hgetall(this.keys.presence(room, other));
      for (const [err, hash] of (await pipeline.exec()) ?? []) {
        if (err) throw err;
        for (const [name, count] of Object.entries(hash as Record<string, string>)) add(name, Number(count));
      }
    }
    return counts;
  }

  private readRooms(): Promise<string[]> {
    return this.commands.smembers(this.keys.presenceRooms());
  }

  async close(): Promise<void> {
    clearInterval(this.refreshTimer);
    if (this.writeTimer) clearTimeout(this.writeTimer);
    // Leave at once rather than after the expiry: the other instances are told right away.
    const rooms = [...new Set([...this.local.keys(), ...this.dirty])];
    this.local.clear();
    await this.write(rooms, true).catch(() => undefined);
  }

  private localCounts(room: string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const [name, count] of this.local.get(room)?.counts() ?? []) counts.set(name ?? ANONYMOUS, count);
    return counts;
  }

  /**
   * Every change is announced, an anonymous reader's too: the other instances keep the counts they read (see
   * {@link snapshot}). At most one write and one announcement per room per {@link WRITE_DELAY_MS}.
   */
  private changed(room: string): void {
    this.dirty.add(room);
    this.writeTimer ??= setTimeout(() => {
      this.writeTimer = null;
      const rooms = [...this.dirty];
      this.dirty.clear();
      void this.write(rooms, false).catch((err: Error) => this.logger.warn(`Writing presence failed: ${err.message}`));
    }, WRITE_DELAY_MS);
  }

  /** Writes this instance's counts for `rooms` (all of them gone, with `leaving`) and announces the rooms in `announce`. */
  private async write(rooms: string[], leaving: boolean, announce: string[] = rooms): Promise<void> {
    if (rooms.length === 0) return;
    const expiry = Date.now() + this.ttlMs;
    const pipeline = this.commands.pipeline();
    for (const room of rooms) {
      const key = this.keys.presence(room, this.instance);
      const counts = leaving ? new Map<string, number>() : this.localCounts(room);
      pipeline.del(key);
      if (counts.size > 0) {
        pipeline.hset(key, Object.fromEntries(counts));
        pipeline.pexpire(key, this.ttlMs);
        pipeline.zadd(this.keys.presenceInstances(room), expiry, this.instance);
        pipeline.sadd(this.keys.presenceRooms(), room);
      } else {
        pipeline.zrem(this.keys.presenceInstances(room), this.instance);
      }
    }
    for (const room of announce) pipeline.publish(this.keys.presenceChannel(), room);
    await pipeline.exec();
  }

  /** Rewrites every local entry before it expires, drops expired instances, and re-checks watched rooms. */
  private async refresh(): Promise<void> {
    try {
      await this.write([...this.local.keys()], false, []);
      const now = Date.now();
      const pipeline = this.commands.pipeline();
      const rooms = [...this.announced.keys()];
      for (const room of rooms) pipeline.zremrangebyscore(this.keys.presenceInstances(room), '-inf', now);
      await pipeline.exec();
      for (const room of rooms) await this.compare(room);
      await this.forgetEmptyRooms();
    } catch (err) {
      this.logger.warn(`Refreshing presence failed: ${(err as Error).message}`);
    }
  }

  private async forgetEmptyRooms(): Promise<void> {
    for (const room of await this.readRooms()) {
      const alive = await this.commands.zcount(this.keys.presenceInstances(room), Date.now(), '+inf');
      if (alive === 0) await this.commands.srem(this.keys.presenceRooms(), room);
    }
  }

  /** Tells the room's local subscribers which names came online or went offline since the last time. */
  private async compare(room: string, silent = false): Promise<void> {
    const before = this.announced.get(room);
    if (!before) return;
    let others: Map<string, number>;
    try {
      others = await this.readOthers(room);
    } catch {
      return;
    }
    // The room may have been unwatched, or compared again, while this one read.
    if (this.announced.get(room) !== before) return;
    this.othersByRoom.set(room, others);
    const counts = this.withLocal(room, others);
    const snapshot = snapshotFrom(counts);
    const now = new Set([...counts].filter(([key, count]) => key !== ANONYMOUS && count > 0).map(([key]) => key));
    this.announced.set(room, now);
    if (silent) return;
    for (const key of now) if (!before.has(key)) this.announce({ room, ...snapshot, joined: memberOfKey(key).name });
    for (const key of before) if (!now.has(key)) this.announce({ room, ...snapshot, left: memberOfKey(key).name });
  }
}

/** The snapshot of a room's counts per member key. */
function snapshotFrom(counts: Map<string, number>): PresenceSnapshot {
  const anonymous = Math.max(0, counts.get(ANONYMOUS) ?? 0);
  return snapshotOf(
    [...counts].filter(([key]) => key !== ANONYMOUS),
    anonymous,
  );
}
