import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  LOCALE_ID,
  afterNextRender,
  afterRenderEffect,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { type PendingMessage, type PresenceNotice, type ResetNotice, compareEventIds } from '@herald/chat-client';
import type { ChatMessage } from '@herald/contracts';
import { Clock } from '../clock';
import { type Reader, isOwn } from '@herald/chat-client';
import { MessageActionsComponent } from '../message-actions/message-actions.component';
import { type MessageAction, type MessageActionRequest, type MessagePowers, messageActions, nextWindowEnd } from '../message-actions';
import { MessageEditorComponent } from '../message-editor/message-editor.component';
import { buildTimeline } from '../timeline';

/** A line under a message about what is being done to it, or why it could not be. */
export interface MessageNote {
  text: string;
  problem: boolean;
}

/** The reader's new text for one of their messages. */
export interface MessageEdit {
  message: ChatMessage;
  text: string;
}

/** How close to the bottom (px) still counts as "reading the newest messages". */
const BOTTOM_SLACK = 48;
/** How close to the top (px) asks for the older page, before the reader hits the very top. */
const TOP_PRELOAD = 240;

/**
 * The room's messages, newest at the bottom, with day separators, join/leave notices, the line of a reset and the
 * line above what is new since the reader was here, the reader's pending messages last, and a placeholder while
 * there are no messages (notices do not make a room less empty). Mentions of known names stand out, and a message
 * that mentions the reader is marked; an edited one says so. The message being edited shows an editor in place of
 * its text. Follows new messages while the reader is at the bottom; once they scroll up it stays put and offers a
 * "Jump to latest" button ("New messages" once some came in), also on Alt+End anywhere on the page. Near the top
 * it asks for older messages and keeps the view where it was when they arrive.
 */
@Component({
  selector: 'herald-message-list',
  imports: [MessageActionsComponent, MessageEditorComponent],
  templateUrl: './message-list.component.html',
  styleUrl: './message-list.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown.alt.end)': 'jumpToLatest($event)' },
})
export class MessageListComponent {
  readonly messages = input.required<readonly ChatMessage[]>();
  readonly notices = input<readonly PresenceNotice[]>([]);
  /**
   * Set when the view started over (a stream reset): a line at the top of the log says earlier messages are
   * gone, in place of the note that this is the beginning of the room's history.
   */
  readonly resetNotice = input<ResetNotice | null>(null);
  /** The reader: their messages (by author id, see {@link isOwn}) are set apart. */
  readonly reader = input<Reader | null>(null);
  /** Whether older messages exist before the first one shown. */
  readonly hasMore = input(false);
  readonly loadingOlder = input(false);
  /** Why the last older page failed, if it did. */
  readonly olderError = input<string | null>(null);
  /** The reader's messages that are not in the room's list yet, shown last. */
  readonly pending = input<readonly PendingMessage[]>([]);
  /** Asks for the page of messages before the first one shown. */
  readonly loadOlder = output<void>();
  /** Asks to send the failed pending message with this key again. */
  readonly retry = output<string>();
  /** Asks to drop the failed pending message with this key. */
  readonly discard = output<string>();
  /** The names the room knows: an `@` before one of them is a mention. */
  readonly names = input<readonly string[]>([]);
  /** The first message new since the reader was here, or null: a line goes above it. */
  readonly newSince = input<string | null>(null);
  /** What the reader may do to messages beyond reading them: each message that offers something has a menu. */
  readonly powers = input<MessagePowers>({ moderator: null, deleteWindowS: 0, editWindowS: 0 });
  /** The id of the message whose editor is open, or null. */
  readonly editing = input<string | null>(null);
  /** True while an edit is on its way. */
  readonly savingEdit = input(false);
  /** Asks to save the reader's new text of a message. */
  readonly saveEdit = output<MessageEdit>();
  /** The reader gave up editing. */
  readonly cancelEdit = output<void>();
  /** Lines to show under messages, by message id: an action under way, its outcome, or why it failed. */
  readonly notes = input<ReadonlyMap<string, MessageNote>>(new Map());
  /** Asks to carry out an action chosen in a message's menu. */
  readonly act = output<MessageActionRequest>();

  private readonly clock = inject(Clock);
  private readonly locale = inject(LOCALE_ID);
  protected readonly timeline = computed(() =>
    buildTimeline(this.messages(), this.notices(), this.reader(), this.clock.now(), this.locale, {
      resetNotice: this.resetNotice(),
      pending: this.pending(),
      names: this.names(),
      newSince: this.newSince(),
    }),
  );

  /** Bumped when one of the reader's own messages stops being theirs to edit or delete, so its action goes then. */
  private readonly windowClosed = signal(0);
  /** The actions of each message that offers any, by id. */
  protected readonly actions = computed(() => {
    this.clock.now();
    this.windowClosed();
    const now = Date.now();
    const [reader, powers] = [this.reader(), this.powers()];
    const offered = new Map<string, readonly MessageAction[]>();
    for (const message of this.messages()) {
      const actions = messageActions(message, reader, powers, now);
      if (actions.length > 0) offered.set(message.id, actions);
    }
    return offered;
  });

