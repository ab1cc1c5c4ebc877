import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { StartupError } from '../../../errors/startup.error';
import { MemoryLiveFeed } from '../memory/memory-live-feed';
import type { MemoryLimits } from '../memory/memory-message-store';
import { MemoryPresence } from '../memory/memory-presence';
import { MemoryTicketStore } from '../memory/memory-ticket-store';
import type { Stores } from '../stores';
import { SqliteLock } from './sqlite-lock';
import { SqliteMessageStore, type SqliteSync } from './sqlite-message-store';

/**
 * The embedded default (HERALD_STORE=sqlite:<file>): messages on disk in one SQLite file that only this
 * process opens; live feed, presence and tickets in its memory, as one process is all there is.
 */
export function createSqliteStores(file: string, sync: SqliteSync, limits: MemoryLimits): Stores {
  let lock: SqliteLock;
  let messages: SqliteMessageStore;
  let feed: MemoryLiveFeed | null = null;
  try {
    mkdirSync(dirname(file), { recursive: true });
    lock = new SqliteLock(file);
  } catch (err) {
    throw new StartupError((err as Error).message, err);
  }
  try {
    messages = new SqliteMessageStore({ file, sync, ...limits }, (event) => feed?.deliver(event));
  } catch (err) {
    lock.release();
    throw new StartupError((err as Error).message, err);
  }
  const store = messages;
  feed = new MemoryLiveFeed((room) => store.newestIdNow(room));
  const live = feed;
  const presence = new MemoryPresence((update) => live.announce(update));
  const tickets = new MemoryTicketStore();
  return {
    messages,
    feed,
    presence,
    tickets,
    async open() {
      // Opened above, so that a start-up problem stops the start before anything listens.
    },
    async close() {
      store.close();
      lock.release();
      live.clear();
      presence.clear();
      await tickets.close();
    },
  };
}
