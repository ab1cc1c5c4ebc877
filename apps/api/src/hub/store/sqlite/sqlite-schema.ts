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
}
