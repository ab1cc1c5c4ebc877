import type Redis from 'ioredis';
import { type GuestKeyStore, newGuestKey } from '../guest-key-store';
import type { CommandHealth } from './command-health';
import { runCommand } from './redis-command';
import { RedisKeys } from './redis-keys';

/**
 * The key in Redis, shared by every instance: the first one to need it sets it (SET NX, so two instances
 * starting together cannot each keep their own), and everyone reads the one that was set.
 */
export class RedisGuestKey implements GuestKeyStore {
  private value: string | null = null;

  constructor(
    /** The stores' command connection; the stores close it. */
    private readonly redis: Redis,
    private readonly health: CommandHealth,
    private readonly keys: RedisKeys,
  ) {}

  async key(): Promise<string> {
    this.value ??= await runCommand(this.health, async () => {
      await this.redis.set(this.keys.guestKey(), newGuestKey(), 'NX');
      const stored = await this.redis.get(this.keys.guestKey());
      if (stored === null) throw new Error('the guest session key vanished from Redis as it was read');
      return stored;
    });
    return this.value;
  }
}
