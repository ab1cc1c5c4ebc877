import { compareEventIds, eventIdTime } from '@herald/contracts';
import { TooManyRoomsError } from '../../../errors/too-many-rooms.error';
import { EventIdClock } from '../../event-id-clock';
import { toHubEvent } from '../../event-frames';
import type { HubEvent } from '../../hub-event';
import { IdempotencyMemo } from '../idempotency-memo';
import {
  type HistoryAfter,
  type MessageDraft,
  type MessageStore,
  type Page,
  type RoomSlot,
  type Stored,
  cappedCount,
  slotOf,
} from '../message-store';
import type { StoreLimits } from '../store-limits';

interface MemoryRoom {
  readonly clock: EventIdClock;
  /** Oldest first, at most `historyLimit`. */
  readonly events: HubEvent[];
  /** The id of the newest event dropped from the history, so a client resuming from it missed nothing. */
  lastEvictedId: string | null;
}

/** Rooms, ids and bounded history in this process's memory; `delivered` hands each new event to the live feed. */
export class MemoryMessageStore implements MessageStore {
  private readonly byName = new Map<string, MemoryRoom>();
  /** Memory is always there. */
  readonly isAvailable = true;
  private readonly keys: IdempotencyMemo;

  constructor(
    private readonly limits: StoreLimits,
    private readonly delivered: (event: HubEvent) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.keys = new IdempotencyMemo(limits.idempotencyWindowMs, now);
  }

  async append(roomName: string, draft: MessageDraft): Promise<Stored> {
    const { idempotencyKey } = draft;
    const earlier = idempotencyKey === undefined ? undefined : this.keys.get(roomName, idempotencyKey);
    if (earlier !== undefined) return { id: earlier, fresh: false };
    const room = this.roomForWriting(roomName);
    const { id, ms } = room.clock.next(this.now());
    const { author, text, origin, authorId } = draft;
    const sentAt = new Date(ms).toISOString();
    const event = toHubEvent({
      id,
      room: roomName,
      author,
      text,
      sentAt,
      ...(origin ? { origin } : {}),
      ...(authorId ? { authorId } : {}),
    });
    room.events.push(event);
    this.trim(room, ms);
    if (idempotencyKey !== undefined) this.keys.remember(roomName, idempotencyKey, id);
    this.delivered(event);
    return { id, fresh: true };
  }

  async historyAfter(roomName: string, afterId: string): Promise<HistoryAfter> {
    const room = this.byName.get(roomName);
    const events = room?.events ?? [];
    const index = indexAfter(events, afterId);
    const found = (index > 0 && events[index - 1].message.id === afterId) || (room !== undefined && room.lastEvictedId === afterId);
    return { found, events: found ? events.slice(index) : events.slice(), trimmedThrough: room?.lastEvictedId ?? null };
  }

  async lastId(roomName: string): Promise<string | null> {
    return this.newestId(roomName);
  }

  /** The newest id of a room, at once (the live feed starts after it). */
  newestId(roomName: string): string | null {
    const room = this.byName.get(roomName);
    return room?.events.at(-1)?.message.id ?? room?.lastEvictedId ?? null;
  }

  async page(roomName: string, beforeId: string | null, limit: number): Promise<Page> {
    const events = this.byName.get(roomName)?.events ?? [];
    const end = beforeId === null ? events.length : indexAfter(events, beforeId, true);
    const start = Math.max(0, end - limit);
    return { events: events.slice(start, end), hasMore: start > 0 };
  }

  async rooms(): Promise<string[]> {
    return [...this.byName.keys()];
  }

  async roomSlot(roomName: string): Promise<RoomSlot> {
    const held = this.byName.has(roomName) || this.limits.alwaysOpen.has(roomName);
    return slotOf(held, cappedCount(this.byName, this.limits.alwaysOpen), this.limits.maxRooms);
  }

  async dropIdleRooms(inUse: ReadonlySet<string>): Promise<number> {
    const now = this.now();
    let dropped = 0;
    for (const [name, room] of this.byName) {
      this.trim(room, now);
      if (room.events.length > 0 || inUse.has(name) || this.limits.alwaysOpen.has(name)) continue;
      this.byName.delete(name);
      dropped++;
    }
    return dropped;
  }

  clear(): void {
    this.byName.clear();
  }

  private roomForWriting(name: string): MemoryRoom {
    let room = this.byName.get(name);
    if (!room) {
      const { maxRooms, alwaysOpen } = this.limits;
      if (!alwaysOpen.has(name) && cappedCount(this.byName, alwaysOpen) >= maxRooms) throw new TooManyRoomsError(maxRooms);
      room = { clock: new EventIdClock(), events: [], lastEvictedId: null };
      this.byName.set(name, room);
    }
    return room;
  }

  /** Drops what HISTORY_LIMIT and, at `nowMs`, HISTORY_MAX_AGE_MS no longer keep. */
  private trim(room: MemoryRoom, nowMs: number): void {
    const tooOld = this.limits.historyMaxAgeMs > 0 ? nowMs - this.limits.historyMaxAgeMs : -Infinity;
    while (room.events.length > this.limits.historyLimit || (room.events.length > 0 && eventIdTime(room.events[0].id) < tooOld)) {
      room.lastEvictedId = room.events.shift()?.message.id ?? null;
    }
  }
}

/**
 * Index of the first event whose id is greater than `id` (or, with `inclusive`, not less than it),
 * by binary search: ids are sorted.
 */
function indexAfter(events: HubEvent[], id: string, inclusive = false): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const order = compareEventIds(events[mid].message.id, id);
    if (order < 0 || (!inclusive && order === 0)) low = mid + 1;
    else high = mid;
  }
  return low;
}
