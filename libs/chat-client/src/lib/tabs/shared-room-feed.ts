import {
  CHAT_EVENT,
  type ChatMessage,
  type MessageDeleted,
  type PresenceUpdate,
  type StreamEvent,
  type StreamReset,
  type TypingUpdate,
} from '@herald/contracts';
import { ChatApiError } from '../chat-api-error';
import type { ConnectionStatus } from '../connection-status';
import { exhaustive } from '../exhaustive';
import { withPeople } from '../presence-people';
import { reconnectDelay } from '../reconnect-delay';
import { offlineOr } from '../room-connection';
import type { RoomEvents, RoomFeed, RoomFeedSink } from '../room-events';
import { isRefusal } from '../stream-access';
import type { TabChannel, TabChannelConstructor, TabLocks } from './tab-coordination';

/**
 * What the tabs of a room say to each other on its BroadcastChannel. The stream's events keep their own
 * members (`message`, `reset`, `presence`, `deleted`, `typing`, `edited`) so that tabs of two releases, open side
 * by side across a deploy, still understand each other.
 */
export type TabMessage =
  | { type: 'message'; message: ChatMessage }
  | { type: 'reset'; reset: StreamReset }
  | { type: 'presence'; presence: PresenceUpdate }
  | { type: 'deleted'; deleted: MessageDeleted }
  | { type: 'typing'; typing: TypingUpdate }
  | { type: 'edited'; edited: ChatMessage }
  | { type: 'status'; status: ConnectionStatus }
  /** A tab took the lead and streams the room from after `resumeFrom`. */
  | { type: 'leader'; resumeFrom: string | null }
  /** A tab joined and asks the leader for the current state. */
  | { type: 'hello' }
  | { type: 'state'; status: ConnectionStatus; presence: PresenceUpdate | null }
  /** The leader closed its stream; another tab takes over. */
  | { type: 'leaving' }
  /** The server refused the leader the room (401/403; `bannedUntil` for a ban, absent before bans); it gave up the lead. */
  | { type: 'denied'; message: string; status: number; bannedUntil?: string | null; banReason?: string | null }
  /** The server refused the leader a ticket for the reader's ban; the stream goes on without. */
  | { type: 'banned'; message: string; status: number; bannedUntil: string; banReason?: string | null };

export interface SharedRoomFeedOptions {
  /** Name of both the lock and the channel: one per room (and display name) and origin. */
  key: string;
  locks: TabLocks;
  Channel: TabChannelConstructor;
  sink: RoomFeedSink;
  /** Opens the actual stream, for the tab that leads. */
  connect(events: RoomEvents, resumePoint: () => Promise<string | null>): { start(): void; close(): void };
}

/**
 * A room's feed shared by every tab of the origin: the tab that holds the room's Web Lock opens the one
 * EventSource and forwards each event on a BroadcastChannel; the others listen there. When the leader goes
 * (its tab closes, or it leaves the room) the browser grants the lock to a waiting tab, which opens the
 * stream again from the newest id it holds, so the server replays whatever came in between.
 */
export class SharedRoomFeed implements RoomFeed {
  private readonly channel: TabChannel;
  private readonly abort = new AbortController();
  private connection: { close(): void } | null = null;
  private releaseLock: (() => void) | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  /** The leader's last status and presence: what a newcomer is told. */
  private status: ConnectionStatus = 'connecting';
  private presence: PresenceUpdate | null = null;

  constructor(private readonly options: SharedRoomFeedOptions) {
    this.channel = new options.Channel(options.key);
    this.channel.onmessage = (event) => this.receive(event.data as TabMessage);
    this.post({ type: 'hello' });
    void this.prepare(0);
  }

  /** Whether this tab holds the room's stream. */
  get leading(): boolean {
    return this.connection !== null;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.abort.abort();
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    if (this.connection !== null) {
      this.connection.close();
      this.connection = null;
      this.post({ type: 'leaving' });
    }
    this.releaseLock?.();
    this.releaseLock = null;
    this.channel.close();
  }

