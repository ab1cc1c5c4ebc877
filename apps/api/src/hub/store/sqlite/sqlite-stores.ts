import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { StartupError } from '../../../errors/startup.error';
import { createProcessLocalParts, processStores, type ProcessLocalParts } from '../memory/process-local-parts';
import type { StoreLimits } from '../store-limits';
import type { Stores } from '../stores';
import { SqliteGuestKey } from './sqlite-guest-key';
import { SqliteLock } from './sqlite-lock';
import { SqliteMessageStore, type SqliteSync } from './sqlite-message-store';
import { SqliteModerationStore } from './sqlite-moderation-store';

/**
 * The embedded default (HERALD_STORE=sqlite:<file>): messages on disk in one SQLite file that only this
 * process opens, with the guest session key, the bans and the moderation log; live feed, presence and tickets
 * in its memory, as one process is all there is.
 */
export function createSqliteStores(file: string, sync: SqliteSync, limits: StoreLimits): Stores {
  let lock: SqliteLock;
  let messages: SqliteMessageStore;
  let local: ProcessLocalParts | null = null;
  try {
    mkdirSync(dirname(file), { recursive: true });
    lock = new SqliteLock(file);
  } catch (err) {
    throw new StartupError((err as Error).message, err);
  }
  try {
    messages = new SqliteMessageStore({ file, sync, ...limits }, (event) => local?.deliver(event));
  } catch (err) {
    lock.release();
    throw new StartupError((err as Error).message, err);
  }
  const store = messages;
  const parts = createProcessLocalParts((room) => store.newestId(room));
  local = parts;
  return processStores(
    store,
    parts,
    async () => {
      // The lock goes only once the writer has committed what was pending and let go of the file.
      await store.close();
      lock.release();
    },
    new SqliteGuestKey(store.database),
    new SqliteModerationStore(store.database),
  );
}
