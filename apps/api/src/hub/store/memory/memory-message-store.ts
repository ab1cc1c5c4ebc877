import { type ChatMessage, type MessageDeleted, type MessageDeletedBy, compareEventIds, eventIdTime } from '@herald/contracts';
import { TooManyRoomsError } from '../../../errors/too-many-rooms.error';
import { EventIdClock } from '../../event-id-clock';
import { toEditEvent, toHubEvent, toTombstone } from '../../event-frames';
import { type HubEvent, type MessageEvent, deletesId } from '../../hub-event';
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
  /** Messages and tombstones, oldest first, at most `historyLimit`. */
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
    this.add(room, event, ms);
    if (idempotencyKey !== undefined) this.keys.remember(roomName, idempotencyKey, id);
    return { id, fresh: true };
  }

  async message(roomName: string, id: string): Promise<ChatMessage | null> {
    const events = this.byName.get(roomName)?.events ?? [];
    return events[indexOf(events, id)]?.message ?? null;
  }

  async remove(roomName: string, id: string, by: MessageDeletedBy): Promise<MessageDeleted | null> {
    const room = this.byName.get(roomName);
    const index = room ? indexOf(room.events, id) : -1;
    if (!room || room.events[index]?.message === undefined) return null;
    room.events.splice(index, 1);
    const { id: tombstoneId, ms } = room.clock.next(this.now());
    const deleted: MessageDeleted = { id, room: roomName, deletedBy: by, deletedAt: new Date(ms).toISOString() };
    // Its edits carry its text: each becomes a tombstone too, under its own id, which stays known.
    room.events.forEach((event, i) => {
      if (event.edited?.id === id) room.events[i] = toTombstone(event.id, deleted);
    });
    this.add(room, toTombstone(tombstoneId, deleted), ms);
    return deleted;
  }

  async edit(roomName: string, id: string, text: string): Promise<ChatMessage | null> {
    const room = this.byName.get(roomName);
    const index = room ? indexOf(room.events, id) : -1;
    const original = room?.events[index]?.message;
    if (!room || original === undefined) return null;
    const { id: editId, ms } = room.clock.next(this.now());
    const edited: ChatMessage = { ...original, text, editedAt: new Date(ms).toISOString() };
    room.events[index] = toHubEvent(edited);
    this.add(room, toEditEvent(editId, edited), ms);
    return edited;
  }

  async historyAfter(roomName: string, afterId: string): Promise<HistoryAfter> {
    const room = this.byName.get(roomName);
    const events = room?.events ?? [];
    const index = indexAfter(events, afterId);
    const after = events.slice(index);
    const found =
      (index > 0 && events[index - 1].id === afterId) ||
      (room !== undefined && room.lastEvictedId === afterId) ||
      deletesId(after, afterId);
    return { found, events: found ? after : events.slice(), trimmedThrough: room?.lastEvictedId ?? null };
  }

  async lastId(roomName: string): Promise<string | null> {
    return this.newestId(roomName);
  }

  /** The newest id of a room, at once (the live feed starts after it). */
  newestId(roomName: string): string | null {
    const room = this.byName.get(roomName);
    return room?.events.at(-1)?.id ?? room?.lastEvictedId ?? null;
  }

  async page(roomName: string, beforeId: string | null, limit: number): Promise<Page> {
    const events = this.byName.get(roomName)?.events ?? [];
    const picked: MessageEvent[] = [];
    let i = beforeId === null ? events.length : indexAfter(events, beforeId, true);
    while (--i >= 0 && picked.length < limit) {
      const event = events[i];
      if (event.message) picked.push(event);
    }
    const hasMore = events.slice(0, i + 1).some((event) => event.message);
    return { events: picked.reverse(), hasMore };
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

  /** Appends a new event, trims the room as of `ms`, and hands the event to the live feed. */
  private add(room: MemoryRoom, event: HubEvent, ms: number): void {
    room.events.push(event);
    this.trim(room, ms);
    this.delivered(event);
  }

  /** Drops what HISTORY_LIMIT and, at `nowMs`, HISTORY_MAX_AGE_MS no longer keep. */
  private trim(room: MemoryRoom, nowMs: number): void {
    const tooOld = this.limits.historyMaxAgeMs > 0 ? nowMs - this.limits.historyMaxAgeMs : -Infinity;
    while (room.events.length > this.limits.historyLimit || (room.events.length > 0 && eventIdTime(room.events[0].id) < tooOld)) {
      room.lastEvictedId = room.events.shift()?.id ?? null;
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
    const order = compareEventIds(events[mid].id, id);
    if (order < 0 || (!inclusive && order === 0)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Index of the event with this id, or -1. */
function indexOf(events: HubEvent[], id: string): number {
  const index = indexAfter(events, id, true);
  return events[index]?.id === id ? index : -1;
}
