import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { compareEventIds } from '@herald/contracts';

/** A stream entry as XREAD and XRANGE return it: id and flat field/value list. */
export type StreamEntry = [id: string, fields: string[]];

/** Longest a blocking read waits before it is issued again with the current set of rooms. */
const BLOCK_MS = 10_000;
/** Entries read per stream and call, so one busy room cannot hold the others back for long. */
const BATCH = 1_000;

/**
 * The one blocking reader of an instance: a single `XREAD BLOCK` on its own connection over every room
 * with local subscribers, each from the last id it delivered. When Redis goes away it keeps those
 * positions and, once Redis is back, goes on from them, so nothing accepted meanwhile is skipped.
 */
export class StreamReader {
  private readonly logger = new Logger('StreamReader');
  /** Stream key → id of the last entry delivered. */
  private readonly positions = new Map<string, string>();
  private clientId: string | null = null;
  private wake: (() => void) | null = null;
  private closed = false;
  private readonly done: Promise<void>;

  constructor(
    private readonly reader: Redis,
    private readonly commands: Redis,
    private readonly deliver: (key: string, entries: StreamEntry[]) => void,
  ) {
    reader.on('ready', () => {
      reader.call('CLIENT', 'ID').then(
        (id) => (this.clientId = String(id)),
        () => (this.clientId = null),
      );
    });
    this.done = this.loop();
  }

  /** Starts reading `key` after `startAfter` (null: from its first entry). */
  add(key: string, startAfter: string | null): void {
    this.positions.set(key, startAfter ?? '0-0');
    this.interrupt();
  }

  remove(key: string): void {
    this.positions.delete(key);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.interrupt();
    await this.done;
  }

  /** Ends the current blocking read early, so the next one includes a newly added room. */
  private interrupt(): void {
    if (this.wake) {
      this.wake();
      this.wake = null;
    } else if (this.clientId !== null) {
      this.commands.call('CLIENT', 'UNBLOCK', this.clientId).catch(() => undefined);
    }
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.closed) {
      if (this.positions.size === 0) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      const keys = [...this.positions.keys()];
      const ids = keys.map((key) => this.positions.get(key) as string);
      let result: unknown;
      try {
        result = await this.reader.call('XREAD', 'COUNT', BATCH, 'BLOCK', BLOCK_MS, 'STREAMS', ...keys, ...ids);
        failures = 0;
      } catch (err) {
        if (this.closed) break;
        if (failures++ === 0) this.logger.warn(`Reading from Redis failed, retrying: ${(err as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 100 * failures)));
        continue;
      }
      for (const [key, entries] of (result as [string, StreamEntry[]][] | null) ?? []) {
        const position = this.positions.get(key);
        // Skip a room removed meanwhile, and entries a re-added room has already been given.
        if (position === undefined) continue;
        const fresh = entries.filter(([id]) => compareEventIds(id, position) > 0);
        if (fresh.length === 0) continue;
        this.positions.set(key, fresh[fresh.length - 1][0]);
        this.deliver(key, fresh);
      }
    }
  }
}