  /** Messages came in below while the reader was scrolled up. */
  protected readonly unseen = signal(false);
  /** The reader scrolled away from the newest messages. */
  protected readonly awayFromEnd = signal(false);
  private readonly scroller = viewChild.required<ElementRef<HTMLElement>>('scroller');
  private following = true;
  private renderedIds = new Set<string>();
  private renderedPending = 0;
  private firstId: string | null = null;
  /** Geometry as of the last render or scroll, i.e. before the DOM changes that the next render makes. */
  private lastScrollHeight = 0;
  private lastScrollTop = 0;

  constructor() {
    afterRenderEffect(() => {
      this.timeline();
      const messages = this.messages();
      const pending = this.pending().length;
      const reader = untracked(this.reader);
      const el = this.scroller().nativeElement;
      const added = messages.filter((m) => !this.renderedIds.has(m.id));
      const previousFirst = this.firstId;
      this.renderedIds = new Set(messages.map((m) => m.id));
      this.firstId = messages[0]?.id ?? null;
      // A message the reader just sent shows as pending first: they expect to see it.
      const sent = pending > this.renderedPending;
      this.renderedPending = pending;

      const prepended = previousFirst !== null && added.length > 0 && compareEventIds(added[0].id, previousFirst) < 0;
      const appended = added.some((m) => previousFirst === null || compareEventIds(m.id, previousFirst) > 0);
      if (prepended && !this.following) {
        // Older messages went in above: move down by as much, so the reader's message stays in place.
        el.scrollTop = this.lastScrollTop + (el.scrollHeight - this.lastScrollHeight);
      }
      if (sent) {
        this.scrollToEnd();
      } else if (appended) {
        // The reader's own message always brings them down: they just sent it and expect to see it.
        if (this.following || added.some((m) => isOwn(m, reader))) this.scrollToEnd();
        else this.unseen.set(true);
      } else if (this.following) {
        this.scrollToEnd();
      }
      this.remember();
    });

    effect((onCleanup) => {
      this.windowClosed();
      const now = Date.now();
      const next = nextWindowEnd(this.messages(), this.reader(), this.powers(), now);
      if (next === null) return;
      const timer = setTimeout(() => this.windowClosed.update((n) => n + 1), next - now);
      onCleanup(() => clearTimeout(timer));
    });

    // When the editor closes, the focus it held goes back to the menu it came from.
    let edited: string | null = null;
    afterRenderEffect(() => {
      const editing = this.editing();
      if (edited !== null && editing === null) this.refocus(edited);
      edited = editing;
    });

    // The list shrinks when the composer grows (a second line, an error): keep the newest message in view.
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      if (typeof ResizeObserver === 'undefined') return;
      const observer = new ResizeObserver(() => {
        if (this.following) this.scrollToEnd();
      });
      observer.observe(this.scroller().nativeElement);
      destroyRef.onDestroy(() => observer.disconnect());
    });
  }

  protected onScroll(): void {
    const el = this.scroller().nativeElement;
    this.following = el.scrollHeight - el.scrollTop - el.clientHeight <= BOTTOM_SLACK;
    this.awayFromEnd.set(!this.following);
    if (this.following) this.unseen.set(false);
    this.remember();
    if (el.scrollTop < TOP_PRELOAD && !this.following) this.askForOlder();
  }

  protected askForOlder(): void {
    if (this.hasMore() && !this.loadingOlder()) this.loadOlder.emit();
  }

  protected scrollToEnd(): void {
    const el = this.scroller().nativeElement;
    el.scrollTop = el.scrollHeight;
    this.following = true;
    this.unseen.set(false);
    this.awayFromEnd.set(false);
    this.remember();
  }

  /** Puts the focus on the list itself: where it goes when the message that held it is gone. */
  focus(): void {
    this.scroller().nativeElement.focus();
  }

  /** The Alt+End shortcut, wherever the focus is. */
  protected jumpToLatest(event: Event): void {
    event.preventDefault();
    this.scrollToEnd();
  }

  /** Puts the focus back on the menu button of message `id` (the list itself when it has none now), unless it moved on. */
  private refocus(id: string): void {
    const active = document.activeElement;
    if (active !== null && active !== document.body && this.scroller().nativeElement.contains(active)) return;
    // An event id is digits and a dash: nothing to escape in a selector.
    const item = this.scroller().nativeElement.querySelector(`li[data-id="${id}"]`);
    const trigger = item?.querySelector<HTMLElement>('button[aria-haspopup="menu"]');
    (trigger ?? this.scroller().nativeElement).focus();
  }

  private remember(): void {
    const el = this.scroller().nativeElement;
    this.lastScrollHeight = el.scrollHeight;
    this.lastScrollTop = el.scrollTop;
  }
}
