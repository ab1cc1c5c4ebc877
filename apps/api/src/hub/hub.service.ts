import { Inject, Injectable, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';
import type { HistoryPage, PostAccepted, RoomSummary } from '@herald/contracts';
import { Observable } from 'rxjs';
import { HUB_METRICS, type HubMetrics, NO_HUB_METRICS } from './hub-metrics';
import { FrameBatch } from './frame-batch';
import { RoomFeed } from './room-feed';
import { presenceFrame, resetFrame } from './sse-frame';
import { StreamJoiner } from './stream-joiner';
import { isEventId } from '@herald/contracts';
import { MessageDraft, Replay, TRANSPORT, type Transport } from './transport';

/** An id older than any event, so a replay after it is all the history. */
const NO_EVENT_ID = '0-0';

/**
 * The broadcast engine: publishes into a room and hands out each room's stream as an Observable of
 * ready-made SSE bytes. It owns every feed; callers only ever see Observables.
 */
@Injectable()
export class HubService implements OnModuleInit, OnModuleDestroy {
  private readonly feeds = new Map<string, RoomFeed>();
  private readonly dirty = new Set<RoomFeed>();
  private flushScheduled: NodeJS.Immediate | null = null;

  constructor(
    @Inject(TRANSPORT) private readonly transport: Transport,
    @Optional() @Inject(HUB_METRICS) private readonly metrics: HubMetrics = NO_HUB_METRICS,
  ) {}

  /** Stores a message; once this resolves it is in the room's history and on its way to every subscriber. */
  async publish(room: string, draft: MessageDraft): Promise<PostAccepted> {
    const { message } = await this.transport.append(room, draft);
    this.metrics.messageAccepted();
    return { id: message.id, room: message.room, sentAt: message.sentAt };
  }

  /** A page of the room's history, oldest first. */
  async history(room: string, beforeId: string | null, limit: number): Promise<HistoryPage> {
    const page = await this.transport.page(room, beforeId, limit);
    return { room, messages: page.events.map((e) => e.message), hasMore: page.hasMore };
  }

  /** Rooms with history or open streams, with who is in them. */
  rooms(): Promise<RoomSummary[]> {
    return this.transport.rooms();
  }

  /**
   * The room's event stream: with `lastEventId`, first the history after it (or a reset and all the
   * history held, when that id is unknown), then who is in the room, then live events, each message
   * exactly once and in order. The stream counts in the room's presence under `name` while it is open.
   * With `sink`, live batches go straight to it instead of through `subscriber` (the same bytes, in the
   * same order, also framed once as an HTTP chunk): the subscription still decides when the stream starts
   * and ends.
   */
  stream(room: string, lastEventId: string | null, name: string | null = null, sink?: (batch: FrameBatch) => void): Observable<Buffer> {
    return new Observable<Buffer>((subscriber) => {
      if (lastEventId !== null) this.metrics.streamResumed();
      const feed = this.openFeed(room);
      const joiner = new StreamJoiner(subscriber, sink);
      feed.join(joiner);
      const leave = this.transport.enter(room, name);
      Promise.all([this.catchUp(room, lastEventId), this.transport.presence(room)]).then(
        ([{ frames, position }, presence]) => {
          frames.push(presenceFrame({ room, ...presence }).frame);
          joiner.start(frames, position);
          this.scheduleFlush(feed);
        },
        (err: unknown) => subscriber.error(err),
      );
      return () => {
        leave();
        this.closeFeedFor(room, feed, joiner);
      };
    });
  }

  /** What a new subscriber is sent before live events, and the id it is then at. */
  private async catchUp(room: string, lastEventId: string | null): Promise<{ frames: Buffer[]; position: string | null }> {
    if (lastEventId === null) return { frames: [], position: await this.transport.lastId(room) };
    const { events, reset } = await this.replay(room, lastEventId);
    const frames = events.map((e) => e.frame);
    if (reset) frames.unshift(resetFrame(reset));
    return { frames, position: events.at(-1)?.id ?? (reset ? null : lastEventId) };
  }

  /** A Last-Event-ID that is not an id at all is treated like an unknown one (never a reason to refuse). */
  private async replay(room: string, lastEventId: string): Promise<Replay> {
    if (isEventId(lastEventId)) return this.transport.replay(room, lastEventId);
    const { events } = await this.transport.replay(room, NO_EVENT_ID);
    const reset = { reason: 'unknown-id' as const, lastEventId: lastEventId.slice(0, 64), oldestId: events[0]?.message.id ?? null };
    return { events, reset };
  }

  /** Number of open streams, per room. */
  connectionCounts(): Map<string, number> {
    return new Map([...this.feeds].map(([room, feed]) => [room, feed.size]));
  }

  /** True while the transport can be reached. */
  get isAvailable(): boolean {
    return this.transport.isAvailable;
  }

  onModuleInit(): Promise<void> {
    return this.transport.open();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.flushScheduled) clearImmediate(this.flushScheduled);
    for (const feed of this.feeds.values()) feed.stop();
    this.feeds.clear();
    await this.transport.close();
  }

  private openFeed(room: string): RoomFeed {
    let feed = this.feeds.get(room);
    if (!feed) {
      feed = new RoomFeed(
        (listener) => this.transport.watch(room, listener),
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
