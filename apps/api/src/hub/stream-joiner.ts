import { Observable, Subscriber, Subscription } from 'rxjs';
import { compareEventIds } from './event-id';
import { HubEvent } from './hub-event';

/**
 * One subscriber on its way from replay to the shared live feed. It joins the live feed before the
 * history is read and holds what arrives meanwhile, then sends each event once, in order, skipping ids it
 * has sent already: the reverse order would lose what is published while the history is read.
 */
export class StreamJoiner {
  /** Id of the newest event this subscriber has (from replay, live, or as its starting point). */
  private position: string | null = null;
  private started = false;
  private held: HubEvent[] = [];
  private live?: Subscription;

  constructor(private readonly subscriber: Subscriber<Buffer>) {}

  /** Called once the replay is read: sends it, then what was held back meanwhile. */
  start(replay: readonly Buffer[], position: string | null): void {
    for (const frame of replay) this.subscriber.next(frame);
    this.position = position;
    this.started = true;
    const held = this.held;
    this.held = [];
    this.offer(held);
  }

  /** Live events flushed while this subscriber is still joining. */
  offer(events: readonly HubEvent[]): void {
    if (!this.started) {
      this.held.push(...events);
      return;
    }
    const fresh = events.filter((event) => compareEventIds(event.message.id, this.position) > 0);
    if (fresh.length === 0) return;
    this.position = fresh[fresh.length - 1].message.id;
    this.subscriber.next(fresh.length === 1 ? fresh[0].frame : Buffer.concat(fresh.map((e) => e.frame)));
  }

  /** True once nothing the shared feed sends from now on can be something this subscriber already has. */
  isCaughtUp(lastFlushedId: string | null): boolean {
    return this.started && compareEventIds(this.position, lastFlushedId) >= 0;
  }

  /** Moves onto the shared feed, which hands the same batch to every subscriber of the room. */
  graduate(batches: Observable<Buffer>): void {
    const subscriber = this.subscriber;
    this.live = batches.subscribe({ next: (batch) => subscriber.next(batch) });
  }

  stop(): void {
    this.live?.unsubscribe();
    this.held = [];
  }
}
