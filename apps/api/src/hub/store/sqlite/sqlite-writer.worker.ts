import { compareEventIds } from '@herald/contracts';
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';
import type { PostRow, WriterReply, WriterRequest, WriterSetup } from './sqlite-writes';

/*
 * The SQLite writer: a worker thread with its own connection, which makes every write of the message store.
 * A commit syncs to disk (SQLITE_SYNC=full) and, past the history limit, trims and vacuums: all of it here, so
 * the event loop that serves every client never waits for the disk. The main thread keeps reading through its
 * own connection (WAL: readers see what is committed, never wait for the writer).
 */

/** Freed pages given back to the file system after a commit that trimmed messages. */
const VACUUM_PAGES = 256;

const setup = workerData as WriterSetup;
const db = new DatabaseSync(setup.file, { timeout: 5_000 });
db.exec('PRAGMA journal_mode = WAL');
db.exec(`PRAGMA synchronous = ${setup.sync === 'full' ? 'FULL' : 'NORMAL'}`);
const statements = {
  insert: db.prepare(
    'INSERT INTO messages (room, ms, seq, author, text, origin, author_id, deletes, deleted_by, edits, edited_ms) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ),
  // Only a message: tombstones and edit events stay.
  remove: db.prepare('DELETE FROM messages WHERE room = ? AND ms = ? AND seq = ? AND deletes IS NULL AND edits IS NULL'),
  // The edits of a deleted message carry its text: they become tombstones, under their own ids.
  buryEdits: db.prepare(
    "UPDATE messages SET author = '', text = '', origin = NULL, author_id = NULL, edits = NULL, edited_ms = NULL, " +
      'deletes = ?, deleted_by = ? WHERE room = ? AND edits = ?',
  ),
  rewrite: db.prepare(
    'UPDATE messages SET text = ?, edited_ms = ? WHERE room = ? AND ms = ? AND seq = ? AND deletes IS NULL AND edits IS NULL',
  ),
  addRoom: db.prepare('INSERT OR IGNORE INTO rooms (name) VALUES (?)'),
  rememberKey: db.prepare('INSERT OR REPLACE INTO idempotency (room, key, id, until_ms) VALUES (?, ?, ?, ?)'),
  forgetKeys: db.prepare('DELETE FROM idempotency WHERE until_ms <= ?'),
  dropIfEmpty: db.prepare('DELETE FROM rooms WHERE name = ? AND NOT EXISTS (SELECT 1 FROM messages WHERE room = ?)'),
  // What to trim through: the newest row beyond the count limit, counted from the oldest end (a step per row over
  // the limit, not HISTORY_LIMIT steps per commit: with long texts those cost milliseconds), and the newest row
  // older than the age limit.
  countRows: db.prepare('SELECT COUNT(*) AS n FROM messages WHERE room = ?'),
  beyondLimit: db.prepare('SELECT ms, seq FROM messages WHERE room = ? ORDER BY ms, seq LIMIT 1 OFFSET ?'),
  olderThan: db.prepare('SELECT ms, seq FROM messages WHERE room = ? AND ms < ? ORDER BY ms DESC, seq DESC LIMIT 1'),
  trim: db.prepare('DELETE FROM messages WHERE room = ? AND (ms, seq) <= (?, ?)'),
  markTrimmed: db.prepare('UPDATE rooms SET trimmed_through = ? WHERE name = ?'),
};

/** Rows of each room, counted once and then kept up to date by every write; forgotten when a transaction rolls back. */
const rowCounts = new Map<string, number>();

function rowsOf(room: string): number {
  let rows = rowCounts.get(room);
  if (rows === undefined) {
    rows = Number((statements.countRows.get(room) as { n: number }).n);
    rowCounts.set(room, rows);
  }
  return rows;
}

function counted(room: string, change: number | bigint): void {
  rowCounts.set(room, rowsOf(room) + Number(change));
}

/** Runs `write` in one transaction; vacuums afterwards when it trimmed anything. */
function transaction(write: () => boolean): void {
  let trimmed: boolean;
  db.exec('BEGIN IMMEDIATE');
  try {
    trimmed = write();
    db.exec('COMMIT');
  } catch (err) {
    rowCounts.clear();
    if (db.isTransaction) db.exec('ROLLBACK');
    throw err;
  }
  if (trimmed) db.exec(`PRAGMA incremental_vacuum(${VACUUM_PAGES})`);
}

function commit(posts: PostRow[], newestMs: number): void {
  transaction(() => {
    for (const post of posts) {
      statements.addRoom.run(post.room);
      const { room, ms, seq, author, text, origin, authorId, deletes, deletedBy, edits, editedMs } = post;
      // Counted once, before its first row of this commit goes in; every write below keeps the count true.
      rowsOf(room);
      if (deletes !== undefined) {
        counted(room, -statements.remove.run(room, ...idParts(deletes)).changes);
        statements.buryEdits.run(deletes, deletedBy ?? 'moderator', room, deletes);
      }
      if (edits !== undefined) statements.rewrite.run(text, editedMs ?? null, room, ...idParts(edits));
      statements.insert.run(
        room,
        ms,
        seq,
        author,
        text,
        origin,
        authorId,
        deletes ?? null,
        deletedBy ?? null,
        edits ?? null,
        editedMs ?? null,
      );
      counted(room, 1);
      // In the same commit as the message: a retry after a crash still finds its key.
      if (post.key !== undefined) statements.rememberKey.run(post.room, post.key, `${post.ms}-${post.seq}`, post.keyUntil ?? 0);
    }
    let trimmed = false;
    for (const room of new Set(posts.map((post) => post.room))) trimmed = trim(room, newestMs) || trimmed;
    return trimmed;
  });
}

function sweep(now: number, rooms: string[], keep: ReadonlySet<string>, waiting: ReadonlySet<string>): string[] {
  const dropped: string[] = [];
  transaction(() => {
    statements.forgetKeys.run(now);
    let trimmed = false;
    for (const room of rooms) {
      if (waiting.has(room)) continue;
      trimmed = trim(room, now) || trimmed;
      if (!keep.has(room) && Number(statements.dropIfEmpty.run(room, room).changes) > 0) {
        dropped.push(room);
        rowCounts.delete(room);
      }
    }
    return trimmed;
  });
  return dropped;
}

/** Drops what HISTORY_LIMIT and HISTORY_MAX_AGE_MS no longer keep; true when it dropped anything. */
function trim(room: string, nowMs: number): boolean {
  const over = rowsOf(room) - setup.historyLimit;
  const candidates = [over > 0 ? (statements.beyondLimit.get(room, over - 1) as { ms: number; seq: number } | undefined) : undefined];
  if (setup.historyMaxAgeMs > 0) {
    candidates.push(statements.olderThan.get(room, nowMs - setup.historyMaxAgeMs) as { ms: number; seq: number } | undefined);
  }
  let through: string | null = null;
  for (const row of candidates) {
    if (row && compareEventIds(`${row.ms}-${row.seq}`, through) > 0) through = `${row.ms}-${row.seq}`;
  }
  if (through === null) return false;
  counted(room, -statements.trim.run(room, ...idParts(through)).changes);
  statements.markTrimmed.run(through, room);
  return true;
}

function idParts(id: string): [number, number] {
  const dash = id.indexOf('-');
  return [Number(id.slice(0, dash)), Number(id.slice(dash + 1))];
}

parentPort?.on('message', (request: WriterRequest) => {
  let reply: WriterReply;
  try {
    if (request.kind === 'commit') {
      commit(request.posts, request.newestMs);
      reply = { id: request.id, ok: true };
    } else if (request.kind === 'sweep') {
      reply = { id: request.id, ok: true, dropped: sweep(request.now, request.rooms, new Set(request.keep), new Set(request.waiting)) };
    } else {
      db.close();
      reply = { id: request.id, ok: true };
    }
  } catch (err) {
    reply = { id: request.id, ok: false, message: (err as Error).message };
  }
  parentPort?.postMessage(reply);
  if (request.kind === 'close') parentPort?.close();
});
