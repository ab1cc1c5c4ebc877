import { DatabaseSync } from 'node:sqlite';

/**
 * One process per database: a small companion database (`<file>-lock`) held with an exclusive lock for the
 * life of the process. The kernel drops the lock when the process ends, however it ends (a SIGKILL
 * included), so a restart never finds a stale lock; the database itself stays open to backups.
 */
export class SqliteLock {
  private readonly db: DatabaseSync;

  constructor(file: string) {
    const path = `${file}-lock`;
    const db = new DatabaseSync(path, { timeout: 0 });
    try {
      db.exec('PRAGMA locking_mode = EXCLUSIVE; CREATE TABLE IF NOT EXISTS lock (pid INTEGER); DELETE FROM lock;');
      db.prepare('INSERT INTO lock (pid) VALUES (?)').run(process.pid);
    } catch (err) {
      db.close();
      if (/locked|busy/i.test((err as Error).message)) {
        throw new Error(
          `${file} is in use by another Herald process. Two processes on one database would each miss the other's ` +
            'live messages: stop the other one, give this one its own HERALD_STORE, or share a Redis (HERALD_STORE=redis://…).',
        );
      }
      throw err;
    }
    this.db = db;
  }

  release(): void {
    this.db.close();
  }
}
