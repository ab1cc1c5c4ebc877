import type { DatabaseSync } from 'node:sqlite';
import { type GuestKeyStore, newGuestKey } from '../guest-key-store';

/** The key in the database's one-row `guest_key` table: made on first use, kept across restarts and backups. */
export class SqliteGuestKey implements GuestKeyStore {
  private value: string | null = null;

  constructor(private readonly db: DatabaseSync) {}

  async key(): Promise<string> {
    if (this.value === null) {
      this.db.prepare('INSERT OR IGNORE INTO guest_key (id, key) VALUES (1, ?)').run(newGuestKey());
      this.value = (this.db.prepare('SELECT key FROM guest_key WHERE id = 1').get() as { key: string }).key;
    }
    return this.value;
  }
}
