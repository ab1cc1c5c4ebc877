import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { HISTORY_PAGE_DEFAULT_LIMIT, HISTORY_PAGE_MAX_LIMIT, type ChatMessage, type PresenceUpdate } from '@herald/contracts';
import { ChatApi } from './chat-api';
import { ChatApiError } from './chat-api-error';
import type { ConnectionStatus } from './connection-status';
import { compareEventIds } from '@herald/contracts';
import { HERALD_TOKEN_PROVIDER } from './herald-config';
import { mergeMessages } from './merge-messages';
import type { PresenceNotice } from './presence-notice';
import type { RoomFeed, RoomFeedSink } from './room-events';
import { RoomFeeds } from './room-feeds';
import { ticketPolicy } from './stream-access';

/** Presence notices kept per room (the oldest go first). */
const MAX_NOTICES = 50;
/** A name that leaves and comes back within this time (a reload, a tab handing over) was never gone. */
const REJOIN_WINDOW_MS = 10_000;

/** Options of {@link ChatStream.connect}. */
export interface ConnectOptions {
  /** The reader's display name: sent as `?name=`, so others see them online, and their messages are not unread. */
  name?: string | null;
}

/**
 * One room's live feed as signals. Provide it per view (`providers: [ChatStream]`) and call
 * {@link connect}: it loads recent history, then follows the room's event stream from the newest id it holds
 * (one stream per room for all tabs of the origin, where the browser allows), loads older pages on demand,
 * and stops when its injector is destroyed or {@link close} is called.
 */
@Injectable()
export class ChatStream {
  private readonly api = inject(ChatApi);
  private readonly feeds = inject(RoomFeeds);
  private readonly hasTokenProvider = inject(HERALD_TOKEN_PROVIDER) !== null;

  private readonly roomName = signal<string | null>(null);
  private readonly messageList = signal<readonly ChatMessage[]>([]);
  private readonly connection = signal<ConnectionStatus>('connecting');
  private readonly presenceState = signal<PresenceUpdate | null>(null);
  private readonly noticeList = signal<readonly PresenceNotice[]>([]);
  private readonly olderExist = signal(false);
  private readonly olderLoading = signal(false);
  private readonly olderError = signal<string | null>(null);
  private readonly readUpTo = signal<string | null>(null);
  private readonly ownName = signal<string | null>(null);
  private readonly refusal = signal<ChatApiError | null>(null);

  /** The room followed, or null before {@link connect}. */
  readonly room = this.roomName.asReadonly();
  /**
   * Why the server refused this client the room (a private room without a token, or with one that does not
   * allow it: status 401 or 403, with the server's explanation), or null. While set, `status` is `offline` and
   * nothing is retried; call {@link connect} again (after signing in, say) to try anew.
   */
  readonly accessDenied = this.refusal.asReadonly();
  /** The room's messages, oldest first, each id once. */
  readonly messages = this.messageList.asReadonly();
  /** State of the live feed, for the reader. */
  readonly status = this.connection.asReadonly();
  /** Who is in the room now, or null until the server said. */
  readonly presence = this.presenceState.asReadonly();
  /** Recent joins and leaves, oldest first. */
  readonly notices = this.noticeList.asReadonly();
  /** Whether older messages than the first one held can be loaded with {@link loadOlder}. */
  readonly hasMore = this.olderExist.asReadonly();
  /** True while an older page is on its way. */
  readonly loadingOlder = this.olderLoading.asReadonly();
  /** Why the last older page failed to load, or null. */
  readonly olderPageError = this.olderError.asReadonly();
  /** Id of the newest message received: where a new connection resumes. */
  readonly lastEventId = computed(() => this.messageList().at(-1)?.id ?? null);
  /**
   * Messages by others that arrived after the history shown on connect and after the last
   * {@link markRead}.
   */
  readonly unread = computed(() => {
    const mark = this.readUpTo();
    const own = this.ownName();
    const messages = this.messageList();
    let count = 0;
    for (let i = messages.length - 1; i >= 0; i--) {
      const message = messages[i];
      if (mark !== null && compareEventIds(message.id, mark) <= 0) break;
      if (message.author !== own) count++;
    }
    return count;
  });

