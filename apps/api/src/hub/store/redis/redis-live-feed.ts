import type { PresenceUpdate, TypingUpdate } from '@herald/contracts';
import type { FeedListener, LiveFeed, Watch } from '../live-feed';
import type { MessageStore } from '../message-store';
import { toEvent } from './redis-message-store';
import { RedisKeys } from './redis-keys';
import { StreamEntry, StreamReader } from './stream-reader';

/**
 * The live feed across instances: the instance's one blocking reader reads the rooms that have local
 * listeners and hands their entries out here. Presence is watched for the same rooms.
 */
export class RedisLiveFeed implements LiveFeed {
  private readonly listeners = new Map<string, Set<FeedListener>>();
  /** Per watched room, the id of the last entry delivered: where a later watcher of the room starts. */
  private readonly delivered = new Map<string, string | null>();

  constructor(
    private readonly reader: StreamReader,
    private readonly keys: RedisKeys,
    private readonly messages: MessageStore,
    /** Told when a room gets its first local listener and when it loses its last. */
    private readonly presence: { watch(room: string): void; unwatch(room: string): void },
  ) {}

  watch(room: string, listener: FeedListener): Watch {
    let listeners = this.listeners.get(room);
    const first = !listeners;
    if (!listeners) {
      listeners = new Set();
      this.listeners.set(room, listeners);
      this.presence.watch(room);
    }
    listeners.add(listener);
    const own = listeners;
    const key = this.keys.room(room);
    const startAfter = first ? this.startReading(room, key) : Promise.resolve(this.delivered.get(room) ?? null);
    return {
      startAfter,
      stop: () => {
        own.delete(listener);
        if (own.size === 0 && this.listeners.get(room) === own) {
          this.listeners.delete(room);
          this.delivered.delete(room);
          this.reader.remove(key);
          this.presence.unwatch(room);
        }
      },
    };
  }

  /** Entries the reader read from a room's stream. */
  deliver(key: string, entries: StreamEntry[]): void {
    const room = this.keys.roomOf(key);
    const listeners = this.listeners.get(room);
    if (!listeners) return;
    this.delivered.set(room, entries[entries.length - 1][0]);
    for (const entry of entries) {
      const event = toEvent(room, entry);
      for (const listener of listeners) listener.event(event);
    }
  }

  announce(update: PresenceUpdate): void {
    for (const listener of this.listeners.get(update.room) ?? []) listener.presence(update);
  }

  announceTyping(update: TypingUpdate): void {
    for (const listener of this.listeners.get(update.room) ?? []) listener.typing(update);
  }

  /** Finds the room's newest id and starts the reader after it; retries while Redis is unreachable. */
  private async startReading(room: string, key: string): Promise<string | null> {
    for (let attempt = 0; ; attempt++) {
      try {
        const startAfter = await this.messages.lastId(room);
        if (this.listeners.has(room)) {
          this.delivered.set(room, startAfter);
          this.reader.add(key, startAfter);
        }
        return startAfter;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 100 * (attempt + 1))));
        if (!this.listeners.has(room)) return null;
      }
    }
  }
}
