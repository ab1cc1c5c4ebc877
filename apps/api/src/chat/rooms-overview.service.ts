import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { ROOMS_EVENT, type RoomOverview } from '@herald/contracts';
import { encodeEvent } from '../hub/event-frames';
import type { FrameSink } from '../hub/frame-sink';
import { HubService } from '../hub/hub.service';

/** How often the rooms are read while anyone watches them: changes reach watchers at most this often. */
export const ROOMS_OVERVIEW_INTERVAL_MS = 1_000;

/** A stream of the overview, and which rooms its reader may see. */
interface Watcher {
  sink: FrameSink;
  maySee: (room: string) => boolean;
  /** False until its snapshot is written: the changes before it are in it. */
  started: boolean;
}

/**
 * The rooms overview stream's source (`GET /api/rooms/events`): every room's newest id and who is in it, read
 * once per {@link ROOMS_OVERVIEW_INTERVAL_MS} for all watchers while any are open, not per watcher, and sent as
 * the changes since the last read. Each watcher sees only the rooms it may (private rooms need a token).
 */
@Injectable()
export class RoomsOverview implements OnModuleDestroy {
  private readonly logger = new Logger('RoomsOverview');
  private readonly watchers = new Set<Watcher>();
  /** The rooms as last read, with their JSON to tell a change; null until the first read of this watch. */
  private held: Map<string, { room: RoomOverview; json: string }> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private reading = false;

  constructor(private readonly hub: HubService) {}

  /** Sends `sink` the rooms `maySee` lets it see, then their changes, until the returned function is called. */
  watch(sink: FrameSink, maySee: (room: string) => boolean): () => void {
    const watcher: Watcher = { sink, maySee, started: false };
    this.watchers.add(watcher);
    if (this.held) this.start(watcher);
    if (!this.timer) {
      this.timer = setInterval(() => void this.read(), ROOMS_OVERVIEW_INTERVAL_MS);
      this.timer.unref();
      void this.read();
    }
    return () => {
      this.watchers.delete(watcher);
      if (this.watchers.size > 0) return;
      this.stop();
    };
  }

  onModuleDestroy(): void {
    this.stop();
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.held = null;
  }

  private start(watcher: Watcher): void {
    const rooms = [...(this.held?.values() ?? [])].map((held) => held.room).filter((room) => watcher.maySee(room.name));
    watcher.sink.writeReplay([encodeEvent({ type: ROOMS_EVENT.snapshot, data: { rooms } })]);
    watcher.started = true;
  }

  private async read(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    let rooms: RoomOverview[];
    try {
      rooms = await this.hub.overview();
    } catch (err) {
      // The store is away: the watchers keep what they have, and the next read tells them what changed.
      this.logger.warn(`Could not read the rooms: ${(err as Error).message}`);
      return;
    } finally {
      this.reading = false;
    }
    if (this.watchers.size === 0) return;
    const before = this.held;
    const now = new Map(rooms.map((room) => [room.name, { room, json: JSON.stringify(room) }]));
    this.held = now;
    const changed = rooms.filter((room) => before?.get(room.name)?.json !== now.get(room.name)?.json);
    const removed = before ? [...before.keys()].filter((name) => !now.has(name)) : [];
    // Watchers that see the same rooms share one frame: most see the public ones only.
    const frames = new Map<string, Buffer>();
    for (const watcher of this.watchers) {
      if (!watcher.started) {
        this.start(watcher);
        continue;
      }
      const seen = changed.filter((room) => watcher.maySee(room.name));
      const gone = removed.filter((name) => watcher.maySee(name));
      if (seen.length === 0 && gone.length === 0) continue;
      const key = `${seen.map((room) => room.name).join()}/${gone.join()}`;
      let frame = frames.get(key);
      if (!frame) frames.set(key, (frame = encodeEvent({ type: ROOMS_EVENT.changed, data: { rooms: seen, removed: gone } })));
      watcher.sink.write(frame);
    }
  }
}
