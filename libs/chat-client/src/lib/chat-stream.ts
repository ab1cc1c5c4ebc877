import { DestroyRef, Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import {
  CHAT_EVENT,
  type ChatMessage,
  HISTORY_PAGE_DEFAULT_LIMIT,
  HISTORY_PAGE_MAX_LIMIT,
  type MessageDeleted,
  compareEventIds,
} from '@herald/contracts';
import type { ChatAction } from './chat-action';
import { ChatApi } from './chat-api';
import { ChatApiError } from './chat-api-error';
import { CHAT_MAX_MESSAGES } from './chat-max-messages.token';
import { chatReducer } from './chat-reducer';
import { initialChatState } from './chat-state';
import { GuestSession } from './guest-session';
import { HERALD_TOKEN_PROVIDER } from './herald-config';
import { knownNames } from './mentions';
import { newSendKey } from './send-key';
import type { RoomFeed, RoomFeedSink } from './room-events';
import { RoomFeeds } from './room-feeds';
import { ticketPolicy } from './stream-access';

/** The longest a timer can wait (about 24.8 days); a longer ban is checked again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/**
 * The shortest wait for a ban to end: one this device's clock says is over already (the clocks differ) ends
 * after it, not at once, so that a stream the server still refuses cannot reopen in a loop.
 */
const BAN_MIN_WAIT_MS = 5_000;
/** The reader's typing is told to the room at most this often: within the 6 s each telling holds, past the server's 2 s. */
export const TYPING_SEND_INTERVAL_MS = 2_500;

/** Options of {@link ChatStream.connect}. */
export interface ConnectOptions {
  /** The reader's display name: sent as `?name=`, so others see them online, and their messages are not unread. */
  name?: string | null;
  /**
   * The id up to which the reader read the room on an earlier visit, as the app kept it (see `ReadMarks`): the
   * messages after it count as unread from the first page on, and {@link ChatStream.newSince} marks the first of
   * them. Without it, what the first page shows is read by definition.
   */
  lastRead?: string | null;
}

/**
 * One room's live feed as signals. Provide it per view (`providers: [ChatStream]`) and call
 * {@link connect}: it loads recent history, then follows the room's event stream from the newest id it holds
 * (one stream per room for all tabs of the origin, where the browser allows), loads older pages on demand,
 * and stops when its injector is destroyed or {@link close} is called.
 *
 * This class only does the I/O (history, the feed, their retries) and turns what happens into actions for
 * {@link chatReducer}, which holds every rule about what is shown; the signals read its one state.
 */
@Injectable()
export class ChatStream {
  private readonly api = inject(ChatApi);
  private readonly feeds = inject(RoomFeeds);
  private readonly hasTokenProvider = inject(HERALD_TOKEN_PROVIDER) !== null;
  private readonly guest = inject(GuestSession);
  private readonly state = signal(initialChatState(inject(CHAT_MAX_MESSAGES)));
  /** The reader's messages are told by their guest session's author id as soon as they have one. */
  private readonly followReader = effect(() => {
    const authorId = this.guest.authorId();
    untracked(() => this.dispatch({ type: 'reader', authorId }));
  });

  /** The room followed, or null before {@link connect}. */
  readonly room = computed(() => this.state().room);
  private readonly readerName = computed(() => this.state().name);
  /**
   * Why the server refused this client the room (a private room without a token, or with one that does not
   * allow it: status 401 or 403, with the server's explanation), or null. While set, `status` is `offline` and
   * nothing is retried; call {@link connect} again (after signing in, say) to try anew.
   */
  readonly accessDenied = computed(() => this.state().accessDenied);
  /** The room's messages, oldest first, each id once; at most `maxMessages` plus the older pages loaded. */
  readonly messages = computed(() => this.state().messages);
  /** State of the live feed, for the reader. */
  readonly status = computed(() => this.state().status);
  /** Who is in the room now, or null until the server said. */
  readonly presence = computed(() => this.state().presence);
  /** Recent joins and leaves, oldest first. */
  readonly notices = computed(() => this.state().notices);
  /**
   * Set when the server no longer had this client's position (a `reset`): the view started over with all the
   * history the server holds, to be shown under a line that says earlier messages are gone. Null otherwise.
   */
  readonly resetNotice = computed(() => this.state().resetNotice);
  /** Whether older messages than the first one held can be loaded with {@link loadOlder}. */
  readonly hasMore = computed(() => this.state().hasMore);
  /** True while an older page is on its way. */
  readonly loadingOlder = computed(() => this.state().loadingOlder);
  /** Why the last older page failed to load, or null. */
  readonly olderPageError = computed(() => this.state().olderPageError);
  /** Id of the newest message received: where a new connection resumes. */
  readonly lastEventId = computed(() => this.state().messages.at(-1)?.id ?? null);
  /**
   * Messages by others that arrived after the history shown on connect (or after the `lastRead` given to it) and
   * after the last {@link markRead}.
   */
  readonly unread = computed(() => this.state().unread);
  /** The unread messages (of {@link unread}) that mention the reader by name, `@Ada`, oldest first. */
  readonly unreadMentions = computed(() => this.state().mentions);
  /** The id up to which messages count as read (by {@link markRead}, or as given), or null. */
  readonly lastRead = computed(() => this.state().readUpTo);
  /**
   * The first message that was unread when the reader came with a read mark (`lastRead` of {@link connect}, or
   * {@link revisit}): where a "new since you were here" line goes. Null when nothing was new.
   */
  readonly newSince = computed(() => this.state().newSince);
  /** Whether the first page of history is in: until then, no messages means "loading", not "an empty room". */
  readonly loaded = computed(() => this.state().historyShown);
  /** Others typing in the room now (never the reader), in the order they started; each goes at its time or with their message. */
  readonly typing = computed(() => this.state().typists);
  /**
   * The names the room knows, sorted: the people online, the authors of the messages held, and the reader's. What
   * an `@` may mention (see `findMentions`); the same array while the names are the same.
   */
  readonly names = computed(() => knownNames(this.messages(), this.presence(), this.readerName()), {
    equal: (a, b) => a.length === b.length && a.every((name, i) => name === b[i]),
  });
  /**
   * Messages sent with {@link send} that the stream has not delivered yet, in the order sent: on their way,
   * accepted, or failed (with the reason) until {@link retry} or {@link discard}. Show them after the messages.
   */
  readonly pending = computed(() => this.state().pending);
  /**
   * The server's refusal while a moderator's ban of the reader lasts (a 403 `ChatApiError` whose `bannedUntil`
   * says until when, and whose message says why), learned from a post or from opening the stream; null otherwise.
   * It clears itself at `bannedUntil` (and the stream reopens if the ban had stopped it), once a post is accepted
   * again (the ban was lifted), and in another room.
   */
  readonly ban = computed(() => this.state().ban);

  private feed: RoomFeed | null = null;
  /** Bumped by connect/close so an answer that arrives for an abandoned room is ignored. */
  private generation = 0;
  private banTimer: ReturnType<typeof setTimeout> | null = null;
  private typingTimer: ReturnType<typeof setTimeout> | null = null;
  /** When the reader's typing was last told to the room, in ms. */
  private typingSentAt = -Infinity;
  /** The options of the last {@link connect}, to reopen with once a ban that stopped the stream ends. */
  private connected: ConnectOptions = {};
  /** Whether the feed, not only a post, met the ban: its stream was refused, or opened without its ticket. */
  private feedBanned = false;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.close();
      this.clearBanTimer();
      if (this.typingTimer !== null) clearTimeout(this.typingTimer);
    });
  }

  /**
   * Starts following `room`. Another room drops what this stream held; the same room under another name keeps
   * its messages and reopens the stream under the new name.
   */
  connect(room: string, options: ConnectOptions = {}): void {
    this.close();
    this.connected = options;
    this.feedBanned = false;
    const name = options.name?.trim() || null;
    if (room !== this.state().room) this.typingSentAt = -Infinity;
    this.dispatch({ type: 'connect', room, name, lastRead: options.lastRead ?? null });
    const url = (lastEventId: string | null, ticket: string | null) => {
      const params = new URLSearchParams();
      if (ticket !== null) params.set('ticket', ticket);
      if (name !== null) params.set('name', name);
      if (lastEventId !== null) params.set('lastEventId', lastEventId);
      const query = params.toString();
      return this.api.roomUrl(room, 'events') + (query ? `?${query}` : '');
    };
    // A named reader with a guest session streams with tickets of that session, to count as themselves.
    const tickets = ticketPolicy(room, this.hasTokenProvider, name !== null && this.guest.available);
    const stream = {
      url,
      tickets,
      ticket: async () => {
        if (tickets === 'guest' && (name === null || (await this.guest.token(name)) === null)) return null;
        return (await this.api.streamTicket(room, name)).ticket;
      },
    };
    this.feed = this.feeds.open(room, name, stream, this.sink(room, this.generation));
  }

  /** Closes the event stream and cancels any pending reconnect. Messages stay readable. */
  close(): void {
    this.generation++;
    this.dispatch({ type: 'closed' });
    this.feed?.close();
    this.feed = null;
  }

  /** Loads the page of messages before the oldest one held. */
  async loadOlder(): Promise<void> {
    const { room, messages, hasMore, loadingOlder } = this.state();
    const oldest = messages[0];
    if (room === null || oldest === undefined || !hasMore || loadingOlder) return;
    const generation = this.generation;
    this.dispatch({ type: 'older-requested' });
    try {
      const page = await this.api.history(room, { before: oldest.id, limit: HISTORY_PAGE_DEFAULT_LIMIT });
      if (generation === this.generation) this.dispatch({ type: 'older-loaded', page });
    } catch (error) {
      const message = error instanceof ChatApiError ? error.message : 'Older messages could not be loaded.';
      if (generation === this.generation) this.dispatch({ type: 'older-failed', message });
    }
  }

  /**
   * Posts `text` to the room followed, as `author` (by default the name given to {@link connect}). The message
   * is in {@link pending} at once and stays there until the stream delivers it; a failure is kept there with
   * its reason. Resolves once the server answered, and never rejects for a failed post.
   */
  async send(text: string, author: string | null = this.state().name): Promise<void> {
    const room = this.state().room;
    if (room === null || author === null) throw new Error('ChatStream.send needs a room and an author: connect with a name first');
    const key = newSendKey();
    this.dispatch({ type: 'send-started', message: { key, author, text, at: new Date().toISOString() } });
    await this.post(room, key);
  }

  /** Sends a failed message of {@link pending} again, under the same Idempotency-Key. */
  async retry(key: string): Promise<void> {
    const room = this.state().room;
    if (room === null || this.state().pending.find((p) => p.key === key)?.state !== 'failed') return;
    this.dispatch({ type: 'send-retried', key });
    await this.post(room, key);
  }

  /** Drops a message of {@link pending} that was not sent. */
  discard(key: string): void {
    this.dispatch({ type: 'send-discarded', key });
  }

  /**
   * Takes out at once a message the app deleted (the answer of `ChatApi.deleteMessage` or
   * `ModerationApi.deleteMessage`), without waiting for the stream's tombstone, which then changes nothing.
   */
  applyDeletion(deleted: MessageDeleted): void {
    this.dispatch({ type: 'received', event: { type: CHAT_EVENT.deleted, data: deleted }, at: Date.now() });
  }

  /**
   * Puts in place at once the reader's message as edited (the answer of `ChatApi.editMessage`), without waiting for
   * the stream's `edited` event, which then changes nothing. A message not held changes nothing.
   */
  applyEdit(message: ChatMessage): void {
    this.dispatch({ type: 'received', event: { type: CHAT_EVENT.edited, data: message }, at: Date.now() });
  }

  /** Counts everything held so far as read; with `upTo`, only what goes up to that id (read in another tab, say). */
  markRead(upTo?: string): void {
    this.dispatch({ type: 'read', upTo });
  }

  /**
   * The reader comes back to the room this stream went on following, having read it up to `lastRead`: the messages
   * after it count as unread, and {@link newSince} marks the first of them.
   */
  revisit(lastRead: string | null): void {
    this.dispatch({ type: 'revisit', lastRead });
  }

  /**
   * Tells the room the reader is typing `draft` (`ChatApi.typing`), at most every {@link TYPING_SEND_INTERVAL_MS};
   * an empty draft tells nothing. Call it as the draft changes. Failures are ignored: it is only a hint.
   */
  sendTyping(draft: string): void {
    const room = this.state().room;
    const now = Date.now();
    if (room === null || draft.trim() === '' || now - this.typingSentAt < TYPING_SEND_INTERVAL_MS) return;
    this.typingSentAt = now;
    this.api.typing(room).catch(() => undefined);
  }

  private async post(room: string, key: string): Promise<void> {
    const message = this.state().pending.find((p) => p.key === key);
    if (message === undefined) return;
    try {
      const accepted = await this.api.post(room, { author: message.author, text: message.text }, { idempotencyKey: key });
      this.dispatch({ type: 'send-accepted', key, id: accepted.id });
    } catch (error) {
      const failure = error instanceof ChatApiError ? error : new ChatApiError('The message could not be sent. Try again.', 0);
      this.dispatch({ type: 'send-failed', key, error: failure });
    }
  }

  private dispatch(action: ChatAction): void {
    const { ban, typists } = this.state();
    this.state.update((state) => chatReducer(state, action));
    if (this.state().ban !== ban) this.watchBan();
    if (this.state().typists !== typists) this.watchTyping();
  }

  /** Ends the typing shown at its time: the reducer has no clock. */
  private watchTyping(): void {
    if (this.typingTimer !== null) clearTimeout(this.typingTimer);
    this.typingTimer = null;
    const typists = this.state().typists;
    if (typists.length === 0) return;
    const next = Math.min(...typists.map((typist) => typist.until));
    this.typingTimer = setTimeout(
      () => {
        this.typingTimer = null;
        this.dispatch({ type: 'typing-expired', at: Date.now() });
        // A timer that fired a little early ended nothing: wait again.
        if (this.typingTimer === null) this.watchTyping();
      },
      Math.max(0, next - Date.now()),
    );
  }

  /** Ends the ban held at its time: the reducer has no clock. */
  private watchBan(): void {
    this.clearBanTimer();
    const ban = this.state().ban;
    const until = Date.parse(ban?.bannedUntil ?? '');
    if (ban === null) return;
    const left = until - Date.now();
    this.banTimer = setTimeout(
      () => {
        this.banTimer = null;
        // Only a ban past the longest timer is not over yet when the timer fires.
        if (until > Date.now() + BAN_MIN_WAIT_MS) return this.watchBan();
        const room = this.state().room;
        this.dispatch({ type: 'ban-ended', ban });
        // The stream met the ban: open it again as the reader, now that it would be let in.
        if (room !== null && this.feedBanned) this.connect(room, this.connected);
      },
      // An unreadable time ends the ban as soon as may be: nothing says how long to keep the reader out.
      Number.isNaN(left) ? BAN_MIN_WAIT_MS : Math.min(Math.max(left, BAN_MIN_WAIT_MS), MAX_TIMER_MS),
    );
  }

  private clearBanTimer(): void {
    if (this.banTimer !== null) clearTimeout(this.banTimer);
    this.banTimer = null;
  }

  /** The feed's view of this stream; calls for an abandoned generation are ignored. */
  private sink(room: string, generation: number): RoomFeedSink {
    const current = () => generation === this.generation;
    const dispatch = (action: ChatAction) => {
      if (current()) this.dispatch(action);
    };
    const fillGap = () =>
      this.api.history(room, { limit: HISTORY_PAGE_MAX_LIMIT }).then(
        (page) => dispatch({ type: 'gap-filled', messages: page.messages }),
        // Best effort: the live feed goes on regardless.
        () => undefined,
      );
    /** The stream opened on a room that was empty: what was posted before it went live is in no replay. */
    let openedOnEmpty = false;
    return {
      event: (event) => dispatch({ type: 'received', event, at: Date.now() }),
      status: (status) => {
        dispatch({ type: 'status', status });
        if (status === 'live' && openedOnEmpty) {
          openedOnEmpty = false;
          void fillGap();
        }
      },
      denied: (error) => {
        if (current() && error.bannedUntil !== null) this.feedBanned = true;
        dispatch({ type: 'denied', error });
      },
      banned: (error) => {
        if (current()) this.feedBanned = true;
        dispatch({ type: 'banned', error });
      },
      resumePoint: async () => {
        // With an id to resume from, the server's replay fills the gap; without one, history does.
        if (this.lastEventId() !== null) return this.lastEventId();
        const page = await this.api.history(room);
        if (!current()) throw new Error('abandoned');
        this.dispatch({ type: 'newest-page', page });
        // Between this page and the stream's start (a ticket to ask for, a connection to open) a post can land
        // that a stream opened without an id would never replay.
        openedOnEmpty = this.lastEventId() === null;
        return this.lastEventId();
      },
      catchUp: (resumeFrom) => {
        const newest = this.lastEventId();
        if (resumeFrom === null || (newest !== null && compareEventIds(newest, resumeFrom) >= 0)) return;
        void fillGap();
      },
    };
  }
}
