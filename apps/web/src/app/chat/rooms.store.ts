import { EnvironmentInjector, Injectable, computed, createEnvironmentInjector, effect, inject, signal, untracked } from '@angular/core';
import { ChatStream, ReadMarks, RoomsOverview, compareEventIds } from '@herald/chat-client';
import { DisplayNameStore } from './display-name.store';
import { MentionAlerts } from './mention-alerts';

/**
 * Rooms followed live at once: the one in view and the two visited last, whose unread messages (and mentions of
 * the reader) are counted exactly. Every other room's unread comes from the rooms overview, which needs no stream
 * per room. Each followed room costs one stream per browser (shared by the tabs) and the overview one more: four,
 * as many as before it, so of the six HTTP/1.1 allows per origin two stay free for posts and history.
 */
export const MAX_FOLLOWED_ROOMS = 3;

/** One line of the room list. */
export interface RoomEntry {
  name: string;
  /** People online (two people with one name count twice). */
  online: number;
  /** Messages by others not seen yet, counted: rooms followed live only, and 0 for the room in view. */
  unread: number;
  /** Those of them that mention the reader. */
  mentions: number;
  /** Something came after the reader's mark, not counted: a room known from the overview only. */
  news: boolean;
  current: boolean;
}

interface FollowedRoom {
  name: string;
  stream: ChatStream;
  injector: EnvironmentInjector;
}

/** The rooms the reader knows of, the ones followed live, the one in view, and how far the reader read each. */
@Injectable({ providedIn: 'root' })
export class RoomsStore {
  private readonly parent = inject(EnvironmentInjector);
  private readonly displayName = inject(DisplayNameStore);
  private readonly overview = inject(RoomsOverview);
  private readonly marks = inject(ReadMarks);
  private readonly alerts = inject(MentionAlerts);

  /** Most recently entered first. */
  private readonly followed = signal<readonly FollowedRoom[]>([]);
  private readonly currentRoom = signal<string | null>(null);
  private connectedAs = this.displayName.name();

  /** The room in view. */
  readonly current = this.currentRoom.asReadonly();
  /** The stream of the room in view. */
  readonly currentStream = computed(() => this.followed().find((room) => room.name === this.currentRoom())?.stream ?? null);
  /** The id of the newest message of the room in view as the overview knows it, or null. */
  readonly currentLastId = computed(() => this.overview.rooms()?.find((room) => room.name === this.currentRoom())?.lastId ?? null);
  /** The overview's rooms and the followed ones, by name. */
  readonly entries = computed<RoomEntry[]>(() => {
    const current = this.currentRoom();
    const live = new Map(this.followed().map((room) => [room.name, room.stream]));
    const known = new Map((this.overview.rooms() ?? []).map((room) => [room.name, room]));
    const names = [...new Set([...known.keys(), ...live.keys()])].sort();
    return names.map((name) => {
      const stream = live.get(name);
      const overview = known.get(name);
      const away = name !== current;
      const presence = stream?.presence();
      return {
        name,
        online: presence ? presence.people.length : (overview?.people ?? 0),
        unread: stream && away ? stream.unread() : 0,
        mentions: stream && away ? stream.unreadMentions().length : 0,
        news: away && stream === undefined && overview !== undefined && this.marks.isUnread(overview),
        current: name === current,
      };
    });
  });
  /** Unread messages in every followed room, the one in view included (its tab may be hidden). */
  readonly totalUnread = computed(() => this.followed().reduce((sum, room) => sum + room.stream.unread(), 0));

  constructor() {
    // A new display name reopens every followed stream under it.
    effect(() => {
      const name = this.displayName.name();
      if (name === this.connectedAs) return;
      this.connectedAs = name;
      untracked(() => this.followed().forEach((room) => room.stream.connect(room.name, { name })));
    });

    // Unread is counted from the first overview this browser ever saw.
    effect(() => {
      const rooms = this.overview.rooms();
      if (rooms !== null) untracked(() => this.marks.begin(rooms));
    });

    // A stream's read mark is kept for later visits; one moved on in another tab is this tab's too.
    effect(() => {
      for (const { name, stream } of this.followed()) {
        const read = stream.lastRead();
        const mark = this.marks.lastRead(name);
        untracked(() => {
          if (read !== null) this.marks.markRead(name, read);
          if (mark !== null && compareEventIds(mark, read) > 0) stream.markRead(mark);
        });
      }
    });

    effect(() => {
      for (const { name, stream } of this.followed()) {
        const mentions = stream.unreadMentions();
        const loaded = stream.loaded();
        untracked(() => this.alerts.note(name, mentions, loaded));
      }
    });
  }

  /**
   * Puts `room` in view, following it live from the reader's mark (so what came since they were last here shows
   * as new), and returns its stream.
   */
  enter(room: string): ChatStream {
    this.overview.start();
    this.currentRoom.set(room);
    const list = this.followed();
    let entry = list.find((followed) => followed.name === room);
    if (entry === undefined) {
      const injector = createEnvironmentInjector([ChatStream], this.parent);
      const stream = injector.get(ChatStream);
      stream.connect(room, { name: this.connectedAs, lastRead: this.marks.lastRead(room) });
      entry = { name: room, stream, injector };
    } else {
      entry.stream.revisit(this.marks.lastRead(room));
    }
    const next = [entry, ...list.filter((followed) => followed !== entry)];
    next.slice(MAX_FOLLOWED_ROOMS).forEach((dropped) => dropped.injector.destroy());
    this.followed.set(next.slice(0, MAX_FOLLOWED_ROOMS));
    return entry.stream;
  }

  /**
   * The reader sees the newest of the room in view: it is read, and while its stream is live, up to the newest message
   * the overview knows of too (what the live stream has not shown yet, it shows in a moment).
   */
  readCurrent(): void {
    const room = this.currentRoom();
    const stream = this.currentStream();
    if (room === null || stream === null) return;
    stream.markRead();
    const lastId = this.currentLastId();
    if (lastId !== null && stream.loaded() && stream.status() === 'live') this.marks.markRead(room, lastId);
  }
}
