import type { MessageOrigin } from '@herald/contracts';
import { compareEventIds } from '@herald/contracts';
import { DatabaseSync, StatementSync } from 'node:sqlite';
import { TooManyRoomsError } from '../../../errors/too-many-rooms.error';
import { EventIdClock } from '../../event-id-clock';
import { toHubEvent } from '../../event-frames';
import type { HubEvent } from '../../hub-event';
import {
  type HistoryAfter,
  type MessageDraft,
  type MessageStore,
  type Page,
  type RoomSlot,
  type Stored,
  cappedCount,
  slotOf,
} from '../message-store';
import type { StoreLimits } from '../store-limits';
import { SCHEMA, migrate } from './sqlite-schema';

/** `full`: a 202 survives a power loss; `normal`: it survives a crash of the process, the last moments may not survive a power loss. */
export type SqliteSync = 'full' | 'normal';

export interface SqliteStoreOptions extends StoreLimits {
  file: string;
  sync: SqliteSync;
}

interface Row {
  ms: number;
  seq: number;
  author: string;
  text: string;
  origin?: MessageOrigin | null;
}

interface Pending {
  room: string;
  ms: number;
  seq: number;
  draft: MessageDraft;
  stored: (result: Stored) => void;
  failed: (err: unknown) => void;
}

/** Freed pages given back to the file system after a commit that trimmed messages. */
const VACUUM_PAGES = 256;

/**
 * Messages in an embedded SQLite database (node:sqlite), in WAL mode. A post is answered once its row is
 * committed: the posts of one turn of the event loop share one transaction (one sync to disk), so
 * durability does not cost a sync per post. Ids keep rising across restarts: each room's clock starts
 * from the newest id stored. Only committed messages reach the live feed (`delivered`).
 */
export class SqliteMessageStore implements MessageStore {
  readonly isAvailable = true;
  private readonly db: DatabaseSync;
  private readonly clocks = new Map<string, EventIdClock>();
  /** The rooms table, and the rooms of pending posts, in memory: a post's room check reads no row. */
  private readonly known = new Set<string>();
  /** Posts waiting for this turn's commit, by room and idempotency key: a retry in the same turn waits for the first. */
  private readonly pendingKeys = new Map<string, Promise<Stored>>();
  private pending: Pending[] = [];
  private flushScheduled: NodeJS.Immediate | null = null;
  private readonly statements: Record<string, StatementSync>;

  constructor(
    private readonly options: SqliteStoreOptions,
    private readonly delivered: (event: HubEvent) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.db = openDatabase(options.file, options.sync);
    const prepare = (sql: string) => this.db.prepare(sql);
    this.statements = {
      insert: prepare('INSERT INTO messages (room, ms, seq, author, text, origin) VALUES (?, ?, ?, ?, ?, ?)'),
      addRoom: prepare('INSERT OR IGNORE INTO rooms (name) VALUES (?)'),
      dropIfEmpty: prepare('DELETE FROM rooms WHERE name = ? AND NOT EXISTS (SELECT 1 FROM messages WHERE room = ?)'),
      newest: prepare('SELECT ms, seq FROM messages WHERE room = ? ORDER BY ms DESC, seq DESC LIMIT 1'),
      trimmedThrough: prepare('SELECT trimmed_through AS id FROM rooms WHERE name = ?'),
      // The newest row beyond the count limit, and the newest row older than the age limit: what to trim through.
      beyondLimit: prepare('SELECT ms, seq FROM messages WHERE room = ? ORDER BY ms DESC, seq DESC LIMIT 1 OFFSET ?'),
      olderThan: prepare('SELECT ms, seq FROM messages WHERE room = ? AND ms < ? ORDER BY ms DESC, seq DESC LIMIT 1'),
      trim: prepare('DELETE FROM messages WHERE room = ? AND (ms, seq) <= (?, ?)'),
      markTrimmed: prepare('UPDATE rooms SET trimmed_through = ? WHERE name = ?'),
      exact: prepare('SELECT 1 AS found FROM messages WHERE room = ? AND ms = ? AND seq = ?'),
      after: prepare('SELECT ms, seq, author, text, origin FROM messages WHERE room = ? AND (ms, seq) > (?, ?) ORDER BY ms, seq'),
      all: prepare('SELECT ms, seq, author, text, origin FROM messages WHERE room = ? ORDER BY ms, seq'),
      before: prepare(
        'SELECT ms, seq, author, text, origin FROM messages WHERE room = ? AND (ms, seq) < (?, ?) ORDER BY ms DESC, seq DESC LIMIT ?',
      ),
      newestPage: prepare('SELECT ms, seq, author, text, origin FROM messages WHERE room = ? ORDER BY ms DESC, seq DESC LIMIT ?'),
      rooms: prepare('SELECT name FROM rooms ORDER BY name'),
      keyed: prepare('SELECT id FROM idempotency WHERE room = ? AND key = ? AND until_ms > ?'),
      rememberKey: prepare('INSERT OR REPLACE INTO idempotency (room, key, id, until_ms) VALUES (?, ?, ?, ?)'),
      forgetKeys: prepare('DELETE FROM idempotency WHERE until_ms <= ?'),
    };
    this.loadKnownRooms();
  }

