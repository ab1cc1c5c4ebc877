import { Logger } from '@nestjs/common';
import type { Ban, ModerationAction } from '@herald/contracts';
import type Redis from 'ioredis';
import { Subject } from 'rxjs';
import { MODERATION_LOG_LIMIT, type ModerationSignal, type ModerationStore } from '../moderation-store';
import type { CommandHealth } from './command-health';
import { runCommand } from './redis-command';
import type { RedisKeys } from './redis-keys';

/**
 * Bans (a hash: id → ban) and the audit trail (a capped list) in the shared Redis; signals on a channel of
 * their own, on a subscriber connection of their own, so every instance closes its streams and rereads the bans.
 */
export class RedisModerationStore implements ModerationStore {
  private readonly logger = new Logger('RedisModerationStore');
  private readonly subject = new Subject<ModerationSignal>();
  readonly signals = this.subject.asObservable();

  constructor(
    /** The stores' command connection; the stores close it. */
    private readonly redis: Redis,
    private readonly health: CommandHealth,
    private readonly keys: RedisKeys,
    /** A subscriber connection of this store's own; the stores close it. */
    private readonly subscriber: Redis,
  ) {
    subscriber.on('message', (channel: string, text: string) => {
      if (channel !== keys.moderationChannel()) return;
      try {
        this.subject.next(JSON.parse(text) as ModerationSignal);
      } catch {
        this.logger.warn('Ignored a moderation signal that is not JSON');
      }
    });
    subscriber.subscribe(keys.moderationChannel()).catch((err: Error) => this.logger.warn(`Moderation channel: ${err.message}`));
  }

  async activeBans(now: number): Promise<Ban[]> {
    const all = await runCommand(this.health, () => this.redis.hgetall(this.keys.bans()));
    const bans = Object.values(all).map((text) => JSON.parse(text) as Ban);
    const ended = bans.filter((ban) => Date.parse(ban.until) <= now).map((ban) => ban.id);
    if (ended.length > 0) await runCommand(this.health, () => this.redis.hdel(this.keys.bans(), ...ended));
    return bans.filter((ban) => Date.parse(ban.until) > now);
  }

  async putBan(ban: Ban): Promise<void> {
    await runCommand(this.health, () => this.redis.hset(this.keys.bans(), ban.id, JSON.stringify(ban)));
  }

  async liftBan(id: string): Promise<Ban | null> {
    // One round trip for read-and-delete, so two moderators lifting the same ban log it once.
    const [[, text]] = (await runCommand(this.health, () =>
      this.redis.multi().hget(this.keys.bans(), id).hdel(this.keys.bans(), id).exec(),
    )) as [[Error | null, string | null], [Error | null, number]];
    return text ? (JSON.parse(text) as Ban) : null;
  }

  async record(action: ModerationAction): Promise<void> {
    const key = this.keys.moderationLog();
    await runCommand(this.health, () =>
      this.redis
        .multi()
        .lpush(key, JSON.stringify(action))
        .ltrim(key, 0, MODERATION_LOG_LIMIT - 1)
        .exec(),
    );
  }

  async recent(limit: number): Promise<ModerationAction[]> {
    const texts = await runCommand(this.health, () => this.redis.lrange(this.keys.moderationLog(), 0, limit - 1));
    return texts.map((text) => JSON.parse(text) as ModerationAction);
  }

  async signal(signal: ModerationSignal): Promise<void> {
    await runCommand(this.health, () => this.redis.publish(this.keys.moderationChannel(), JSON.stringify(signal)));
  }

  async close(): Promise<void> {
    this.subject.complete();
  }
}
