import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import type { RoomOverview } from '@herald/contracts';
import { CHAT_API_BASE_URL } from '../chat-api-base-url.token';
import type { ConnectionStatus } from '../connection-status';
import { EVENT_SOURCE } from '../event-source.token';
import { SharedRoomsFeed } from '../tabs/shared-rooms-feed';
import { TAB_CHANNEL, TAB_LOCKS } from '../tabs/tab-coordination';
import { RoomsConnection, type RoomsSink } from './rooms-connection';

/**
 * Every room the reader may see, live, from the overview stream (`GET /rooms/events`): who is in each and the id
 * of its newest message, which with {@link ReadMarks} tells the rooms with something unread. One stream per browser
 * where the tabs can share it (Web Locks and BroadcastChannel), else one per tab. EventSource sends no headers, so
 * the stream lists public rooms only, even with a token provider.
 */
@Injectable({ providedIn: 'root' })
export class RoomsOverview {
  private readonly baseUrl = inject(CHAT_API_BASE_URL);
  private readonly EventSourceImpl = inject(EVENT_SOURCE);
  private readonly locks = inject(TAB_LOCKS);
  private readonly Channel = inject(TAB_CHANNEL);
  private readonly list = signal<readonly RoomOverview[] | null>(null);
  private readonly state = signal<ConnectionStatus>('connecting');
  private feed: { close(): void } | null = null;

  /** The rooms, sorted by name; null until the first snapshot came (then `[]` means there are none). */
  readonly rooms = this.list.asReadonly();
  /** State of the overview stream. */
  readonly status = this.state.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  /** Opens the overview stream, unless it is open. */
  start(): void {
    if (this.feed !== null) return;
    const sink: RoomsSink = { rooms: (rooms) => this.list.set(rooms), status: (status) => this.state.set(status) };
    const connect = (events: RoomsSink) => new RoomsConnection(this.EventSourceImpl, `${this.baseUrl}/rooms/events`, events);
    if (this.locks !== null && this.Channel !== null) {
      this.feed = new SharedRoomsFeed({ key: `herald-rooms:${this.baseUrl}`, locks: this.locks, Channel: this.Channel, sink, connect });
      return;
    }
    const connection = connect(sink);
    connection.start();
    this.feed = connection;
  }

  /** Closes the overview stream; the rooms last known stay. */
  stop(): void {
    this.feed?.close();
    this.feed = null;
  }
}
