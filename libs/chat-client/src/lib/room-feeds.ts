import { Injectable, inject } from '@angular/core';
import { CHAT_API_BASE_URL } from './chat-api-base-url.token';
import { EVENT_SOURCE } from './event-source.token';
import { RoomConnection, type RoomConnectionOptions } from './room-connection';
import type { RoomEvents, RoomFeed, RoomFeedSink } from './room-events';
import { SharedRoomFeed } from './tabs/shared-room-feed';
import { TAB_CHANNEL, TAB_LOCKS } from './tabs/tab-coordination';

/** How to open a room's stream: its URL, and whether and how it takes a ticket. */
export type RoomStreamSpec = Pick<RoomConnectionOptions, 'url' | 'tickets' | 'ticket'>;

/**
 * Opens room feeds: one stream per room shared by all tabs where the browser can coordinate them
 * (Web Locks and BroadcastChannel), otherwise a stream of this tab's own.
 */
@Injectable({ providedIn: 'root' })
export class RoomFeeds {
  private readonly EventSourceImpl = inject(EVENT_SOURCE);
  private readonly locks = inject(TAB_LOCKS);
  private readonly Channel = inject(TAB_CHANNEL);
  private readonly baseUrl = inject(CHAT_API_BASE_URL);

  open(room: string, name: string | null, stream: RoomStreamSpec, sink: RoomFeedSink): RoomFeed {
    // Whichever tab leads opens the stream, so each opening (a handover too) fetches its own ticket.
    const connect = (events: RoomEvents, resumePoint: () => Promise<string | null>) =>
      new RoomConnection({ ...stream, EventSource: this.EventSourceImpl, resumePoint, events });

    if (this.locks !== null && this.Channel !== null) {
      // The display name is part of the key: tabs that stream under another name are someone else to the room.
      const key = `herald:${this.baseUrl}:${room}:${encodeURIComponent(name ?? '')}`;
      return new SharedRoomFeed({ key, locks: this.locks, Channel: this.Channel, sink, connect });
    }
    const connection = connect(sink, () => sink.resumePoint());
    connection.start();
    return connection;
  }
}
