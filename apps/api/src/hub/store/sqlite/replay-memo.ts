import type { HistoryAfter } from '../message-store';

/** The most the memo holds, counting each answer as its events plus one; past it, it starts over. */
const MAX_HELD = 5_000;

/**
 * The history after an id as the store last read it, per room, until a commit changes that room: when the
 * streams of a failed or restarted instance come back at once, most of them from the same last id, the rows
 * are read and turned into frames once instead of once per stream. An answer given out between a commit
 * reaching the database and the store hearing of it is one a stream could have read a moment earlier; it
 * is still whole, because a stream joins the live feed before it reads the history (StreamJoiner), and the
 * commit reaches it there. Answers are shared: callers only read them.
 */
export class ReplayMemo {
  private readonly byRoom = new Map<string, Map<string, HistoryAfter>>();
  private held = 0;

  get(room: string, afterId: string): HistoryAfter | undefined {
    return this.byRoom.get(room)?.get(afterId);
  }

  remember(room: string, afterId: string, history: HistoryAfter): void {
    const size = sizeOf(history);
    if (size > MAX_HELD) return;
    if (this.held + size > MAX_HELD) this.clear();
    let answers = this.byRoom.get(room);
    if (!answers) {
      answers = new Map();
      this.byRoom.set(room, answers);
    }
    const earlier = answers.get(afterId);
    if (earlier) this.held -= sizeOf(earlier);
    answers.set(afterId, history);
    this.held += size;
  }

  /** A commit (or a failed one, which may have happened) changed the room. */
  forget(room: string): void {
    const answers = this.byRoom.get(room);
    if (!answers) return;
    for (const history of answers.values()) this.held -= sizeOf(history);
    this.byRoom.delete(room);
  }

  /** Any room may have changed (a sweep trimmed them). */
  clear(): void {
    this.byRoom.clear();
    this.held = 0;
  }
}

/** An answer's weight: its events, plus one so that empty answers (a room with none) are bounded too. */
const sizeOf = (history: HistoryAfter) => history.events.length + 1;