  append(room: string, draft: MessageDraft): Promise<Stored> {
    const key = draft.idempotencyKey;
    if (key === undefined) return this.enqueue(room, draft);
    const pendingKey = `${room}\n${key}`;
    const waiting = this.pendingKeys.get(pendingKey);
    if (waiting) return waiting.then(({ id }) => ({ id, fresh: false }));
    const earlier = this.statements.keyed.get(room, key, this.now()) as { id: string } | undefined;
    if (earlier) return Promise.resolve({ id: earlier.id, fresh: false });
    const stored = this.enqueue(room, draft);
    this.pendingKeys.set(pendingKey, stored);
    const settled = () => this.pendingKeys.delete(pendingKey);
    stored.then(settled, settled);
    return stored;
  }

  private enqueue(room: string, draft: MessageDraft): Promise<Stored> {
    const { maxRooms, alwaysOpen } = this.options;
    if (!this.known.has(room)) {
      if (!alwaysOpen.has(room) && cappedCount(this.known, alwaysOpen) >= maxRooms) return Promise.reject(new TooManyRoomsError(maxRooms));
      this.known.add(room);
    }
    const { ms, seq } = split(this.clockOf(room).next(this.now()).id);
    return new Promise((stored, failed) => {
      this.pending.push({ room, ms, seq, draft, stored, failed });
      this.flushScheduled ??= setImmediate(() => this.flush());
    });
  }

  async historyAfter(room: string, afterId: string): Promise<HistoryAfter> {
    const [ms, seq] = split(afterId).parts;
    const trimmedThrough = this.trimmedThrough(room);
    const found = this.statements.exact.get(room, ms, seq) !== undefined || trimmedThrough === afterId;
    const rows = (found ? this.statements.after.all(room, ms, seq) : this.statements.all.all(room)) as unknown as Row[];
    return { found, events: rows.map((row) => toEvent(room, row)), trimmedThrough };
  }

  async lastId(room: string): Promise<string | null> {
    return this.newestId(room);
  }

  /** The newest committed id of a room, at once (the live feed starts after it). */
  newestId(room: string): string | null {
    const newest = this.statements.newest.get(room) as unknown as Row | undefined;
    return newest ? `${newest.ms}-${newest.seq}` : this.trimmedThrough(room);
  }

  async page(room: string, beforeId: string | null, limit: number): Promise<Page> {
    const rows = (beforeId === null
      ? this.statements.newestPage.all(room, limit + 1)
      : this.statements.before.all(room, ...split(beforeId).parts, limit + 1)) as unknown as Row[];
    const hasMore = rows.length > limit;
    return {
      events: rows
        .slice(0, limit)
        .reverse()
        .map((row) => toEvent(room, row)),
      hasMore,
    };
  }

  async rooms(): Promise<string[]> {
    return (this.statements.rooms.all() as unknown as Array<{ name: string }>).map((row) => row.name);
  }

  async roomSlot(room: string): Promise<RoomSlot> {
    const { alwaysOpen, maxRooms } = this.options;
    return slotOf(this.known.has(room) || alwaysOpen.has(room), cappedCount(this.known, alwaysOpen), maxRooms);
  }

