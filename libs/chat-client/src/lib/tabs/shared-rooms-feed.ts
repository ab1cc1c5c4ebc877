import type { RoomOverview } from '@herald/contracts';
import type { ConnectionStatus } from '../connection-status';
import { exhaustive } from '../exhaustive';
import { offlineOr } from '../room-connection';
import type { RoomsSink } from '../rooms/rooms-connection';
import type { TabChannel, TabChannelConstructor, TabLocks } from './tab-coordination';

/** What the tabs say to each other about the rooms overview. */
export type RoomsTabMessage =
  /** A tab opened and asks the leader for the rooms. */
  | { type: 'hello' }
  /** The leader's rooms (null before its first snapshot) and status, after each change and in answer to a hello. */
  | { type: 'rooms'; rooms: readonly RoomOverview[] | null; status: ConnectionStatus }
  /** The leader closed its stream; another tab takes over. */
  | { type: 'leaving' };

export interface SharedRoomsFeedOptions {
  /** Name of both the lock and the channel: one per API address. */
  key: string;
  locks: TabLocks;
  Channel: TabChannelConstructor;
  sink: RoomsSink;
  /** Opens the overview stream, for the tab that leads. */
  connect(sink: RoomsSink): { start(): void; close(): void };
}

/**
 * The rooms overview shared by every tab of the origin: the tab holding the lock opens the one EventSource and
 * tells the others the whole list after each change (it is small, and so a newcomer needs no history). When the
 * leader goes, the browser gives the lock to a waiting tab, whose new stream starts with a snapshot.
 */
export class SharedRoomsFeed {
  private readonly channel: TabChannel;
  private readonly abort = new AbortController();
  private connection: { close(): void } | null = null;
  private releaseLock: (() => void) | null = null;
  private closed = false;
  private rooms: readonly RoomOverview[] | null = null;
  private status: ConnectionStatus = 'connecting';

  constructor(private readonly options: SharedRoomsFeedOptions) {
    this.channel = new options.Channel(options.key);
    this.channel.onmessage = (event) => this.receive(event.data as RoomsTabMessage);
    this.post({ type: 'hello' });
    options.locks
      .request(options.key, { signal: this.abort.signal }, () => this.lead())
      // Aborted while waiting: this tab closed before its turn came.
      .catch(() => undefined);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.abort.abort();
    if (this.connection !== null) {
      this.connection.close();
      this.connection = null;
      this.post({ type: 'leaving' });
    }
    this.releaseLock?.();
    this.channel.close();
  }

  /** Holds the lock (by not settling) until close(). */
  private lead(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise<void>((release) => {
      this.releaseLock = release;
      const tell = () => this.post({ type: 'rooms', rooms: this.rooms, status: this.status });
      const connection = this.options.connect({
        rooms: (rooms) => {
          this.rooms = rooms;
          this.options.sink.rooms(rooms);
          tell();
        },
        status: (status) => {
          this.status = status;
          this.options.sink.status(status);
          tell();
        },
      });
      this.connection = connection;
      connection.start();
    });
  }

  private receive(message: RoomsTabMessage): void {
    if (this.closed) return;
    if (this.connection !== null) {
      if (message.type === 'hello') this.post({ type: 'rooms', rooms: this.rooms, status: this.status });
      return;
    }
    switch (message.type) {
      case 'hello':
        return;
      case 'rooms':
        if (message.rooms !== null) this.options.sink.rooms(message.rooms);
        return this.options.sink.status(message.status);
      case 'leaving':
        return this.options.sink.status(offlineOr('reconnecting'));
      default:
        // A tab of a newer release may say more than this one understands.
        return exhaustive(message, undefined);
    }
  }

  private post(message: RoomsTabMessage): void {
    this.channel.postMessage(message);
  }
}
