import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { Title } from '@angular/platform-browser';
import { Router } from '@angular/router';
import { GuestSession } from '@herald/chat-client';
import { ComposerComponent } from '../composer/composer.component';
import { ConnectionBannerComponent } from '../connection-banner/connection-banner.component';
import { ConnectionStatusComponent } from '../connection-status/connection-status.component';
import { DisplayNameStore } from '../display-name.store';
import { DraftStore } from '../draft.store';
import { MessageListComponent } from '../message-list/message-list.component';
import { NameFormComponent } from '../name-form/name-form.component';
import { PageVisibility } from '../page-visibility';
import { PresenceListComponent } from '../presence-list/presence-list.component';
import { RoomFormComponent } from '../room-form/room-form.component';
import { RoomListComponent } from '../room-list/room-list.component';
import { RoomsStore } from '../rooms.store';

/** How often the room list (names and who is online) is refreshed. */
const ROOM_LIST_REFRESH_MS = 10_000;

/** A room (`/r/:room`): wires the live feed, the room list and the API to the presentational pieces. */
@Component({
  selector: 'herald-chat-page',
  imports: [
    ComposerComponent,
    ConnectionBannerComponent,
    ConnectionStatusComponent,
    MessageListComponent,
    NameFormComponent,
    PresenceListComponent,
    RoomFormComponent,
    RoomListComponent,
  ],
  templateUrl: './chat-page.component.html',
  styleUrl: './chat-page.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown.escape)': 'panelOpen.set(false)' },
})
export class ChatPageComponent {
  /** The room in view, from the URL. */
  readonly room = input.required<string>();

  private readonly router = inject(Router);
  private readonly title = inject(Title);
  private readonly visibility = inject(PageVisibility);
  private readonly displayName = inject(DisplayNameStore);
  private readonly guest = inject(GuestSession);
  private readonly drafts = inject(DraftStore);
  private readonly injector = inject(Injector);
  private readonly composer = viewChild(ComposerComponent);
  protected readonly rooms = inject(RoomsStore);

  protected readonly stream = this.rooms.currentStream;
  protected readonly messages = computed(() => this.stream()?.messages() ?? []);
  protected readonly notices = computed(() => this.stream()?.notices() ?? []);
  protected readonly pending = computed(() => this.stream()?.pending() ?? []);
  protected readonly status = computed(() => this.stream()?.status() ?? 'connecting');
  protected readonly people = computed(() => this.stream()?.presence()?.people ?? null);
  protected readonly otherUnread = computed(() => this.rooms.entries().reduce((sum, room) => sum + room.unread, 0));

  protected readonly name = this.displayName.name;
  /** The reader as their messages and their line in the people online are told apart: by their session's author id. */
  protected readonly reader = computed(() => ({ name: this.name(), authorId: this.guest.authorId() }));
  protected readonly editingName = signal(false);
  protected readonly askName = computed(() => this.name() === null || this.editingName());
  /** The rooms panel, on screens too narrow to show it beside the messages. */
  protected readonly panelOpen = signal(false);

  /** What is in the composer: the room's draft, kept until it is sent. */
  protected readonly draft = signal('');

  constructor() {
    effect(() => {
      const room = this.room();
      untracked(() => {
        this.rooms.enter(room);
        this.panelOpen.set(false);
        this.draft.set(this.drafts.get(room));
      });
    });

    // What the reader sees is read; a hidden tab counts up in its title instead.
    effect(() => {
      const stream = this.stream();
      stream?.messages();
      if (!this.visibility.hidden()) untracked(() => stream?.markRead());
    });
    effect(() => {
      const unread = this.rooms.totalUnread();
      const label = `#${this.room()} · Herald`;
      this.title.setTitle(this.visibility.hidden() && unread > 0 ? `(${unread}) ${label}` : label);
    });

    const timer = setInterval(() => void this.rooms.refresh(), ROOM_LIST_REFRESH_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  protected openRoom(room: string): void {
    void this.router.navigate(['/r', room]);
  }

  protected loadOlder(): void {
    void this.stream()?.loadOlder();
  }

  protected setName(name: string): void {
    this.displayName.set(name);
    this.editingName.set(false);
    // The name form that had the focus is gone: carry it on to where the reader goes next.
    afterNextRender(() => this.composer()?.focus(), { injector: this.injector });
  }

  protected editDraft(text: string): void {
    this.draft.set(text);
    this.drafts.set(this.room(), text);
  }

  /** The message leaves the composer at once: it waits in the list, where a failure shows with Retry. */
  protected send(text: string): void {
    const author = this.name();
    const stream = this.stream();
    if (author === null || stream === null) return;
    this.editDraft('');
    void stream.send(text, author);
  }

  protected retry(key: string): void {
    void this.stream()?.retry(key);
  }

  protected discard(key: string): void {
    this.stream()?.discard(key);
  }
}
