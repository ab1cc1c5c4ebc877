import type { DatabaseSync } from 'node:sqlite';

/**
 * The database's tables. `auto_vacuum` must be chosen before the first table exists: INCREMENTAL lets the
 * store give the pages of trimmed messages back to the file system a few at a time.
 */
export const SCHEMA = `
PRAGMA auto_vacuum = INCREMENTAL;
CREATE TABLE IF NOT EXISTS messages (
  room TEXT NOT NULL,
  ms INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  author TEXT NOT NULL,
  text TEXT NOT NULL,
  -- 'bot' or 'system' for posts made with an API key; NULL for people.
  origin TEXT,
  -- Who posted it, verified (a guest session, a token, an API key); NULL for a post without a session.
  author_id TEXT,
  -- Set for a tombstone ('<ms>-<seq>' of the message it deleted, whose row is gone): author and text are empty.
  deletes TEXT,
  -- For a tombstone: 'author' or 'moderator'.
  deleted_by TEXT,
  -- Set for an edit event ('<ms>-<seq>' of the message it edited, whose row has the new text too).
  edits TEXT,
  -- When the message (or, for an edit event, this edit) was edited, in ms; NULL for one never edited.
  edited_ms INTEGER,
  PRIMARY KEY (room, ms, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS idempotency (
  room TEXT NOT NULL,
  key TEXT NOT NULL,
  -- The id the first post with this key got, and until when a retry is answered with it.
  id TEXT NOT NULL,
  until_ms INTEGER NOT NULL,
  PRIMARY KEY (room, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS guest_key (
  -- One row: the key that signs guest sessions when GUEST_SESSION_SECRET is not set.
  id INTEGER PRIMARY KEY CHECK (id = 1),
  key TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS bans (
  id TEXT PRIMARY KEY,
  until_ms INTEGER NOT NULL,
  -- The ban as the API returns it, JSON.
  ban TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS moderation_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  -- The action as the API returns it, JSON; the newest 1,000 are kept.
  action TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS rooms (
  name TEXT PRIMARY KEY,
  -- The newest id trimmed from the room's history: a client resuming from it missed nothing.
  trimmed_through TEXT
) WITHOUT ROWID;
`;

/** Brings a database made by an earlier version up to {@link SCHEMA}: columns added since, added here. */
export function migrate(db: DatabaseSync): void {
  const columns = db.prepare('PRAGMA table_info(messages)').all() as Array<{ name: string }>;
  if (!columns.some((column) => column.name === 'origin')) db.exec('ALTER TABLE messages ADD COLUMN origin TEXT');
  const added = { author_id: 'TEXT', deletes: 'TEXT', deleted_by: 'TEXT', edits: 'TEXT', edited_ms: 'INTEGER' };
  for (const [column, type] of Object.entries(added)) {
    if (!columns.some((held) => held.name === column)) db.exec(`ALTER TABLE messages ADD COLUMN ${column} ${type}`);
  }
  // A deletion finds the edits of its message through it.
  db.exec('CREATE INDEX IF NOT EXISTS messages_edits ON messages (room, edits) WHERE edits IS NOT NULL');
}
