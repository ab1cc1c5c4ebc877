import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { CHAT_EVENT, type ChatMessage } from '@herald/contracts';
import { ChatApi } from './chat-api';
import type { ConnectionStatus } from './connection-status';
import { compareEventIds } from './event-id';
import { EVENT_SOURCE } from './event-source.token';
import { reconnectDelay } from './reconnect-delay';

/** EventSource.CLOSED, spelled out so a test double need not carry the static constants. */
const CLOSED = 2;

/**
 * One room's live feed as signals. Provide it per view (`providers: [ChatStream]`) and call
 * {@link connect}; it loads recent history, then follows the room's event stream from the newest id it
 * holds, and stops when the view is destroyed or {@link close} is called.
 */
@Injectable()
export class ChatStream {
  private readonly api = inject(ChatApi);
  private readonly EventSourceImpl = inject(EVENT_SOURCE);

  private readonly messageList = signal<readonly ChatMessage[]>([]);
  private readonly connection = signal<ConnectionStatus>('connecting');
  private readonly newestId = signal<string | null>(null);

  /** The room's messages, oldest first, each id once. */
  readonly messages = this.messageList.asReadonly();
  /** State of the live feed, for the reader. */
  readonly status = this.connection.asReadonly();
  /** Id of the newest message received: where a new connection resumes. */
  readonly lastEventId = this.newestId.asReadonly();

  private room = '';
  private source: EventSource | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private readonly seen = new Set<string>();
  /** Bumped by connect/close so an answer that arrives for an abandoned connection is ignored. */
  private generation = 0;
  private readonly retryNow = () => {
    if (this.retryTimer === null) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    void this.start(this.generation);
  };

  constructor() {
    inject(DestroyRef).onDestroy(() => this.close());
  }

  /** Starts following `room`, dropping whatever this stream followed before. */
  connect(room: string): void {
    this.close();
    this.room = room;
    this.seen.clear();
    this.messageList.set([]);
    this.newestId.set(null);
    this.connection.set('connecting');
    // Waiting out a long backoff is pointless once the device is back on the network.
    globalThis.addEventListener?.('online', this.retryNow);
    void this.start(this.generation);
  }

  /** Closes the event stream and cancels any pending reconnect. Messages stay readable. */
  close(): void {
    this.generation++;
    this.source?.close();
    this.source = null;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.attempt = 0;
    globalThis.removeEventListener?.('online', this.retryNow);
  }

  /** Loads history when there is nothing to resume from (the server replays nothing then), then opens the stream. */
  private async start(generation: number): Promise<void> {
    if (this.newestId() === null) {
      try {
        const page = await this.api.history(this.room);
        if (generation !== this.generation) return;
        this.accept(page.messages);
      } catch {
        if (generation === this.generation) this.scheduleRetry();
        return;
      }
    }
    this.open();
  }

  private open(): void {
    const resumeFrom = this.newestId();
    const query = resumeFrom === null ? '' : `?lastEventId=${encodeURIComponent(resumeFrom)}`;
    const source = new this.EventSourceImpl(this.api.roomUrl(this.room, 'events') + query);
    this.source = source;

    source.addEventListener('open', () => {
      this.attempt = 0;
      this.connection.set('live');
    });
    source.addEventListener(CHAT_EVENT.message, (event) => {
      this.accept([JSON.parse((event as MessageEvent<string>).data) as ChatMessage]);
    });
    // The server no longer knows our position and replays all it holds next: start the list over.
    source.addEventListener(CHAT_EVENT.reset, () => {
      this.seen.clear();
      this.messageList.set([]);
      this.newestId.set(null);
    });
    source.addEventListener('error', () => {
      if (source !== this.source) return;
      if (source.readyState === CLOSED) {
        // The browser gave up for good (a non-200 or non-event-stream answer): retrying is on us.
        source.close();
        this.source = null;
        this.scheduleRetry();
      } else {
        // EventSource retries by itself and resends Last-Event-ID: keep it open.
        this.connection.set(isOffline() ? 'offline' : 'reconnecting');
      }
    });
  }

  private scheduleRetry(): void {
    this.connection.set(isOffline() ? 'offline' : 'reconnecting');
    const generation = this.generation;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.start(generation);
    }, reconnectDelay(this.attempt++));
  }

  private accept(incoming: readonly ChatMessage[]): void {
    const fresh = incoming.filter((message) => {
      if (this.seen.has(message.id)) return false;
      this.seen.add(message.id);
      return true;
    });
    if (fresh.length === 0) return;

    const byId = (a: ChatMessage, b: ChatMessage) => compareEventIds(a.id, b.id);
    fresh.sort(byId);
    const current = this.messageList();
    const last = current.at(-1);
    const next =
      last === undefined || byId(last, fresh[0]) < 0 ? [...current, ...fresh] : [...current, ...fresh].sort(byId);
    this.messageList.set(next);

    const newest = next[next.length - 1].id;
    const known = this.newestId();
    if (known === null || compareEventIds(newest, known) > 0) this.newestId.set(newest);
  }
}

function isOffline(): boolean {
  return globalThis.navigator?.onLine === false;
}
