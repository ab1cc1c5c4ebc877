import type { Ban, ModerationAction } from '@herald/contracts';
import type { DatabaseSync } from 'node:sqlite';
import { Subject } from 'rxjs';
import { MODERATION_LOG_LIMIT, type ModerationSignal, type ModerationStore } from '../moderation-store';

/**
 * Bans and the audit trail in the database (tables `bans` and `moderation_log`, see sqlite-schema.ts), so both
 * survive a restart and are in its backups; the signal stays in this process, the only one that opens the file.
 */
export class SqliteModerationStore implements ModerationStore {
  private readonly subject = new Subject<ModerationSignal>();
  readonly signals = this.subject.asObservable();

  constructor(private readonly db: DatabaseSync) {}

  async activeBans(now: number): Promise<Ban[]> {
    this.db.prepare('DELETE FROM bans WHERE until_ms <= ?').run(now);
    return (this.db.prepare('SELECT ban FROM bans').all() as { ban: string }[]).map((row) => JSON.parse(row.ban) as Ban);
  }

  async putBan(ban: Ban): Promise<void> {
    this.db
      .prepare('INSERT OR REPLACE INTO bans (id, until_ms, ban) VALUES (?, ?, ?)')
      .run(ban.id, Date.parse(ban.until), JSON.stringify(ban));
  }

  async liftBan(id: string): Promise<Ban | null> {
    const row = this.db.prepare('DELETE FROM bans WHERE id = ? RETURNING ban').get(id) as { ban: string } | undefined;
    return row ? (JSON.parse(row.ban) as Ban) : null;
  }

  async record(action: ModerationAction): Promise<void> {
    const inserted = this.db.prepare('INSERT INTO moderation_log (action) VALUES (?)').run(JSON.stringify(action));
    this.db.prepare('DELETE FROM moderation_log WHERE seq <= ?').run(Number(inserted.lastInsertRowid) - MODERATION_LOG_LIMIT);
  }

  async recent(limit: number): Promise<ModerationAction[]> {
    const rows = this.db.prepare('SELECT action FROM moderation_log ORDER BY seq DESC LIMIT ?').all(limit) as { action: string }[];
    return rows.map((row) => JSON.parse(row.action) as ModerationAction);
  }

  async signal(signal: ModerationSignal): Promise<void> {
    this.subject.next(signal);
  }

  async close(): Promise<void> {
    this.subject.complete();
  }
}
