/** What the main thread and the SQLite writer (sqlite-writer.worker.ts) say to each other. */

/** How the writer opens the database and what it keeps of each room's history. */
export interface WriterSetup {
  file: string;
  sync: 'full' | 'normal';
  historyLimit: number;
  historyMaxAgeMs: number;
}

/** One accepted post, or the tombstone of a deleted message; its id given by the main thread. */
export interface PostRow {
  room: string;
  ms: number;
  seq: number;
  author: string;
  text: string;
  origin: string | null;
  authorId: string | null;
  /** Its idempotency key, remembered in the same commit until `keyUntil` (ms). */
  key?: string;
  keyUntil?: number;
  /** For a tombstone: the id of the message it deletes, whose row goes in the same commit, and who deleted it. */
  deletes?: string;
  deletedBy?: string;
  /** For an edit event: the id of the message it edits, whose row takes the new text in the same commit, and when. */
  edits?: string;
  editedMs?: number;
}

export type WriterRequest =
  /** Insert the posts in one transaction, trim their rooms to the history limits as of `newestMs`. */
  | { kind: 'commit'; id: number; posts: PostRow[]; newestMs: number }
  /**
   * Forget ended idempotency keys, trim `rooms` as of `now`, and drop the rooms among them that have no message
   * left, but for `keep` (open streams, always-open rooms); `waiting` (posts not yet committed) are left alone.
   */
  | { kind: 'sweep'; id: number; now: number; rooms: string[]; keep: string[]; waiting: string[] }
  | { kind: 'close'; id: number };

export type WriterReply = { id: number; ok: true; dropped?: string[] } | { id: number; ok: false; message: string };
