import type { ChatMessage, MessageDeleted, MessageDeletedBy, MessageOrigin } from '@herald/contracts';
import { DatabaseSync, StatementSync } from 'node:sqlite';
import { StoreUnavailableError } from '../../../errors/store-unavailable.error';
import { TooManyRoomsError } from '../../../errors/too-many-rooms.error';
import { EventIdClock } from '../../event-id-clock';
import { toEditEvent, toHubEvent, toTombstone } from '../../event-frames';
import { type HubEvent, type MessageEvent, deletesId } from '../../hub-event';
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
import { ReplayMemo } from './replay-memo';
import { SCHEMA, migrate } from './sqlite-schema';
import { SqliteWriteError, SqliteWriter } from './sqlite-writer';
import type { PostRow } from './sqlite-writes';

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
  author_id?: string | null;
  deletes?: string | null;
  deleted_by?: string | null;
  edits?: string | null;
  edited_ms?: number | null;
}

/** A write waiting for its commit: the row, the event the live feed gets once it is made, and who waits. */
interface Pending {
  row: PostRow;
  event: HubEvent;
  committed: () => void;
  failed: (err: unknown) => void;
}

const COLUMNS = 'ms, seq, author, text, origin, author_id, deletes, deleted_by, edits, edited_ms';
/** The rows that are messages: not tombstones, not edit events. */
const MESSAGES = 'deletes IS NULL AND edits IS NULL';

/**
 * Messages in an embedded SQLite database (node:sqlite), in WAL mode. A post is answered once its row is
 * committed. Every write is the writer's (a worker thread, sqlite-writer.worker.ts), so the event loop never
 * waits for the disk; this thread reads through a connection of its own. One commit is in flight at a time:
 * the posts that arrive meanwhile share the next one (one sync to disk), so the busier the store, the more
 * posts each commit carries. Ids keep rising across restarts: each room's clock starts from the newest id
 * stored. Only committed messages reach the live feed (`delivered`), in id order.
 */
export class SqliteMessageStore implements MessageStore {
  /** Up as long as the writer lives (readiness reports it). */
  get isAvailable(): boolean {
    return this.writer.isAlive;
  }
  private readonly db: DatabaseSync;
  /** The open database, for the parts that keep their own rows in the same file (the guest session key). */
  get database(): DatabaseSync {
    return this.db;
  }
  private readonly clocks = new Map<string, EventIdClock>();
  /** The rooms table, and the rooms of pending posts, in memory: a post's room check reads no row. */
  private readonly known = new Set<string>();
  /** Posts waiting for this turn's commit, by room and idempotency key: a retry in the same turn waits for the first. */
  private readonly pendingKeys = new Map<string, Promise<Stored>>();
  /** Messages whose deletion waits for its commit (room, newline, id): a second deletion finds nothing to delete. */
  private readonly pendingDeletes = new Set<string>();
  private pending: Pending[] = [];
  private flushScheduled: NodeJS.Immediate | null = null;
  /** The commit the writer is making, if any: the next waits for it. */
  private committing: Promise<void> | null = null;
  private readonly writer: SqliteWriter;
  /** Replays read since their room's last commit: a reconnect storm reads each room's rows once per id. */
  private readonly replays = new ReplayMemo();
  private readonly statements: Record<string, StatementSync>;