  async dropIdleRooms(inUse: ReadonlySet<string>): Promise<number> {
    const waiting = new Set(this.pending.map((p) => p.room));
    const dropped: string[] = [];
    let trimmed = false;
    this.db.exec('BEGIN IMMEDIATE');
    try {
      this.statements.forgetKeys.run(this.now());
      for (const room of this.known) {
        if (waiting.has(room)) continue;
        trimmed = this.trim(room, this.now()) || trimmed;
        if (inUse.has(room) || this.options.alwaysOpen.has(room)) continue;
        if (Number(this.statements.dropIfEmpty.run(room, room).changes) > 0) dropped.push(room);
      }
      this.db.exec('COMMIT');
    } catch (err) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw err;
    }
    for (const room of dropped) {
      this.known.delete(room);
      this.clocks.delete(room);
    }
    if (trimmed) this.db.exec(`PRAGMA incremental_vacuum(${VACUUM_PAGES})`);
    return dropped.length;
  }

  /** Writes what is pending and closes the database. */
  close(): void {
    if (this.flushScheduled) clearImmediate(this.flushScheduled);
    this.flush();
    this.db.close();
  }

  /** Commits every post of the turn in one transaction, then answers them and hands them to the live feed. */
  private flush(): void {
    this.flushScheduled = null;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    let trimmed = false;
    try {
      this.db.exec('BEGIN IMMEDIATE');
      for (const { room, ms, seq, draft } of batch) {
        this.statements.addRoom.run(room);
        this.statements.insert.run(room, ms, seq, draft.author, draft.text, draft.origin ?? null);
        // In the same commit as the message: a retry after a crash still finds its key.
        if (draft.idempotencyKey !== undefined) {
          this.statements.rememberKey.run(room, draft.idempotencyKey, `${ms}-${seq}`, ms + this.options.idempotencyWindowMs);
        }
      }
      const newestMs = batch[batch.length - 1].ms;
      for (const room of new Set(batch.map((p) => p.room))) trimmed = this.trim(room, newestMs) || trimmed;
      this.db.exec('COMMIT');
    } catch (err) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      // Rooms these posts were opening are not in the table after all.
      this.loadKnownRooms();
      for (const post of batch) post.failed(err);
      return;
    }
    if (trimmed) this.db.exec(`PRAGMA incremental_vacuum(${VACUUM_PAGES})`);
    for (const { room, ms, seq, draft, stored } of batch) {
      const event = toEvent(room, { ms, seq, author: draft.author, text: draft.text, origin: draft.origin });
      stored({ id: event.message.id, fresh: true });
      this.delivered(event);
    }
  }

  /** Drops what HISTORY_LIMIT and HISTORY_MAX_AGE_MS no longer keep; true when it dropped anything. */
  private trim(room: string, nowMs: number): boolean {
    const { historyLimit, historyMaxAgeMs } = this.options;
    const candidates = [this.statements.beyondLimit.get(room, historyLimit) as unknown as Row | undefined];
    if (historyMaxAgeMs > 0) candidates.push(this.statements.olderThan.get(room, nowMs - historyMaxAgeMs) as unknown as Row | undefined);
    let through: string | null = null;
    for (const row of candidates) {
      if (row && compareEventIds(`${row.ms}-${row.seq}`, through) > 0) through = `${row.ms}-${row.seq}`;
    }
    if (through === null) return false;
    this.statements.trim.run(room, ...split(through).parts);
    this.statements.markTrimmed.run(through, room);
    return true;
  }

  private clockOf(room: string): EventIdClock {
    let clock = this.clocks.get(room);
    if (!clock) {
      clock = new EventIdClock();
      const start = this.newestId(room);
      if (start !== null) clock.resumeAfter(start);
      this.clocks.set(room, clock);
    }
    return clock;
  }

  private trimmedThrough(room: string): string | null {
    return (this.statements.trimmedThrough.get(room) as { id: string | null } | undefined)?.id ?? null;
  }

  /** The rooms table, plus the rooms of posts still pending. */
  private loadKnownRooms(): void {
    this.known.clear();
    for (const row of this.statements.rooms.all() as unknown as Array<{ name: string }>) this.known.add(row.name);
    for (const post of this.pending) this.known.add(post.room);
  }
}

/** Opens (or creates) the database, refusing a file that is not one, with a sentence saying so. */
function openDatabase(file: string, sync: SqliteSync): DatabaseSync {
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(file, { timeout: 5_000 });
    db.exec('PRAGMA journal_mode = WAL');
    db.exec(`PRAGMA synchronous = ${sync === 'full' ? 'FULL' : 'NORMAL'}`);
    db.exec(SCHEMA);
    migrate(db);
    return db;
  } catch (err) {
    db?.close();
    throw new Error(
      `Cannot use ${file} as Herald's database (${(err as Error).message}). It was left as it is: ` +
        'restore it from a backup, or point HERALD_STORE at another file.',
      { cause: err },
    );
  }
}

function toEvent(room: string, { ms, seq, author, text, origin }: Row): HubEvent {
  const id = `${ms}-${seq}`;
  return toHubEvent({ id, room, author, text, sentAt: new Date(ms).toISOString(), ...(origin ? { origin } : {}) });
}

function split(id: string): { ms: number; seq: number; parts: [number, number] } {
  const dash = id.indexOf('-');
  const ms = Number(id.slice(0, dash));
  const seq = Number(id.slice(dash + 1));
  return { ms, seq, parts: [ms, seq] };
}
