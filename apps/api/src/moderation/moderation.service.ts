import { HttpStatus, Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Ban, ChatMessage, KickResult, ModerationAction, ModerationTarget } from '@herald/contracts';
import { randomBytes } from 'node:crypto';
import type { Subscription } from 'rxjs';
import type { Identity } from '../access/identity';
import { HttpError } from '../errors/http-error';
import { StoreUnavailableError } from '../errors/store-unavailable.error';
import type { ModerationSignal, ModerationStore } from '../hub/store/moderation-store';
import { STORES, type Stores } from '../hub/store/stores';
import { ModeratedStreams } from './moderated-streams';
import { MODERATION_METRICS, type ModerationMetrics } from './moderation-metrics';
import { coversRoom, isTargeted } from './moderation-target';

/** How often the bans are read again, in case a signal from another instance was missed (a Redis reconnect). */
const REFRESH_MS = 10_000;

/** What a moderator asks for: whom, where (every room when null), and for a ban how long and why. */
export interface ModerationRequest extends ModerationTarget {
  room?: string;
  seconds?: number;
  reason?: string;
}

/**
 * Bans, kicks and the audit trail. Posts and streams are checked against the bans held here (read from the
 * store at start, after every change any instance signals, and every {@link REFRESH_MS}), so a check costs no
 * store round trip. A ban or kick closes its target's streams on every instance, through the store's signal.
 */
