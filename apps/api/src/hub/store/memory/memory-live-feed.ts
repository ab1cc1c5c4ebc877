import type { PresenceUpdate, TypingUpdate } from '@herald/contracts';
import type { HubEvent } from '../../hub-event';
import type { FeedListener, LiveFeed, Watch } from '../live-feed';

/** The live feed of one process: each appended event goes straight to the room's listeners. */
export class MemoryLiveFeed implements LiveFeed {
  private readonly listeners = new Map<string, Set<FeedListener>>();

  /** `newestId` says where a room's feed starts: right after the newest event stored. */
  constructor(private readonly newestId: (room: string) => string | null) {}

  watch(room: string, listener: FeedListener): Watch {
    let listeners = this.listeners.get(room);
    if (!listeners) {
      listeners = new Set();
      this.listeners.set(room, listeners);
    }
    listeners.add(listener);
    const own = listeners;
    return {
      startAfter: Promise.resolve(this.newestId(room)),
      stop: () => {
        own.delete(listener);
        if (own.size === 0 && this.listeners.get(room) === own) this.listeners.delete(room);
      },
    };
  }

  deliver(event: HubEvent): void {
    for (const listener of this.listeners.get(event.room) ?? []) listener.event(event);
  }

  announce(update: PresenceUpdate): void {
    for (const listener of this.listeners.get(update.room) ?? []) listener.presence(update);
  }

  announceTyping(update: TypingUpdate): void {
    for (const listener of this.listeners.get(update.room) ?? []) listener.typing(update);
  }

  clear(): void {
    this.listeners.clear();
  }
}
