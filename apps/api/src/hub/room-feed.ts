import { Subject } from 'rxjs';
import { HubEvent } from './hub-event';
import { StreamJoiner } from './stream-joiner';
import { Watch } from './transport';

/**
 * The live side of one room in this process. Events that arrive in the same turn of the event loop are
 * joined into one batch, encoded once, and every caught-up subscriber receives that same Buffer: one write
 * per client per turn, however many messages a burst brings.
 */
export class RoomFeed {
  private readonly batches = new Subject<Buffer>();
  private readonly joiners = new Set<StreamJoiner>();
  private pending: HubEvent[] = [];
  private subscribers = 0;
  private readonly watch: Watch;
  /** Id of the newest event flushed to subscribers, or the point the live feed starts after. */
  private lastFlushedId: string | null;

  constructor(
    openWatch: (listener: (event: HubEvent) => void) => Watch,
    private readonly requestFlush: (feed: RoomFeed) => void,
  ) {
    this.watch = openWatch((event) => this.receive(event));
    this.lastFlushedId = this.watch.startAfter;
  }

  get size(): number {
    return this.subscribers;
  }

  /** Stops the transport's live feed for this room. */
  stop(): void {
    this.watch.stop();
  }

  /** An event from the transport's live feed. */
  private receive(event: HubEvent): void {
    this.pending.push(event);
    this.requestFlush(this);
  }

  join(joiner: StreamJoiner): void {
    this.subscribers++;
    this.joiners.add(joiner);
  }

  leave(joiner: StreamJoiner): void {
    this.subscribers--;
    this.joiners.delete(joiner);
    joiner.stop();
  }

  /** Sends what arrived since the last flush, and moves caught-up joiners onto the shared feed. */
  flush(): void {
    const events = this.pending;
    this.pending = [];
    if (events.length > 0) {
      const batch = events.length === 1 ? events[0].frame : Buffer.concat(events.map((e) => e.frame));
      this.batches.next(batch);
      this.lastFlushedId = events[events.length - 1].message.id;
    }
    for (const joiner of this.joiners) {
      if (events.length > 0) joiner.offer(events);
      if (joiner.isCaughtUp(this.lastFlushedId)) {
        this.joiners.delete(joiner);
        joiner.graduate(this.batches);
      }
    }
  }
}