  /** Loads what this tab needs to take over without a gap (its history), then queues for the lock. */
  private async prepare(attempt: number): Promise<void> {
    try {
      await this.options.sink.resumePoint();
    } catch (error) {
      if (this.closed) return;
      if (isRefusal(error)) {
        // Refused the room's history: this tab would be refused its stream too, so it does not queue for it.
        this.status = 'offline';
        this.options.sink.denied(error);
        return;
      }
      this.options.sink.status(offlineOr('reconnecting'));
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        void this.prepare(attempt + 1);
      }, reconnectDelay(attempt));
      return;
    }
    if (this.closed) return;
    if (attempt > 0) this.options.sink.status(this.status);
    this.options.locks
      .request(this.options.key, { signal: this.abort.signal }, () => this.lead())
      // Aborted while waiting: this tab left the room before its turn came.
      .catch(() => undefined);
  }

  /** Holds the lock (by not settling) until close(). */
  private lead(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise<void>((release) => {
      this.releaseLock = release;
      const { sink } = this.options;
      const events: RoomEvents = {
        event: (event) => {
          if (event.type === CHAT_EVENT.presence) this.presence = event.data;
          sink.event(event);
          const forward = tabMessageOf(event);
          if (forward !== null) this.post(forward);
        },
        status: (status) => {
          this.status = status;
          sink.status(status);
          this.post({ type: 'status', status });
        },
        // The connection has stopped. Give up the lead: a waiting tab then tries once with its own token,
        // and is refused (and passes the lead on) in turn, or streams the room for all.
        denied: (error) => {
          this.status = 'offline';
          sink.denied(error);
          const { message, status, bannedUntil, banReason } = error;
          this.post({ type: 'denied', message, status, bannedUntil, banReason });
          this.connection = null;
          this.releaseLock?.();
          this.releaseLock = null;
        },
        // The reader's identity is banned, so is every tab's: they all share the session.
        banned: (error) => {
          sink.banned(error);
          if (error.bannedUntil !== null)
            this.post({
              type: 'banned',
              message: error.message,
              status: error.status,
              bannedUntil: error.bannedUntil,
              banReason: error.banReason,
            });
        },
      };
      const connection = this.options.connect(events, async () => {
        const resumeFrom = await sink.resumePoint();
        this.post({ type: 'leader', resumeFrom });
        return resumeFrom;
      });
      this.connection = connection;
      if (this.status === 'live') events.status('reconnecting');
      connection.start();
    });
  }

  private receive(message: TabMessage): void {
    if (this.closed) return;
    const { sink } = this.options;
    if (message.type === 'hello') {
      if (this.leading) this.post({ type: 'state', status: this.status, presence: this.presence && snapshot(this.presence) });
      return;
    }
    // Only the leader speaks about the room; a leader has its own stream to listen to.
    if (this.leading) return;
    switch (message.type) {
      case 'message':
        return sink.event({ type: CHAT_EVENT.message, data: message.message });
      case 'reset':
        return sink.event({ type: CHAT_EVENT.reset, data: message.reset });
      case 'deleted':
        return sink.event({ type: CHAT_EVENT.deleted, data: message.deleted });
      case 'typing':
        return sink.event({ type: CHAT_EVENT.typing, data: message.typing });
      case 'edited':
        return sink.event({ type: CHAT_EVENT.edited, data: message.edited });
      case 'presence':
        // A leader of an earlier release sends no people: one per name, then.
        this.presence = withPeople(message.presence);
        return sink.event({ type: CHAT_EVENT.presence, data: this.presence });
      case 'status':
        this.status = message.status;
        return sink.status(message.status);
      case 'state':
        this.status = message.status;
        sink.status(message.status);
        if (message.presence) {
          this.presence = withPeople(message.presence);
          sink.event({ type: CHAT_EVENT.presence, data: this.presence });
        }
        return;
      case 'leader':
        return sink.catchUp(message.resumeFrom);
      case 'leaving':
        this.status = offlineOr('reconnecting');
        return sink.status(this.status);
      case 'denied':
        this.status = 'offline';
        return sink.denied(new ChatApiError(message.message, message.status, message.bannedUntil ?? null, message.banReason ?? null));
      case 'banned':
        return sink.banned(new ChatApiError(message.message, message.status, message.bannedUntil, message.banReason ?? null));
      default:
        // A tab of a newer release may say more than this one understands.
        return exhaustive(message, undefined);
    }
  }

  private post(message: TabMessage): void {
    this.channel.postMessage(message);
  }
}

/** A stream event as the leader forwards it. A new event type in the contracts fails to compile here until it has its member. */
function tabMessageOf(event: StreamEvent): TabMessage | null {
  switch (event.type) {
    case CHAT_EVENT.message:
      return { type: 'message', message: event.data };
    case CHAT_EVENT.reset:
      return { type: 'reset', reset: event.data };
    case CHAT_EVENT.presence:
      return { type: 'presence', presence: event.data };
    case CHAT_EVENT.expired:
      // The leader's own connection renews its token and reopens; the other tabs see the status change.
      return null;
    case CHAT_EVENT.deleted:
      return { type: 'deleted', deleted: event.data };
    case CHAT_EVENT.typing:
      return { type: 'typing', typing: event.data };
    case CHAT_EVENT.edited:
      return { type: 'edited', edited: event.data };
    default:
      return exhaustive(event, null);
  }
}

/** Who is online, without the joined/left of the update that said so (a newcomer saw no change). */
function snapshot({ room, online, people, connections }: PresenceUpdate): PresenceUpdate {
  return { room, online, people, connections };
}
