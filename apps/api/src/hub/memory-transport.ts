import type { RoomSummary } from '@herald/contracts';
import { compareEventIds, eventIdTime } from '@herald/contracts';
import { EventIdClock } from './event-id-clock';
import { HubEvent } from './hub-event';
import { RoomPresence } from './room-presence';
import { toHubEvent } from './event-frames';
import { TooManyRoomsError } from '../errors/too-many-rooms.error';
import { FeedListener, MessageDraft, Page, PresenceSnapshot, Replay, Transport, Watch } from './transport';

interface MemoryRoom {
  readonly clock: EventIdClock;
  /** Oldest first, at most `historyLimit`. */
  readonly events: HubEvent[];
  /** The id of the newest event dropped from the history, so a client resuming from it missed nothing. */
  lastEvictedId: string | null;
  readonly listeners: Set<FeedListener>;
  readonly presence: RoomPresence;
}

/** The embedded default: rooms, ids and bounded history in this process's memory. */
export class MemoryTransport implements Transport {
  private readonly byName = new Map<string, MemoryRoom>();
  /** Memory is always there. */
  readonly isAvailable = true;

  constructor(
    private readonly historyLimit: number,
    private readonly maxRooms: number,
    /** Messages older than this are dropped when a message is posted; 0 keeps them. */
    private readonly maxAgeMs = 0,
    private readonly now: () => number = Date.now,
  ) {}

  async append(roomName: string, draft: MessageDraft): Promise<HubEvent> {
    const room = this.roomForWriting(roomName);
    const { id, ms } = room.clock.next(this.now());
    const event = toHubEvent({ id, room: roomName, author: draft.author, text: draft.text, sentAt: new Date(ms).toISOString() });
    room.events.push(event);
    const tooOld = this.maxAgeMs > 0 ? ms - this.maxAgeMs : -Infinity;
    while (room.events.length > this.historyLimit || eventIdTime(room.events[0].id) < tooOld) {
      room.lastEvictedId = room.events.shift()?.message.id ?? null;
    }
    for (const listener of room.listeners) listener.message(event);
    return event;
  }

  async replay(roomName: string, afterId: string): Promise<Replay> {
    const room = this.byName.get(roomName);
    const events = room?.events ?? [];
    const index = indexAfter(events, afterId);
    const found = index > 0 && events[index - 1].message.id === afterId;
    if (found || (room !== undefined && room.lastEvictedId === afterId)) {
      return { events: events.slice(index), reset: null };
    }
    const trimmed = room?.lastEvictedId != null && compareEventIds(afterId, room.lastEvictedId) < 0;
    return {
      events: events.slice(),
      reset: {
        reason: trimmed ? 'history-trimmed' : 'unknown-id',
        lastEventId: afterId,
        oldestId: events[0]?.message.id ?? null,
      },
    };
  }

  async lastId(roomName: string): Promise<string | null> {
    return this.newestId(this.byName.get(roomName));
  }

  async page(roomName: string, beforeId: string | null, limit: number): Promise<Page> {
    const events = this.byName.get(roomName)?.events ?? [];
    const end = beforeId === null ? events.length : indexAfter(events, beforeId, true);
    const start = Math.max(0, end - limit);
    return { events: events.slice(start, end), hasMore: start > 0 };
  }

  watch(roomName: string, listener: FeedListener): Watch {
    const room = this.roomForWatching(roomName);
    room.listeners.add(listener);
    return {
      startAfter: Promise.resolve(this.newestId(room)),
      stop: () => {
        room.listeners.delete(listener);
        this.forgetIfUnused(roomName, room);
      },
    };
  }

  enter(roomName: string, name: string | null): () => void {
    const room = this.roomForWatching(roomName);
    const joined = room.presence.enter(name);
    if (joined !== null) this.announce(roomName, room, { joined });
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const gone = room.presence.leave(name);
      if (gone !== null) this.announce(roomName, room, { left: gone });
      this.forgetIfUnused(roomName, room);
    };
  }

  async presence(roomName: string): Promise<PresenceSnapshot> {
    return this.byName.get(roomName)?.presence.snapshot() ?? { online: [], connections: 0 };
  }

  async rooms(): Promise<RoomSummary[]> {
    return [...this.byName]
      .map(([name, room]) => {
        const { online, connections } = room.presence.snapshot();
        return { name, connections, online: online.length };
      })
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async open(): Promise<void> {
    // Nothing to connect to.
  }

  async close(): Promise<void> {
    this.byName.clear();
  }

  private announce(roomName: string, room: MemoryRoom, change: { joined?: string; left?: string }): void {
    const update = room.presence.update(roomName, change);
    for (const listener of room.listeners) listener.presence(update);
  }

  /** A room that only streams opened (nobody posted) is dropped once they are all gone. */
  private forgetIfUnused(name: string, room: MemoryRoom): void {
    if (room.listeners.size === 0 && room.events.length === 0 && room.presence.isEmpty && this.byName.get(name) === room) {
      this.byName.delete(name);
    }
  }

  private roomForWatching(name: string): MemoryRoom {
    let room = this.byName.get(name);
    if (!room) {
      room = this.newRoom();
      this.byName.set(name, room);
    }
    return room;
  }

  private roomForWriting(name: string): MemoryRoom {
    let room = this.byName.get(name);
    if (!room) {
      if (this.byName.size >= this.maxRooms) throw new TooManyRoomsError(this.maxRooms);
      room = this.newRoom();
      this.byName.set(name, room);
    }
    return room;
  }

  private newRoom(): MemoryRoom {
    return { clock: new EventIdClock(), events: [], lastEvictedId: null, listeners: new Set(), presence: new RoomPresence() };
  }

  private newestId(room: MemoryRoom | undefined): string | null {
    return room?.events.at(-1)?.message.id ?? room?.lastEvictedId ?? null;
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