  private feed: RoomFeed | null = null;
  /** Bumped by connect/close so an answer that arrives for an abandoned room is ignored. */
  private generation = 0;
  private historyShown = false;
  private noticeKey = 0;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.close());
  }

  /**
   * Starts following `room`. Another room drops what this stream held; the same room under another name keeps
   * its messages and reopens the stream under the new name.
   */
  connect(room: string, options: ConnectOptions = {}): void {
    const sameRoom = room === this.roomName();
    this.close();
    const name = options.name?.trim() || null;
    this.ownName.set(name);
    if (!sameRoom) {
      this.roomName.set(room);
      this.messageList.set([]);
      this.presenceState.set(null);
      this.noticeList.set([]);
      this.olderExist.set(false);
      this.olderError.set(null);
      this.readUpTo.set(null);
      this.historyShown = false;
    }
    this.connection.set('connecting');
    this.refusal.set(null);
    const generation = this.generation;
    const url = (lastEventId: string | null, ticket: string | null) => {
      const params = new URLSearchParams();
      if (ticket !== null) params.set('ticket', ticket);
      if (name !== null) params.set('name', name);
      if (lastEventId !== null) params.set('lastEventId', lastEventId);
      const query = params.toString();
      return this.api.roomUrl(room, 'events') + (query ? `?${query}` : '');
    };
    const stream = {
      url,
      tickets: ticketPolicy(room, this.hasTokenProvider),
      ticket: async () => (await this.api.streamTicket(room)).ticket,
    };
    this.feed = this.feeds.open(room, name, stream, this.sink(generation));
  }

  /** Closes the event stream and cancels any pending reconnect. Messages stay readable. */
  close(): void {
    this.generation++;
    this.olderLoading.set(false);
    this.feed?.close();
    this.feed = null;
  }

  /** Loads the page of messages before the oldest one held. */
  async loadOlder(): Promise<void> {
    const room = this.roomName();
    const oldest = this.messageList()[0];
    if (room === null || oldest === undefined || !this.olderExist() || this.olderLoading()) return;
    const generation = this.generation;
    this.olderLoading.set(true);
    this.olderError.set(null);
    try {
      const page = await this.api.history(room, { before: oldest.id, limit: HISTORY_PAGE_DEFAULT_LIMIT });
      if (generation !== this.generation) return;
      this.messageList.update((current) => mergeMessages(current, page.messages));
      this.olderExist.set(page.hasMore);
    } catch (error) {
      if (generation !== this.generation) return;
      this.olderError.set(error instanceof ChatApiError ? error.message : 'Older messages could not be loaded.');
    } finally {
      if (generation === this.generation) this.olderLoading.set(false);
    }
  }

  /** Counts everything held so far as read. */
  markRead(): void {
    const newest = this.lastEventId();
    if (newest !== null && newest !== this.readUpTo()) this.readUpTo.set(newest);
  }

  /** The feed's view of this stream; calls for an abandoned generation are ignored. */
  private sink(generation: number): RoomFeedSink {
    const current = () => generation === this.generation;
    const room = this.roomName() as string;
    return {
      message: (message) => {
        if (current()) this.messageList.update((list) => mergeMessages(list, [message]));
      },
      // The server no longer knows our position and replays all it holds next: start the list over.
      reset: () => {
        if (!current()) return;
        this.messageList.set([]);
        this.olderExist.set(false);
      },
      presence: (update) => {
        if (current()) this.applyPresence(update);
      },
      status: (status) => {
        if (!current()) return;
        this.connection.set(status);
        if (status === 'live') this.refusal.set(null);
      },
      denied: (error) => {
        if (!current()) return;
        this.connection.set('offline');
        this.refusal.set(error);
      },
      resumePoint: async () => {
        // With an id to resume from, the server's replay fills the gap; without one, history does.
        if (this.lastEventId() !== null) return this.lastEventId();
        const page = await this.api.history(room);
        if (!current()) throw new Error('abandoned');
        this.messageList.update((list) => mergeMessages(list, page.messages));
        if (!this.historyShown) {
          this.historyShown = true;
          this.olderExist.set(page.hasMore);
          this.markRead();
        }
        return this.lastEventId();
      },
      catchUp: (resumeFrom) => {
        const newest = this.lastEventId();
        if (resumeFrom === null || (newest !== null && compareEventIds(newest, resumeFrom) >= 0)) return;
        this.api.history(room, { limit: HISTORY_PAGE_MAX_LIMIT }).then(
          (page) => {
            if (current()) this.messageList.update((list) => mergeMessages(list, page.messages));
          },
          // Best effort: the live feed goes on regardless.
          () => undefined,
        );
      },
    };
  }

  private applyPresence(update: PresenceUpdate): void {
    this.presenceState.set(update);
    const afterId = this.lastEventId();
    const at = new Date();
    const notices = [...this.noticeList()];
    if (update.left !== undefined) {
      notices.push({ key: ++this.noticeKey, name: update.left, change: 'left', at: at.toISOString(), afterId });
    }
    if (update.joined !== undefined) {
      const last = notices.at(-1);
      const rejoined = last?.change === 'left' && last.name === update.joined && at.getTime() - Date.parse(last.at) < REJOIN_WINDOW_MS;
      if (rejoined) notices.pop();
      else notices.push({ key: ++this.noticeKey, name: update.joined, change: 'joined', at: at.toISOString(), afterId });
    }
    if (notices.length !== this.noticeList().length || notices.at(-1) !== this.noticeList().at(-1)) {
      this.noticeList.set(notices.slice(-MAX_NOTICES));
    }
  }
}
