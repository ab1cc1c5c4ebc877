import type { RoomOverview } from '@herald/contracts';
import type { ConnectionStatus } from '../connection-status';
import type { EventSourceConstructor } from '../event-source.token';
import { reconnectDelay } from '../reconnect-delay';
import { offlineOr } from '../room-connection';
import { applyRoomsEvent } from './apply-rooms-event';
import { ROOMS_EVENT_TYPES, parseRoomsEvent } from './parse-rooms-event';

/** EventSource.CLOSED, spelled out so a test double need not carry the static constants. */
const CLOSED = 2;

/** What the overview stream tells, whichever tab holds it. */
export interface RoomsSink {
  /** Every room as it is now, sorted by name. */
  rooms(rooms: readonly RoomOverview[]): void;
  status(status: ConnectionStatus): void;
}

/**
 * One EventSource on the rooms overview. It carries no ids: every (re)connection starts with a snapshot, so
 * nothing is resumed. The browser's own reconnect is left alone; once it gives up for good (a 503 during a deploy,
 * say), this reopens the stream itself with backoff, and at once when the device is back online.
 */
export class RoomsConnection {
  private source: EventSource | null = null;
  private rooms: readonly RoomOverview[] | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private readonly cameOnline = () => {
    if (this.retryTimer === null) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.open();
  };

  constructor(
    private readonly EventSourceImpl: EventSourceConstructor,
    private readonly url: string,
    private readonly sink: RoomsSink,
  ) {}

  start(): void {
    globalThis.addEventListener?.('online', this.cameOnline);
    this.open();
  }

  close(): void {
    this.source?.close();
    this.source = null;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    globalThis.removeEventListener?.('online', this.cameOnline);
  }

  private open(): void {
    const source = new this.EventSourceImpl(this.url);
    this.source = source;
    source.addEventListener('open', () => {
      this.attempt = 0;
      this.sink.status('live');
    });
    for (const type of ROOMS_EVENT_TYPES) {
      source.addEventListener(type, (event) => {
        const parsed = parseRoomsEvent(type, (event as MessageEvent<unknown>).data);
        if (parsed === null || source !== this.source) return;
        this.rooms = applyRoomsEvent(this.rooms, parsed);
        this.sink.rooms(this.rooms);
      });
    }
    source.addEventListener('error', () => {
      if (source !== this.source) return;
      this.sink.status(offlineOr('reconnecting'));
      if (source.readyState !== CLOSED) return;
      source.close();
      this.source = null;
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.open();
      }, reconnectDelay(this.attempt++));
    });
  }
}
