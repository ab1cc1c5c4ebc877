import { Inject, Injectable, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';
import {
  type ChatMessage,
  DEFAULT_ROOM,
  type HistoryPage,
  type MessageDeleted,
  type MessageDeletedBy,
  type PostAccepted,
  type RoomOverview,
  type RoomSummary,
  type TypingUpdate,
  eventIdTime,
} from '@herald/contracts';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { TooManyRoomsError } from '../errors/too-many-rooms.error';
import { presenceFrame, resetFrame } from './event-frames';
import { FrameSink } from './frame-sink';
import { HUB_METRICS, type HubMetrics, NO_HUB_METRICS } from './hub-metrics';
import { RoomFeed } from './room-feed';
import { RoomSweeper } from './room-sweeper';
import { StreamJoiner } from './stream-joiner';
import type { MessageDraft } from './store/message-store';
import { replayAfter } from './store/replay-rule';
import { STORES, type Stores } from './store/stores';

/** How a stream joins a room. */
export interface JoinOptions {
  /** Resume after this event id (replay first); null: only what is posted from now on. */
  lastEventId: string | null;
  /** Counted in the room's presence under this display name; null: anonymous. */
  name: string | null;
  /** Who the name is, when a session or a token says so: two streams named alike with two ids are two people. */
  authorId?: string | null;
}

/**
 * The broadcast engine: publishes into a room and joins streams to it. Each stream's bytes (replay,
 * presence, live batches encoded once per room and turn) go to the {@link FrameSink} it joined with.
 */
@Injectable()
export class HubService implements OnModuleInit, OnModuleDestroy {
  private readonly feeds = new Map<string, RoomFeed>();
  private readonly dirty = new Set<RoomFeed>();
  private flushScheduled: NodeJS.Immediate | null = null;
  private readonly sweeper: RoomSweeper;

  constructor(
    @Inject(STORES) private readonly stores: Stores,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(HUB_METRICS) private readonly metrics: HubMetrics = NO_HUB_METRICS,
  ) {
    this.sweeper = new RoomSweeper(stores, config.roomSweepIntervalMs, (dropped) => this.metrics.roomsDropped(dropped));
  }

  /**
   * Whether `room` exists (`held`: it holds messages, or is always open) or would be `new`; refuses with
   * {@link TooManyRoomsError} a new room while MAX_ROOMS rooms hold messages, after a sweep has had the
   * chance to give idle rooms' slots back.
   */
  async roomFor(room: string): Promise<'held' | 'new'> {
    // A room streamed here whose feed has seen an event is one of the store's rooms, and one in use is never swept.
    if (this.feeds.get(room)?.livePosition) return 'held';
    let slot = await this.stores.messages.roomSlot(room);
    if (slot === 'full' && (await this.sweeper.sweepIfDue())) slot = await this.stores.messages.roomSlot(room);
    if (slot === 'full') throw new TooManyRoomsError(this.config.maxRooms);
    return slot === 'held' ? 'held' : 'new';
  }

  /**
   * Refuses with {@link TooManyRoomsError} a stream that would open a new room at the cap. A room this process
   * already streams is open: its streams need no store read (with Redis, a round trip per connect).
   */
  async admitStream(room: string): Promise<void> {
    if (!this.feeds.has(room)) await this.roomFor(room);
  }

  /**
   * Stores a message; once this resolves it is in the room's history and on its way to every subscriber.
   * `replayed`: a post with the same idempotency key stored it before, and nothing was stored now.
   */
  async publish(room: string, draft: MessageDraft): Promise<PostAccepted & { replayed: boolean }> {
    const { id, fresh } = await this.stores.messages.append(room, draft);
    if (fresh) this.metrics.messageAccepted();
    return { id, room, sentAt: new Date(eventIdTime(id)).toISOString(), replayed: !fresh };
  }

  /** The message with this id in the room, or null when the room does not hold it (never posted, deleted, trimmed). */
  message(room: string, id: string): Promise<ChatMessage | null> {
    return this.stores.messages.message(room, id);
  }

  /**
   * Deletes a message from the room's history and tells every subscriber with a tombstone, which resuming clients
   * receive too. Null when the room does not hold the message (any more).
   */
  remove(room: string, id: string, by: MessageDeletedBy): Promise<MessageDeleted | null> {
    return this.stores.messages.remove(room, id, by);
  }

  /** A page of the room's history, oldest first. */
  async history(room: string, beforeId: string | null, limit: number): Promise<HistoryPage> {
    const page = await this.stores.messages.page(room, beforeId, limit);
    return { room, messages: page.events.map((e) => e.message), hasMore: page.hasMore };
  }

  /** The lobby, the configured public rooms, and the rooms with history or open streams, with who is in them. */
  async rooms(): Promise<RoomSummary[]> {
    const { messages, presence } = this.stores;
    const [posted, open] = await Promise.all([messages.rooms(), presence.rooms()]);
    const names = [...new Set([DEFAULT_ROOM, ...this.config.rooms, ...posted, ...open])].sort();
    return Promise.all(
      names.map(async (name) => {
        const { online, people, connections } = await presence.snapshot(name);
        return { name, connections, online: online.length, people: people.length };
      }),
    );
  }

  /** Gives a message a new text, told to every subscriber with an edit event; null when the room does not hold it. */
  edit(room: string, id: string, text: string): Promise<ChatMessage | null> {
    return this.stores.messages.edit(room, id, text);
  }

  /** Tells the room's streams, on every instance, that someone is typing; nothing is stored. */
  typing(update: TypingUpdate): Promise<void> {
    return this.stores.presence.typing(update);
  }

  /** The rooms of {@link rooms}, each with the id of its newest message (not of a deletion or an edit). */
  async overview(): Promise<RoomOverview[]> {
    const rooms = await this.rooms();
    const newest = async (room: string) => (await this.stores.messages.page(room, null, 1)).events[0]?.id ?? null;
    return Promise.all(rooms.map(async (room) => ({ ...room, lastId: await newest(room.name) })));
  }

  /**
   * Joins a stream to the room: with `lastEventId`, first the history after it (or a reset and all the
   * history held, when that id is unknown), then who is in the room, then live events, each message
   * exactly once and in order, all through `sink`. The stream counts in the room's presence until the
   * returned function is called.
   */
  join(room: string, { lastEventId, name, authorId = null }: JoinOptions, sink: FrameSink): () => void {
    if (lastEventId !== null) this.metrics.streamResumed();
    const feed = this.openFeed(room);
    const joiner = new StreamJoiner(sink);
    feed.join(joiner);
    const leave = this.stores.presence.enter(room, name === null ? null : { name, authorId });
    let joined = true;
    Promise.all([this.catchUp(feed, room, lastEventId), this.stores.presence.snapshot(room)]).then(
      ([{ frames, position }, presence]) => {
        if (!joined) return;
        frames.push(presenceFrame({ room, ...presence }).frame);
        joiner.start(frames, position);
        this.scheduleFlush(feed);
      },
      (err: unknown) => joined && joiner.fail(err),
    );
    return () => {
      if (!joined) return;
      joined = false;
      leave();
      this.closeFeedFor(room, feed, joiner);
    };
  }

  /**
   * What a new subscriber is sent before live events, and the id it is then at. Without a `Last-Event-ID` it
   * starts where the room's live feed is, once that is known: no store read (a round trip with Redis).
   */
  private async catchUp(feed: RoomFeed, room: string, lastEventId: string | null): Promise<{ frames: Buffer[]; position: string | null }> {
    if (lastEventId === null) {
      const live = feed.livePosition;
      return { frames: [], position: live === undefined ? await this.stores.messages.lastId(room) : live };
    }
    const { events, reset } = await replayAfter(this.stores.messages, room, lastEventId);
    const frames = events.map((e) => e.frame);
    if (reset) frames.unshift(resetFrame(reset));
    return { frames, position: events.at(-1)?.id ?? (reset ? null : lastEventId) };
  }

  /** True while the message store can be reached. */
  get isAvailable(): boolean {
    return this.stores.messages.isAvailable;
  }

  async onModuleInit(): Promise<void> {
    await this.stores.open();
    this.sweeper.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.sweeper.stop();
    if (this.flushScheduled) clearImmediate(this.flushScheduled);
    for (const feed of this.feeds.values()) feed.stop();
    this.feeds.clear();
    await this.stores.close();
  }

  private openFeed(room: string): RoomFeed {
    let feed = this.feeds.get(room);
    if (!feed) {
      feed = new RoomFeed(
        (listener) => this.stores.feed.watch(room, listener),
        (dirty) => this.scheduleFlush(dirty),
      );
      this.feeds.set(room, feed);
    }
    return feed;
  }

  private closeFeedFor(room: string, feed: RoomFeed, joiner: StreamJoiner): void {
    feed.leave(joiner);
    if (feed.size === 0 && this.feeds.get(room) === feed) {
      feed.stop();
      this.feeds.delete(room);
      this.dirty.delete(feed);
    }
  }

  /** Flushes every room that got events once the current turn of the event loop is over. */
  private scheduleFlush(feed: RoomFeed): void {
    this.dirty.add(feed);
    this.flushScheduled ??= setImmediate(() => {
      this.flushScheduled = null;
      const feeds = [...this.dirty];
      this.dirty.clear();
      let delivered = 0;
      for (const dirty of feeds) delivered += dirty.flush();
      if (delivered > 0) this.metrics.eventsDelivered(delivered);
    });
  }
}