@Injectable()
export class Moderation implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Moderation');
  private readonly store: ModerationStore;
  /** The bans held, each with its end in ms: a post's check parses no date. */
  private bans: Array<{ ban: Ban; untilMs: number }> = [];
  private subscription?: Subscription;
  private timer?: ReturnType<typeof setInterval>;

  constructor(
    @Inject(STORES) stores: Stores,
    private readonly streams: ModeratedStreams,
    @Inject(MODERATION_METRICS) private readonly metrics: ModerationMetrics,
  ) {
    this.store = stores.moderation;
  }

  async onModuleInit(): Promise<void> {
    this.subscription = this.store.signals.subscribe((signal) => this.apply(signal));
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
    this.timer.unref();
    await this.refresh();
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    clearInterval(this.timer);
  }

  /** The ban that keeps this author (when verified) or address out of `room`, or null. */
  banFor(room: string, authorId: string | null | undefined, address: string, now = Date.now()): Ban | null {
    for (const { ban, untilMs } of this.bans) {
      if (untilMs > now && coversRoom(ban.room, room) && isTargeted(ban, authorId, address)) return ban;
    }
    return null;
  }

  /** Refuses with a 403 saying until when (and why) whom a ban keeps out of `room`. */
  refuseBanned(room: string, authorId: string | null | undefined, address: string): void {
    const ban = this.banFor(room, authorId, address);
    if (!ban) return;
    const where = ban.room === null ? 'every room' : `the room "${ban.room}"`;
    const why = ban.reason ? ` (${ban.reason})` : '';
    throw new HttpError(
      HttpStatus.FORBIDDEN,
      `you are banned from ${where} until ${ban.until}${why}`,
      {},
      {
        bannedUntil: ban.until,
        ...(ban.reason ? { banReason: ban.reason } : {}),
      },
    );
  }

  /** The bans in force. */
  activeBans(): Ban[] {
    const now = Date.now();
    return this.bans.filter(({ untilMs }) => untilMs > now).map(({ ban }) => ban);
  }

  async ban(moderator: Identity, request: ModerationRequest): Promise<Ban> {
    const target = targetOf(request);
    const now = Date.now();
    const ban: Ban = {
      id: randomBytes(12).toString('base64url'),
      ...target,
      room: request.room ?? null,
      until: new Date(now + (request.seconds ?? 0) * 1000).toISOString(),
      ...(request.reason ? { reason: request.reason } : {}),
      at: new Date(now).toISOString(),
      by: moderator.name,
      byId: moderator.authorId,
    };
    await this.available(() => this.store.putBan(ban));
    this.hold([...this.activeBans(), ban]);
    await this.audit({ action: 'ban', ...target, room: ban.room, banId: ban.id, until: ban.until, reason: ban.reason }, moderator);
    this.streams.close(target, ban.room);
    await this.tellOthers({ kind: 'bans-changed' });
    await this.tellOthers({ kind: 'close', target, room: ban.room, why: 'ban' });
    return ban;
  }

  async lift(moderator: Identity, id: string): Promise<Ban> {
    const ban = await this.available(() => this.store.liftBan(id));
    if (!ban) throw new HttpError(HttpStatus.NOT_FOUND, `no ban has the id "${id}" (it may have ended or been lifted)`);
    this.bans = this.bans.filter((held) => held.ban.id !== id);
    const target = targetOf(ban);
    await this.audit({ action: 'unban', ...target, room: ban.room, banId: ban.id }, moderator);
    await this.tellOthers({ kind: 'bans-changed' });
    return ban;
  }

  async kick(moderator: Identity, request: ModerationRequest): Promise<KickResult> {
    const target = targetOf(request);
    const room = request.room ?? null;
    await this.audit({ action: 'kick', ...target, room }, moderator);
    const closedHere = this.streams.close(target, room);
    await this.tellOthers({ kind: 'close', target, room, why: 'kick' });
    return { closedHere };
  }

  /** Records a moderator's deletion of someone's message in the audit trail (the deletion itself is the hub's). */
  async deleted(moderator: Identity, message: ChatMessage): Promise<void> {
    await this.audit({ action: 'delete', authorId: message.authorId, room: message.room, messageId: message.id }, moderator);
  }

  /** The newest `limit` actions, newest first. */
  recent(limit: number): Promise<ModerationAction[]> {
    return this.available(() => this.store.recent(limit));
  }

  /** The audit trail: the store's log, a structured log line and a metric, for every action. */
  private async audit(fields: Omit<ModerationAction, 'at' | 'by' | 'byId'>, moderator: Identity): Promise<void> {
    const action: ModerationAction = {
      ...dropUndefined(fields),
      at: new Date().toISOString(),
      by: moderator.name,
      byId: moderator.authorId,
    };
    await this.available(() => this.store.record(action));
    this.metrics.moderationAction(action.action);
    this.logger.log({ moderation: action }, `${action.by} (${action.byId}) ${action.action}: ${describe(action)}`);
  }

  private apply(signal: ModerationSignal): void {
    if (signal.kind === 'bans-changed') void this.refresh();
    else this.streams.close(signal.target, signal.room);
  }

  private async refresh(): Promise<void> {
    try {
      this.hold(await this.store.activeBans(Date.now()));
    } catch (err) {
      this.logger.warn(`Could not read the bans; keeping the ${this.bans.length} held: ${(err as Error).message}`);
    }
  }

  private hold(bans: Ban[]): void {
    this.bans = bans.map((ban) => ({ ban, untilMs: Date.parse(ban.until) }));
  }

  /** Signals the other instances; the action itself stands, so a signal that cannot go out is only logged. */
  private async tellOthers(signal: ModerationSignal): Promise<void> {
    await this.store.signal(signal).catch((err: Error) => this.logger.warn(`Could not signal the other instances: ${err.message}`));
  }

  private async available<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (err) {
      if (err instanceof HttpError || err instanceof StoreUnavailableError) throw err;
      throw new StoreUnavailableError(5, err);
    }
  }
}

/** The target of a request: an author id, an address, or both; neither is a 400. */
function targetOf(request: ModerationTarget): ModerationTarget {
  if (request.authorId === undefined && request.address === undefined) {
    throw new HttpError(HttpStatus.BAD_REQUEST, 'name whom this is for: authorId (as messages carry it), address, or both');
  }
  return dropUndefined({ authorId: request.authorId, address: request.address });
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function describe(action: ModerationAction): string {
  const whom = [action.authorId && `author ${action.authorId}`, action.address && `address ${action.address}`].filter(Boolean).join(' or ');
  const where = action.room === null ? 'every room' : `room "${action.room}"`;
  const what = action.messageId ? `message ${action.messageId} of ` : '';
  return `${what}${whom || 'an unverified author'} in ${where}${action.until ? ` until ${action.until}` : ''}`;
}
