import type { PresenceUpdate, TypingUpdate } from '@herald/contracts';
import { Subject } from 'rxjs';
import { compareEventIds } from '@herald/contracts';
import { FeedFrame, newestId } from './hub-event';
import { presenceFrame, typingFrame } from './event-frames';
import { StreamJoiner } from './stream-joiner';
import type { FeedListener, Watch } from './store/live-feed';

/**
 * The live side of one room in this process. Frames that arrive in the same turn of the event loop are
 * joined into one batch, and every caught-up subscriber receives that same batch: one write per client
 * per turn, however many messages a burst brings.
 */
export class RoomFeed {
  private readonly batches = new Subject<Buffer>();
  private readonly joiners = new Set<StreamJoiner>();
  private pending: FeedFrame[] = [];
  private subscribers = 0;
  private readonly watch: Watch;
  /** Id of the newest message flushed to subscribers, or the point the live feed starts after. */
  private lastFlushedId: string | null = null;
  /** False until the live feed says where the live feed starts; no joiner moves onto it before. */
  private ready = false;

  constructor(
    openWatch: (listener: FeedListener) => Watch,
    private readonly requestFlush: (feed: RoomFeed) => void,
  ) {
    const listener: FeedListener = {
      event: (event) => this.receive(event),
      presence: (update: PresenceUpdate) => this.receive(presenceFrame(update)),
      typing: (update: TypingUpdate) => this.receive(typingFrame(update)),
    };
    this.watch = openWatch(listener);
    this.watch.startAfter.then(
      (startAfter) => {
        if (compareEventIds(startAfter, this.lastFlushedId) > 0) this.lastFlushedId = startAfter;
        this.ready = true;
        this.requestFlush(this);
      },
      // Joiners stay on their replay path; the store reports its own failure to them.
      () => undefined,
    );
  }

  /**
   * Where a subscriber that wants no history starts: the newest id flushed, once the live feed has said where
   * it starts (undefined before). It gets every later message, pending ones included, as the others do.
   */
  get livePosition(): string | null | undefined {
    return this.ready ? this.lastFlushedId : undefined;
  }

  get size(): number {
    return this.subscribers;
  }

  /** Stops the store's live feed for this room. */
  stop(): void {
    this.watch.stop();
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

  /**
   * Sends what arrived since the last flush, and moves caught-up joiners onto the shared feed; returns the
   * frames handed out (frames × subscribers), for the metrics.
   */
  flush(): number {
    const frames = this.pending;
    this.pending = [];
    if (frames.length > 0) {
      this.batches.next(frames.length === 1 ? frames[0].frame : Buffer.concat(frames.map((f) => f.frame)));
      this.lastFlushedId = newestId(frames) ?? this.lastFlushedId;
    }
    for (const joiner of this.joiners) {
      if (frames.length > 0) joiner.offer(frames);
      if (this.ready && joiner.isCaughtUp(this.lastFlushedId)) {
        this.joiners.delete(joiner);
        joiner.graduate(this.batches);
      }
    }
    return frames.length * this.subscribers;
  }

  private receive(frame: FeedFrame): void {
    this.pending.push(frame);
    this.requestFlush(this);
  }
}
