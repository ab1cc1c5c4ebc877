import type { Ban, ModerationAction, ModerationTarget } from '@herald/contracts';
import type { Observable } from 'rxjs';

/** Actions the audit trail keeps, newest first; older ones fall off (the log lines stay in the logs). */
export const MODERATION_LOG_LIMIT = 1000;

/** What an instance tells every instance, itself included, after a moderation action. */
export type ModerationSignal =
  /** Bans were made or lifted: read them again. */
  | { kind: 'bans-changed' }
  /** Close the target's open streams in `room` (every room when null). */
  | { kind: 'close'; target: ModerationTarget; room: string | null; why: 'ban' | 'kick' };

/** Bans and the audit trail, shared by the instances that share a store, and the signal between them. */
export interface ModerationStore {
  /** The bans that have not ended by `now` (ms). */
  activeBans(now: number): Promise<Ban[]>;
  putBan(ban: Ban): Promise<void>;
  /** Removes a ban: it, or null when no ban has that id. */
  liftBan(id: string): Promise<Ban | null>;
  /** Appends to the audit trail, which keeps the newest {@link MODERATION_LOG_LIMIT}. */
  record(action: ModerationAction): Promise<void>;
  /** The newest `limit` actions, newest first. */
  recent(limit: number): Promise<ModerationAction[]>;
  /** Sends a signal to every instance, this one included. */
  signal(signal: ModerationSignal): Promise<void>;
  readonly signals: Observable<ModerationSignal>;
  close(): Promise<void>;
}
