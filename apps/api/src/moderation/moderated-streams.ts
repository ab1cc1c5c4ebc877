import { Injectable } from '@nestjs/common';
import type { ModerationTarget } from '@herald/contracts';
import { coversRoom, isTargeted } from './moderation-target';

/** An open stream as moderation sees it: where, whose, from where, and how to end it. */
export interface ModeratedStream {
  room: string;
  /** The verified author id it was let in with (a ticket or token), else null. */
  authorId: string | null;
  address: string;
  end(): void;
}

/**
 * The open streams of this instance, so a ban or a kick can close its target's. A kick is rare and a walk over
 * the streams costs no index to keep up to date on every connect.
 */
@Injectable()
export class ModeratedStreams {
  private readonly open = new Set<ModeratedStream>();

  /** Tracks a stream until {@link untrack}. */
  track(stream: ModeratedStream): void {
    this.open.add(stream);
  }

  untrack(stream: ModeratedStream): void {
    this.open.delete(stream);
  }

  /** Ends the target's streams in `room` (every room when null); how many it ended. */
  close(target: ModerationTarget, room: string | null): number {
    let closed = 0;
    for (const stream of [...this.open]) {
      if (coversRoom(room, stream.room) && isTargeted(target, stream.authorId, stream.address)) {
        this.open.delete(stream);
        stream.end();
        closed++;
      }
    }
    return closed;
  }
}
