import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { type RoomOverview, compareEventIds, isEventId, isRoomName } from '@herald/contracts';
import { CHAT_API_BASE_URL } from '../chat-api-base-url.token';

/** Rooms whose mark is kept; past it the marks read longest ago go, and the floor rises to the newest of them. */
export const MAX_READ_MARKS = 1000;
/** The floor of a browser that began tracking while no room held anything: every id is after it. */
const NOTHING = '0-0';

/** The marks as kept in localStorage. */
interface Marks {
  /** Where tracking began: the newest message of every room then. A room never read is read up to here. */
  floor: string;
  /** The id up to which each room was read. */
  rooms: Record<string, string>;
}

/**
 * How far the reader read each room, kept in localStorage per API address, so that every tab and every visit of
 * this browser agrees on what is unread. A room is unread when its newest message (the overview's `lastId`) is after
 * its mark. Rooms never opened count as read up to the floor: where this browser began tracking (its first
 * overview), so that a first visit does not show every room as unread, while a room that starts later does.
 */
@Injectable({ providedIn: 'root' })
export class ReadMarks {
  private readonly storageKey = `herald.readMarks:${inject(CHAT_API_BASE_URL)}`;
  private readonly marks = signal<Marks | null>(this.read());

  constructor() {
    // A room read in another tab is read here too.
    const onStorage = (event: StorageEvent) => {
      if (event.key === this.storageKey) this.marks.set(this.read());
    };
    globalThis.addEventListener?.('storage', onStorage);
    inject(DestroyRef).onDestroy(() => globalThis.removeEventListener?.('storage', onStorage));
  }

  /**
   * The id up to which the reader read `room` in this browser, or null for a room never read here (or before this
   * browser began tracking, see {@link begin}). What to give `ChatStream.connect` as `lastRead`: a reader who was
   * never here has nothing "new since".
   */
  lastRead(room: string): string | null {
    return this.marks()?.rooms[room] ?? null;
  }

  /** Whether the overview's `room` has an event after its mark, or after the floor for a room never read (never before tracking began). */
  isUnread(room: RoomOverview): boolean {
    const marks = this.marks();
    const mark = marks === null ? null : (marks.rooms[room.name] ?? marks.floor);
    return mark !== null && room.lastId !== null && compareEventIds(room.lastId, mark) > 0;
  }

  /** Begins tracking, once per browser, at the newest message of `rooms` (the first overview this browser sees). */
  begin(rooms: readonly RoomOverview[]): void {
    if (this.marks() !== null) return;
    const newest = rooms.reduce<string>((floor, room) => later(floor, room.lastId), NOTHING);
    this.write((marks) => marks ?? { floor: newest, rooms: {} });
  }

  /**
   * Marks `room` read up to `id`; a mark never moves back. Does nothing before tracking began. The first mark of a
   * room is kept even below the floor: the reader has now been here.
   */
  markRead(room: string, id: string): void {
    if (!isEventId(id) || this.marks() === null || compareEventIds(id, this.lastRead(room)) <= 0) return;
    this.write((marks) => {
      if (marks === null || compareEventIds(id, marks.rooms[room] ?? null) <= 0) return marks;
      return bounded({ ...marks, rooms: { ...marks.rooms, [room]: id } });
    });
  }

  /** Applies `change` to the marks as stored now (another tab may have written since this one read). */
  private write(change: (marks: Marks | null) => Marks | null): void {
    const next = change(this.read() ?? this.marks());
    if (next === null) return;
    this.marks.set(next);
    try {
      localStorage.setItem(this.storageKey, JSON.stringify(next));
    } catch {
      // Storage can be disabled (private mode, quotas): the marks then last for this page only.
    }
  }

  private read(): Marks | null {
    try {
      const raw = localStorage.getItem(this.storageKey);
      const parsed = raw === null ? null : (JSON.parse(raw) as Partial<Marks>);
      if (parsed === null || !isEventId(parsed.floor) || typeof parsed.rooms !== 'object' || parsed.rooms === null) return null;
      const rooms = Object.fromEntries(Object.entries(parsed.rooms).filter(([room, id]) => isRoomName(room) && isEventId(id)));
      return { floor: parsed.floor as string, rooms };
    } catch {
      return null;
    }
  }
}

function later(a: string, b: string | null): string {
  return b !== null && compareEventIds(b, a) > 0 ? b : a;
}

/** At most {@link MAX_READ_MARKS} marks: the oldest go, and the floor rises to them, so their rooms stay read. */
function bounded(marks: Marks): Marks {
  const entries = Object.entries(marks.rooms);
  if (entries.length <= MAX_READ_MARKS) return marks;
  entries.sort(([, a], [, b]) => compareEventIds(b, a));
  const dropped = entries.slice(MAX_READ_MARKS);
  const floor = dropped.reduce((floor, [, id]) => later(floor, id), marks.floor);
  return { floor, rooms: Object.fromEntries(entries.slice(0, MAX_READ_MARKS)) };
}