  constructor(
    private readonly options: SqliteStoreOptions,
    private readonly delivered: (event: HubEvent) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.db = openDatabase(options.file, options.sync);
    const prepare = (sql: string) => this.db.prepare(sql);
    this.statements = {
      newest: prepare('SELECT ms, seq FROM messages WHERE room = ? ORDER BY ms DESC, seq DESC LIMIT 1'),
      trimmedThrough: prepare('SELECT trimmed_through AS id FROM rooms WHERE name = ?'),
      exact: prepare('SELECT 1 AS found FROM messages WHERE room = ? AND ms = ? AND seq = ?'),
      message: prepare(`SELECT ${COLUMNS} FROM messages WHERE room = ? AND ms = ? AND seq = ? AND ${MESSAGES}`),
      after: prepare(`SELECT ${COLUMNS} FROM messages WHERE room = ? AND (ms, seq) > (?, ?) ORDER BY ms, seq`),
      all: prepare(`SELECT ${COLUMNS} FROM messages WHERE room = ? ORDER BY ms, seq`),
      // Pages hold messages only.
      before: prepare(
        `SELECT ${COLUMNS} FROM messages WHERE room = ? AND (ms, seq) < (?, ?) AND ${MESSAGES} ORDER BY ms DESC, seq DESC LIMIT ?`,
      ),
      newestPage: prepare(`SELECT ${COLUMNS} FROM messages WHERE room = ? AND ${MESSAGES} ORDER BY ms DESC, seq DESC LIMIT ?`),
      rooms: prepare('SELECT name FROM rooms ORDER BY name'),
      keyed: prepare('SELECT id FROM idempotency WHERE room = ? AND key = ? AND until_ms > ?'),
    };
    this.loadKnownRooms();
    const { file, sync, historyLimit, historyMaxAgeMs } = options;
    this.writer = new SqliteWriter({ file, sync, historyLimit, historyMaxAgeMs });
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
    const { author, text, idempotencyKey: key } = draft;
    const row: PostRow = {
      room,
      ms,
      seq,
      author,
      text,
      origin: draft.origin ?? null,
      authorId: draft.authorId ?? null,
      ...(key !== undefined ? { key, keyUntil: ms + this.options.idempotencyWindowMs } : {}),
    };
    const event = toEvent(room, { ms, seq, author, text, origin: draft.origin, author_id: draft.authorId });
    return new Promise((stored, failed) => this.write({ row, event, committed: () => stored({ id: event.id, fresh: true }), failed }));
  }

  async message(room: string, id: string): Promise<ChatMessage | null> {
    const row = this.statements.message.get(room, ...split(id).parts) as unknown as Row | undefined;
    return row ? (toEvent(room, row).message ?? null) : null;
  }

  async remove(room: string, id: string, by: MessageDeletedBy): Promise<MessageDeleted | null> {
    const deleting = `${room}\n${id}`;
    if (this.pendingDeletes.has(deleting) || (await this.message(room, id)) === null) return null;
    const { ms, seq } = split(this.clockOf(room).next(this.now()).id);
    const deleted: MessageDeleted = { id, room, deletedBy: by, deletedAt: new Date(ms).toISOString() };
    const row: PostRow = { room, ms, seq, author: '', text: '', origin: null, authorId: null, deletes: id, deletedBy: by };
    this.pendingDeletes.add(deleting);
    try {
      await new Promise<void>((committed, failed) => this.write({ row, event: toTombstone(`${ms}-${seq}`, deleted), committed, failed }));
    } finally {
      this.pendingDeletes.delete(deleting);
    }
    return deleted;
  }

  async edit(room: string, id: string, text: string): Promise<ChatMessage | null> {
    // A deletion on its way wins: the message is as good as gone.
    if (this.pendingDeletes.has(`${room}\n${id}`)) return null;
    const original = await this.message(room, id);
    if (original === null) return null;
    const { ms, seq } = split(this.clockOf(room).next(this.now()).id);
    const edited: ChatMessage = { ...original, text, editedAt: new Date(ms).toISOString() };
    const row: PostRow = {
      room,
      ms,
      seq,
      author: original.author,
      text,
      origin: original.origin ?? null,
      authorId: original.authorId ?? null,
      edits: id,
      editedMs: ms,
    };
    await new Promise<void>((committed, failed) => this.write({ row, event: toEditEvent(`${ms}-${seq}`, edited), committed, failed }));
    return edited;
  }

  /** Queues a write for the next commit. */
  private write(pending: Pending): void {
    this.pending.push(pending);
    // The writes of this turn go together, unless a commit is in flight: then they wait for it, and more join them.
    if (!this.committing) this.flushScheduled ??= setImmediate(() => void this.flush());
  }

  async historyAfter(room: string, afterId: string): Promise<HistoryAfter> {
    const known = this.replays.get(room, afterId);
    if (known) return known;
    const history = this.readHistoryAfter(room, afterId);
    this.replays.remember(room, afterId, history);
    return history;
  }

