import { compareEventIds } from '@herald/contracts';
import { Observable, Subscription } from 'rxjs';
import { FrameSink } from './frame-sink';
import { FeedFrame, newestId } from './hub-event';

/**
 * One subscriber on its way from replay to the shared live feed. It joins the live feed before the
 * history is read and holds what arrives meanwhile, then writes each message once, in order, skipping ids
 * it has written already: the reverse order would lose what is published while the history is read.
 * Everything it writes goes to its one sink, so replay, catch-up and live cannot overtake each other.
 */
export class StreamJoiner {
  /** Id of the newest message this subscriber has (from replay, live, or as its starting point). */
  private position: string | null = null;
  private started = false;
  private held: FeedFrame[] = [];
  private live?: Subscription;

  constructor(private readonly sink: FrameSink) {}

  /**
   * Called once the replay is read: hands it to the sink as the replay (frame by frame, not copied), then
   * writes what was held back meanwhile. Presence held back is dropped: `replay` ends with the room's
   * presence as it is now, which supersedes it.
   */
  start(replay: readonly Buffer[], position: string | null): void {
    if (replay.length > 0) this.sink.writeReplay(replay);
    this.position = position;
    this.started = true;
    const held = this.held.filter((frame) => frame.id !== null);
    this.held = [];
    this.offer(held);
  }

  /** Live frames flushed while this subscriber is still joining. */
  offer(frames: readonly FeedFrame[]): void {
    if (!this.started) {
      this.held.push(...frames);
      return;
    }
    const fresh = frames.filter((f) => f.id === null || compareEventIds(f.id, this.position) > 0);
    if (fresh.length === 0) return;
    this.position = newestId(fresh) ?? this.position;
    this.sink.write(fresh.length === 1 ? fresh[0].frame : Buffer.concat(fresh.map((f) => f.frame)));
  }

  /** The stream's store failed before it caught up. */
  fail(err: unknown): void {
    this.sink.fail(err);
  }

  /**
   * True once the shared feed has flushed up to this subscriber's position: it then has every message up
   * to there (from its replay or from {@link offer}), and the feed's later batches hold only newer ones.
   * A replay can run ahead of the feed (a shared store's reader may not have delivered what the replay
   * read yet); the subscriber stays on {@link offer}, which skips what it has, until the feed catches up.
   */
  isCaughtUp(lastFlushedId: string | null): boolean {
    return this.started && compareEventIds(this.position, lastFlushedId) <= 0;
  }

  /** Moves onto the shared feed, which hands the same batch to every subscriber of the room. */
  graduate(batches: Observable<Buffer>): void {
    const sink = this.sink;
    this.live = batches.subscribe({ next: (batch) => sink.write(batch) });
  }

  stop(): void {
    this.live?.unsubscribe();
    this.held = [];
  }
}
