import { CHAT_EVENT, type ChatMessage, type PresenceUpdate, type StreamReset } from '@herald/contracts';
import type { EventSourceConstructor } from './event-source.token';
import { reconnectDelay } from './reconnect-delay';
import type { RoomEvents } from './room-events';

/** EventSource.CLOSED, spelled out so a test double need not carry the static constants. */
const CLOSED = 2;

export interface RoomConnectionOptions {
  EventSource: EventSourceConstructor;
  /** The stream's URL, resuming after `lastEventId` when given. */
  url(lastEventId: string | null): string;
  /** Called before every (re)opening; see {@link RoomFeedSink.resumePoint}. */
  resumePoint(): Promise<string | null>;
  events: RoomEvents;
}

/**
 * One EventSource on one room. The browser's own reconnect is left alone while it lasts; once the browser
 * gives up (CLOSED after a non-200 or non-event-stream answer) this reopens the stream itself with backoff,
 * resuming from the newest id it knows.
 */
export class RoomConnection {
  private source: EventSource | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  /** Bumped by close() so an answer that arrives for an abandoned attempt is ignored. */
  private generation = 0;
  private readonly retryNow = () => {
    if (this.retryTimer === null) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    void this.run(this.generation);
  };

  constructor(private readonly options: RoomConnectionOptions) {}

  start(): void {
    // Waiting out a long backoff is pointless once the device is back on the network.
    globalThis.addEventListener?.('online', this.retryNow);
    void this.run(this.generation);
  }

  close(): void {
    this.generation++;
    this.source?.close();
    this.source = null;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    globalThis.removeEventListener?.('online', this.retryNow);
  }

  private async run(generation: number): Promise<void> {
    let resumeFrom: string | null;
    try {
      resumeFrom = await this.options.resumePoint();
    } catch {
      if (generation === this.generation) this.scheduleRetry();
      return;
    }
    if (generation === this.generation) this.open(resumeFrom);
  }

  private open(resumeFrom: string | null): void {
    const { events } = this.options;
    const source = new this.options.EventSource(this.options.url(resumeFrom));
    this.source = source;
    const data = <T>(event: Event) => JSON.parse((event as MessageEvent<string>).data) as T;

    source.addEventListener('open', () => {
      this.attempt = 0;
      events.status('live');
    });
    source.addEventListener(CHAT_EVENT.message, (event) => events.message(data<ChatMessage>(event)));
    source.addEventListener(CHAT_EVENT.reset, (event) => events.reset(data<StreamReset>(event)));
    source.addEventListener(CHAT_EVENT.presence, (event) => events.presence(data<PresenceUpdate>(event)));
    source.addEventListener('error', () => {
      if (source !== this.source) return;
      if (source.readyState === CLOSED) {
        // The browser gave up for good: retrying is on us.
        source.close();
        this.source = null;
        this.scheduleRetry();
      } else {
        // EventSource retries by itself and resends Last-Event-ID: keep it open.
        events.status(offlineOr('reconnecting'));
      }
    });
  }

  private scheduleRetry(): void {
    this.options.events.status(offlineOr('reconnecting'));
    const generation = this.generation;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.run(generation);
    }, reconnectDelay(this.attempt++));
  }
}

export function offlineOr<T extends string>(status: T): T | 'offline' {
  return globalThis.navigator?.onLine === false ? 'offline' : status;
}
