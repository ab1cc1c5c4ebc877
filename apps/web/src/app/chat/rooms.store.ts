import { EnvironmentInjector, Injectable, computed, createEnvironmentInjector, effect, inject, signal, untracked } from '@angular/core';
import { ChatApi, ChatStream } from '@herald/chat-client';
import type { RoomSummary } from '@herald/contracts';
import { DisplayNameStore } from './display-name.store';

/**
 * Rooms followed live at once: the one in view and the most recently visited others, for their unread
 * counts. Each costs one stream per browser (shared by the tabs), and HTTP/1.1 allows six per origin, so
 * some must stay free for posts and history.
 */
export const MAX_FOLLOWED_ROOMS = 4;

/** One line of the room list. */
export interface RoomEntry {
  name: string;
  /** People online (two people with one name count twice). */
  online: number;
  /** Messages by others not seen yet (rooms followed live only). */
  unread: number;
  current: boolean;
}

interface FollowedRoom {
  name: string;
  stream: ChatStream;
  injector: EnvironmentInjector;
}

/** The rooms the reader knows of, the ones followed live, and the one in view. */
@Injectable({ providedIn: 'root' })
export class RoomsStore {
  private readonly api = inject(ChatApi);
  private readonly parent = inject(EnvironmentInjector);
  private readonly displayName = inject(DisplayNameStore);

  /** Most recently entered first. */
  private readonly followed = signal<readonly FollowedRoom[]>([]);
  private readonly summaries = signal<readonly RoomSummary[]>([]);
  private readonly currentRoom = signal<string | null>(null);
  private connectedAs = this.displayName.name();

  /** The room in view. */
  readonly current = this.currentRoom.asReadonly();
  /** The stream of the room in view. */
  readonly currentStream = computed(() => this.followed().find((room) => room.name === this.currentRoom())?.stream ?? null);
  /** The server's rooms and the followed ones, by name. */
  readonly entries = computed<RoomEntry[]>(() => {
    const current = this.currentRoom();
    const live = new Map(this.followed().map((room) => [room.name, room.stream]));
    const summaries = new Map(this.summaries().map((summary) => [summary.name, summary]));
    const names = [...new Set([...summaries.keys(), ...live.keys()])].sort();
    return names.map((name) => {
      const stream = live.get(name);
      const presence = stream?.presence();
      return {
        name,
        online: presence ? presence.people.length : (summaries.get(name)?.people ?? summaries.get(name)?.online ?? 0),
        unread: stream && name !== current ? stream.unread() : 0,
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
  }

  /** Puts `room` in view, following it live, and returns its stream. */
  enter(room: string): ChatStream {
    this.currentRoom.set(room);
    const list = this.followed();
    let entry = list.find((followed) => followed.name === room);
    if (entry === undefined) {
      const injector = createEnvironmentInjector([ChatStream], this.parent);
      const stream = injector.get(ChatStream);
      stream.connect(room, { name: this.connectedAs });
      entry = { name: room, stream, injector };
    }
    const next = [entry, ...list.filter((followed) => followed !== entry)];
    next.slice(MAX_FOLLOWED_ROOMS).forEach((dropped) => dropped.injector.destroy());
    this.followed.set(next.slice(0, MAX_FOLLOWED_ROOMS));
    void this.refresh();
    return entry.stream;
  }

  /** Reloads the server's room list; keeps the last one when the server cannot be reached. */
  async refresh(): Promise<void> {
    try {
      this.summaries.set(await this.api.rooms());
    } catch {
      // The list is a convenience: the room in view goes on without it.
    }
  }
}
