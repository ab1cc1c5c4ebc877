import { CHAT_EVENT } from '@herald/contracts';
import type { EventSourceConstructor } from './event-source.token';
import { STREAM_EVENT_TYPES, parseStreamEvent } from './parse-stream-event';
import { reconnectDelay } from './reconnect-delay';
import type { RoomEvents } from './room-events';
import { type TicketPolicy, isRefusal } from './stream-access';

/** EventSource.OPEN and CLOSED, spelled out so a test double need not carry the static constants. */
const OPEN = 1;
const CLOSED = 2;

export interface RoomConnectionOptions {
  EventSource: EventSourceConstructor;
  /** The stream's URL, resuming after `lastEventId` when given, with `?ticket=` when given. */
  url(lastEventId: string | null, ticket: string | null): string;
  /** Called before every (re)opening; see {@link RoomFeedSink.resumePoint}. */
  resumePoint(): Promise<string | null>;
  /** When to open with a ticket; see {@link TicketPolicy}. Defaults to `never`. */
  tickets?: TicketPolicy;
  /**
   * Fetches a new single-use ticket; rejects with a ChatApiError (401/403 when the room is refused). Null: no
   * ticket to be had (a guest without a session), so the stream opens without one.
   */
  ticket?(): Promise<string | null>;
  events: RoomEvents;
}

/**
 * One EventSource on one room. The browser's own reconnect is left alone while it lasts; once the browser
 * gives up (CLOSED after a non-200 or non-event-stream answer) this reopens the stream itself with backoff,
 * resuming from the newest id it knows.
 *
 * A stream opened with a ticket is reopened by this class on every error instead: the browser would retry
 * with the same, spent ticket and be refused. Each opening fetches a fresh ticket just before it. When the
 * server refuses the room itself (401/403 on history or on a ticket of a `private-*` room), the connection
 * stops and reports {@link RoomEvents.denied} instead of retrying.
 */
export class RoomConnection {
  private source: EventSource | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  /** Bumped by close() so an answer that arrives for an abandoned attempt is ignored. */
  private generation = 0;
  /** Whether the next opening takes a ticket. */
  private useTickets: boolean;
  /** Whether a stream of this connection was ever live (then a refusal is not the room being private). */
  private everOpened = false;
  /** Whether the switch to tickets of the `after-refusal` policy was made (it is made once). */
  private switchedToTickets = false;
  private readonly retryNow = () => {
    if (this.retryTimer === null) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    void this.run(this.generation);
  };
  /**
   * The device lost its network. An open stream may not notice for a long while (nothing is sent on a dead
   * connection), so the reader is told at once rather than shown "live" over nothing.
   */
  private readonly wentOffline = () => this.options.events.status('offline');
  private readonly cameOnline = () => {
    // A stream that stayed open through the outage is live again; any other is on its way back.
    this.options.events.status(this.source?.readyState === OPEN ? 'live' : 'reconnecting');
    this.retryNow();
  };

  constructor(private readonly options: RoomConnectionOptions) {
    this.useTickets = options.tickets === 'always' || options.tickets === 'guest';
  }

  start(): void {
    // Waiting out a long backoff is pointless once the device is back on the network.
    globalThis.addEventListener?.('online', this.cameOnline);
    globalThis.addEventListener?.('offline', this.wentOffline);
    void this.run(this.generation);
  }

  close(): void {
    this.generation++;
    this.source?.close();
    this.source = null;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    globalThis.removeEventListener?.('online', this.cameOnline);
    globalThis.removeEventListener?.('offline', this.wentOffline);
  }

  private async run(generation: number): Promise<void> {
    let resumeFrom: string | null;
    try {
      resumeFrom = await this.options.resumePoint();
    } catch (error) {
      if (generation !== this.generation) return;
      if (isRefusal(error)) this.deny(error);
      else this.scheduleRetry();
      return;
    }
    if (generation !== this.generation) return;

    let ticket: string | null = null;
    if (this.useTickets && this.options.ticket) {
      try {
        ticket = await this.options.ticket();
      } catch (error) {
        if (generation !== this.generation) return;
        if (isRefusal(error)) {
          if (this.options.tickets === 'always') return this.deny(error);
          if (error.bannedUntil !== null) this.options.events.banned(error);
          // Tickets were only a guess for a room that looks public, or a banned reader may still read it: go back
          // to the plain stream.
          this.useTickets = false;
        }
        this.scheduleRetry();
        return;
      }
      if (generation !== this.generation) return;
    }
    this.open(resumeFrom, ticket);
  }

  private open(resumeFrom: string | null, ticket: string | null): void {
    const { events } = this.options;
    const source = new this.options.EventSource(this.options.url(resumeFrom, ticket));
    this.source = source;

    source.addEventListener('open', () => {
      this.attempt = 0;
      this.everOpened = true;
      events.status('live');
    });
    for (const type of STREAM_EVENT_TYPES) {
      source.addEventListener(type, (event) => {
        const parsed = parseStreamEvent(type, (event as MessageEvent<unknown>).data);
        if (parsed === null) return;
        events.event(parsed);
        if (parsed.type === CHAT_EVENT.expired) this.renew(source);
      });
    }
    source.addEventListener('error', () => {
      if (source !== this.source) return;
      if (source.readyState === CLOSED || ticket !== null) {
        // The browser gave up for good, or would retry with a spent ticket: retrying is on us.
        source.close();
        this.source = null;
        if (!this.useTickets && this.mayGuessPrivate()) {
          // Refused before it was ever live, with a token at hand: perhaps a room the operator made private.
          // Try a ticket at once; from now on this connection opens with tickets.
          this.useTickets = true;
          this.switchedToTickets = true;
          events.status(offlineOr('reconnecting'));
          void this.run(this.generation);
          return;
        }
        this.scheduleRetry();
      } else {
        // EventSource retries by itself and resends Last-Event-ID: keep it open.
        events.status(offlineOr('reconnecting'));
      }
    });
  }

  /**
   * The server ends this stream: the token it was opened with has expired. Reopen at once, before the close
   * reaches the error handler: the next opening asks for a fresh ticket, so the token provider for a fresh
   * token, and resumes from the newest id, so nothing is missed. The status stays as it is meanwhile.
   */
  private renew(source: EventSource): void {
    if (source !== this.source) return;
    source.close();
    this.source = null;
    void this.run(this.generation);
  }

  private mayGuessPrivate(): boolean {
    return this.options.tickets === 'after-refusal' && !!this.options.ticket && !this.everOpened && !this.switchedToTickets;
  }

  private deny(error: Parameters<RoomEvents['denied']>[0]): void {
    this.close();
    this.options.events.denied(error);
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