  private readHistoryAfter(room: string, afterId: string): HistoryAfter {
    const [ms, seq] = split(afterId).parts;
    const trimmedThrough = this.trimmedThrough(room);
    const after = (this.statements.after.all(room, ms, seq) as unknown as Row[]).map((row) => toEvent(room, row));
    const found = this.statements.exact.get(room, ms, seq) !== undefined || trimmedThrough === afterId || deletesId(after, afterId);
    const events = found ? after : (this.statements.all.all(room) as unknown as Row[]).map((row) => toEvent(room, row));
    return { found, events, trimmedThrough };
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
        .map((row) => toEvent(room, row) as MessageEvent),
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
    const waiting = [...new Set(this.pending.map((p) => p.row.room))];
    const keep = [...inUse, ...this.options.alwaysOpen];
    // A sweep trims rooms: what was read before it may hold rows it took out.
    const dropped = await this.writer.sweep(this.now(), [...this.known], keep, waiting).finally(() => this.replays.clear());
    // A room that got a post since the sweep was sent stays known: that post opens it again.
    const posted = new Set(this.pending.map((p) => p.row.room));
    for (const room of dropped) {
      if (posted.has(room)) continue;
      this.known.delete(room);
      this.clocks.delete(room);
    }
    return dropped.length;
  }

  /** Commits what is pending, then closes the writer and the database. */
  async close(): Promise<void> {
    if (this.flushScheduled) clearImmediate(this.flushScheduled);
    this.flushScheduled = null;
    while (this.committing || this.pending.length > 0) await (this.committing ?? this.flush());
    await this.writer.close();
    this.db.close();
  }

  /**
   * Sends every pending write to the writer as one commit; once it is made, answers them and hands their events
   * to the live feed, then sends what came meanwhile.
   */
  private flush(): Promise<void> {
    this.flushScheduled = null;
    if (this.committing || this.pending.length === 0) return this.committing ?? Promise.resolve();
    const batch = this.pending;
    this.pending = [];
    this.committing = this.writer
      .commit(
        batch.map((p) => p.row),
        batch[batch.length - 1].row.ms,
      )
      .then(
        () => {
          this.committing = null;
          for (const { row } of batch) this.replays.forget(row.room);
          for (const { event, committed } of batch) {
            committed();
            this.delivered(event);
          }
          void this.flush();
        },
        (err: unknown) => {
          this.committing = null;
          // It may have been made all the same.
          for (const { row } of batch) this.replays.forget(row.room);
          // Rooms these posts were opening are not in the table after all.
          this.loadKnownRooms();
          // Answered 503, so the client retries (with its Idempotency-Key, when it sent one).
          const unavailable = new StoreUnavailableError(5, err, err instanceof SqliteWriteError && err.mayHaveHappened);
          for (const post of batch) post.failed(unavailable);
          void this.flush();
        },
      );
    return this.committing;
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
    for (const post of this.pending) this.known.add(post.row.room);
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

function toEvent(room: string, row: Row): HubEvent {
  const { ms, seq, author, text, origin, author_id: authorId, deletes, deleted_by: by, edits, edited_ms: editedMs } = row;
  const id = `${ms}-${seq}`;
  const at = new Date(ms).toISOString();
  if (deletes) return toTombstone(id, { id: deletes, room, deletedBy: by === 'author' ? 'author' : 'moderator', deletedAt: at });
  const message: ChatMessage = {
    id: edits ?? id,
    room,
    author,
    text,
    sentAt: edits ? new Date(split(edits).ms).toISOString() : at,
    ...(origin ? { origin } : {}),
    ...(authorId ? { authorId } : {}),
    ...(editedMs ? { editedAt: new Date(editedMs).toISOString() } : {}),
  };
  return edits ? toEditEvent(id, message) : toHubEvent(message);
}

function split(id: string): { ms: number; seq: number; parts: [number, number] } {
  const dash = id.indexOf('-');
  const ms = Number(id.slice(0, dash));
  const seq = Number(id.slice(dash + 1));
  return { ms, seq, parts: [ms, seq] };
}
