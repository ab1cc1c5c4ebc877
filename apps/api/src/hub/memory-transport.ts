import { EventIdClock, compareEventIds } from './event-id';
import { HubEvent } from './hub-event';
import { toHubEvent } from './sse-frame';
import { TooManyRoomsError } from './too-many-rooms.error';
import { MessageDraft, Page, Replay, Transport, Watch } from './transport';

interface MemoryRoom {
  readonly clock: EventIdClock;
  /** Oldest first, at most `historyLimit`. */
  readonly events: HubEvent[];
  /** The id of the newest event dropped from the history, so a client resuming from it missed nothing. */
  lastEvictedId: string | null;
  readonly listeners: Set<(event: HubEvent) => void>;
}

/** The embedded default: rooms, ids and bounded history in this process's memory. */
export class MemoryTransport implements Transport {
  private readonly rooms = new Map<string, MemoryRoom>();

  constructor(
    private readonly historyLimit: number,
    private readonly maxRooms: number,
    private readonly now: () => number = Date.now,
  ) {}

  async append(roomName: string, draft: MessageDraft): Promise<HubEvent> {
    const room = this.roomForWriting(roomName);
    const { id, ms } = room.clock.next(this.now());
    const event = toHubEvent({ id, room: roomName, author: draft.author, text: draft.text, sentAt: new Date(ms).toISOString() });
    room.events.push(event);
    if (room.events.length > this.historyLimit) {
      room.lastEvictedId = room.events.shift()?.message.id ?? null;
    }
    for (const listener of room.listeners) listener(event);
    return event;
  }

  async replay(roomName: string, afterId: string): Promise<Replay> {
    const room = this.rooms.get(roomName);
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
    return this.newestId(this.rooms.get(roomName));
  }

  async page(roomName: string, beforeId: string | null, limit: number): Promise<Page> {
    const events = this.rooms.get(roomName)?.events ?? [];
    const end = beforeId === null ? events.length : indexAfter(events, beforeId, true);
    const start = Math.max(0, end - limit);
    return { events: events.slice(start, end), hasMore: start > 0 };
  }

  watch(roomName: string, listener: (event: HubEvent) => void): Watch {
    const room = this.rooms.get(roomName);
    const target = room ?? this.newRoom();
    if (!room) this.rooms.set(roomName, target);
    target.listeners.add(listener);
    return {
      startAfter: this.newestId(target),
      stop: () => {
        target.listeners.delete(listener);
        if (target.listeners.size === 0 && target.events.length === 0) this.rooms.delete(roomName);
      },
    };
  }

  private roomForWriting(name: string): MemoryRoom {
    let room = this.rooms.get(name);
    if (!room) {
      if (this.rooms.size >= this.maxRooms) throw new TooManyRoomsError(this.maxRooms);
      room = this.newRoom();
      this.rooms.set(name, room);
    }
    return room;
  }

  private newRoom(): MemoryRoom {
    return { clock: new EventIdClock(), events: [], lastEvictedId: null, listeners: new Set() };
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
