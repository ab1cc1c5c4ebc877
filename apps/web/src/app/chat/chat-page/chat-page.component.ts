import {
  ChangeDetectionStrategy,
  Component,
  Injector,
  LOCALE_ID,
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
import { ChatApi, ChatApiError, GuestSession, ModerationApi } from '@herald/chat-client';
import { banNotice, localTime } from '../ban-notice';
import { Clock } from '../clock';
import { ComposerComponent } from '../composer/composer.component';
import { ConnectionBannerComponent } from '../connection-banner/connection-banner.component';
import { ConnectionStatusComponent } from '../connection-status/connection-status.component';
import { DisplayNameStore } from '../display-name.store';
import { DraftStore } from '../draft.store';
import { MentionAlertsToggleComponent } from '../mention-alerts-toggle/mention-alerts-toggle.component';
import type { MessageActionRequest, MessagePowers } from '../message-actions';
import { type MessageEdit, MessageListComponent, type MessageNote } from '../message-list/message-list.component';
import { ModeratorFormComponent } from '../moderator-form/moderator-form.component';
import { ModeratorStore } from '../moderator.store';
import { NameFormComponent } from '../name-form/name-form.component';
import { PageVisibility } from '../page-visibility';
import { PresenceListComponent } from '../presence-list/presence-list.component';
import { RoomFormComponent } from '../room-form/room-form.component';
import { RoomListComponent } from '../room-list/room-list.component';
import { RoomsStore } from '../rooms.store';
import { SettingsStore } from '../settings.store';
import { TypingIndicatorComponent } from '../typing-indicator/typing-indicator.component';

/** A room (`/r/:room`): wires the live feed, the room list and the API to the presentational pieces. */
@Component({
  selector: 'herald-chat-page',
  imports: [
    ComposerComponent,
    ConnectionBannerComponent,
    ConnectionStatusComponent,
    MentionAlertsToggleComponent,
    MessageListComponent,
    ModeratorFormComponent,
    NameFormComponent,
    PresenceListComponent,
    RoomFormComponent,
    RoomListComponent,
    TypingIndicatorComponent,
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
  private readonly list = viewChild(MessageListComponent);
  private readonly api = inject(ChatApi);
  private readonly moderation = inject(ModerationApi);
  private readonly moderator = inject(ModeratorStore).moderator;
  private readonly settings = inject(SettingsStore);
  private readonly clock = inject(Clock);
  private readonly locale = inject(LOCALE_ID);
  protected readonly rooms = inject(RoomsStore);

  protected readonly stream = this.rooms.currentStream;
  protected readonly messages = computed(() => this.stream()?.messages() ?? []);
  protected readonly notices = computed(() => this.stream()?.notices() ?? []);
  protected readonly pending = computed(() => this.stream()?.pending() ?? []);
  protected readonly status = computed(() => this.stream()?.status() ?? 'connecting');
  protected readonly people = computed(() => this.stream()?.presence()?.people ?? null);
  protected readonly typing = computed(() => this.stream()?.typing() ?? []);
  protected readonly names = computed(() => this.stream()?.names() ?? []);
  protected readonly newSince = computed(() => this.stream()?.newSince() ?? null);
  protected readonly otherUnread = computed(() => this.rooms.entries().reduce((sum, room) => sum + room.unread, 0));
  /** Some other room has news that is not counted. */
  protected readonly otherNews = computed(() => this.rooms.entries().some((room) => room.news));

  protected readonly name = this.displayName.name;
  /** The reader as their messages and their line in the people online are told apart: by their session's author id. */
  protected readonly reader = computed(() => ({ name: this.name(), authorId: this.guest.authorId() }));
  protected readonly editingName = signal(false);
  protected readonly askName = computed(() => this.name() === null || this.editingName());
  /** The rooms panel, on screens too narrow to show it beside the messages. */
  protected readonly panelOpen = signal(false);

  /** What is in the composer: the room's draft, kept until it is sent. */
  protected readonly draft = signal('');

  protected readonly powers = computed<MessagePowers>(() => ({
    moderator: this.moderator(),
    deleteWindowS: this.settings.deleteWindowS(),
    editWindowS: this.settings.editWindowS(),
  }));
  /** The id of the reader's message being edited in place, or null. */
  protected readonly editing = signal<string | null>(null);
  /** True while an edit is on its way to the server. */
  protected readonly savingEdit = signal(false);
  /** What is being done to which message, or why it could not be. */
  protected readonly notes = signal<ReadonlyMap<string, MessageNote>>(new Map());
  /** Why the composer is off: the reader's ban in this room, until when. The stream lifts it at its time. */
  protected readonly blocked = computed(() => {
    const ban = this.stream()?.ban() ?? null;
    return ban === null ? null : banNotice(ban, this.room(), this.clock.now(), this.locale);
  });

  constructor() {
    effect(() => {
      const room = this.room();
      untracked(() => {
        this.rooms.enter(room);
        this.panelOpen.set(false);
        this.draft.set(this.drafts.get(room));
        this.notes.set(new Map());
        this.editing.set(null);
      });
    });

    // What the reader sees is read; a hidden tab counts up in its title instead.
    effect(() => {
      this.messages();
      this.rooms.currentLastId();
      this.stream()?.status();
      if (!this.visibility.hidden()) untracked(() => this.rooms.readCurrent());
    });
    effect(() => {
      const unread = this.rooms.totalUnread();
      const label = `#${this.room()} · Herald`;
      this.title.setTitle(this.visibility.hidden() && unread > 0 ? `(${unread}) ${label}` : label);
    });
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

  /** The reader typed in the composer: the room hears of it (the stream holds it to once every few seconds). */
  protected typed(text: string): void {
    this.stream()?.sendTyping(text);
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

  /** Carries out what the reader chose in a message's menu, with a line under the message while and if it fails. */
  protected async act({ message, action }: MessageActionRequest): Promise<void> {
    const stream = this.stream();
    if (stream === null) return;
    const { id, room } = message;
    if (action.kind === 'edit') {
      this.note(id, null);
      this.editing.set(id);
      return;
    }
    if (action.kind === 'delete') {
      this.note(id, { text: 'Deleting…', problem: false });
      try {
        // A moderator deletes with their own credentials, at any time; an author with their session.
        const deleted = this.moderator() ? await this.moderation.deleteMessage(room, id) : await this.api.deleteMessage(room, id);
        this.note(id, null);
        // Gone at once here; the room's stream takes it out everywhere else.
        stream.applyDeletion(deleted);
        // The focus was on the message's menu button, which went with it: keep it in the list.
        afterNextRender(
          () => {
            if (document.activeElement === document.body) this.list()?.focus();
          },
          { injector: this.injector },
        );
      } catch (error) {
        this.note(id, { text: `Not deleted: ${reason(error)}`, problem: true });
      }
      return;
    }
    const authorId = message.authorId;
    if (authorId === undefined) return;
    this.note(id, { text: 'Banning…', problem: false });
    try {
      const ban = await this.moderation.ban({ authorId, room, seconds: action.seconds });
      const until = localTime(ban.until, Date.now(), this.locale);
      this.note(id, { text: `${message.author} is banned from #${room} until ${until}.`, problem: false });
    } catch (error) {
      this.note(id, { text: `Not banned: ${reason(error)}`, problem: true });
    }
  }

  /** Saves the reader's new text in place; a refusal shows under the message, with the editor still open. */
  protected async saveEdit({ message, text }: MessageEdit): Promise<void> {
    const stream = this.stream();
    if (stream === null || this.savingEdit()) return;
    this.savingEdit.set(true);
    this.note(message.id, null);
    try {
      // Shown here at once; the room's stream brings it to every other tab and browser.
      stream.applyEdit(await this.api.editMessage(message.room, message.id, text));
      if (this.editing() === message.id) this.editing.set(null);
    } catch (error) {
      this.note(message.id, { text: `Not saved: ${reason(error)}`, problem: true });
    } finally {
      this.savingEdit.set(false);
    }
  }

  protected cancelEdit(): void {
    const id = this.editing();
    this.editing.set(null);
    if (id !== null) this.note(id, null);
  }

  private note(id: string, note: MessageNote | null): void {
    this.notes.update((notes) => {
      const next = new Map(notes);
      if (note === null) next.delete(id);
      else next.set(id, note);
      return next;
    });
  }
}

function reason(error: unknown): string {
  return error instanceof ChatApiError ? error.message : 'something went wrong. Try again.';
}
