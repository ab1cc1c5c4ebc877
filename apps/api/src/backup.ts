import './check-runtime';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';
import { ConfigError, loadConfig } from './config/load-config';

/**
 * `npm run backup -- <file>`: copies the SQLite database that HERALD_STORE names into <file> while the
 * server keeps running (SQLite's online backup: a consistent copy of every committed message). To restore,
 * stop the server and put the copy in place of the database file (and remove its -wal and -shm files).
 */
async function main(target: string | undefined): Promise<void> {
  if (!target) throw new Error('Usage: npm run backup -- <backup file>');
  const { store } = loadConfig();
  if (store.kind !== 'sqlite') throw new Error(`HERALD_STORE is ${store.kind}, not an SQLite file: there is nothing to back up here.`);
  const source = new DatabaseSync(store.file, { readOnly: true });
  try {
    mkdirSync(dirname(target), { recursive: true });
    const pages = await backup(source, target);
    console.log(`Backed up ${store.file} to ${target} (${pages} pages).`);
  } finally {
    source.close();
  }
}

main(process.argv[2]).catch((err: unknown) => {
  console.error(err instanceof ConfigError || err instanceof Error ? err.message : err);
  process.exit(1);
});
