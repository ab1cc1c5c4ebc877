import type { Ban, ModerationAction } from '@herald/contracts';
import { Subject } from 'rxjs';
import { MODERATION_LOG_LIMIT, type ModerationSignal, type ModerationStore } from '../moderation-store';

/** Bans and the audit trail of this process: one instance is all there is. */
export class MemoryModerationStore implements ModerationStore {
  private readonly bans = new Map<string, Ban>();
  /** Oldest first. */
  private readonly actions: ModerationAction[] = [];
  private readonly subject = new Subject<ModerationSignal>();
  readonly signals = this.subject.asObservable();

  async activeBans(now: number): Promise<Ban[]> {
    for (const [id, ban] of this.bans) if (Date.parse(ban.until) <= now) this.bans.delete(id);
    return [...this.bans.values()];
  }

  async putBan(ban: Ban): Promise<void> {
    this.bans.set(ban.id, ban);
  }

  async liftBan(id: string): Promise<Ban | null> {
    const ban = this.bans.get(id) ?? null;
    this.bans.delete(id);
    return ban;
  }

  async record(action: ModerationAction): Promise<void> {
    this.actions.push(action);
    if (this.actions.length > MODERATION_LOG_LIMIT) this.actions.splice(0, this.actions.length - MODERATION_LOG_LIMIT);
  }

  async recent(limit: number): Promise<ModerationAction[]> {
    return this.actions.slice(-limit).reverse();
  }

  async signal(signal: ModerationSignal): Promise<void> {
    this.subject.next(signal);
  }

  async close(): Promise<void> {
    this.subject.complete();
  }
}
