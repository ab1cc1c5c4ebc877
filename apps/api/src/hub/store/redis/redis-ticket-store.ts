import type Redis from 'ioredis';
import type { TicketGrant, TicketStore } from '../ticket-store';
import { RedisKeys } from './redis-keys';

/** Tickets in Redis, so a ticket made on one instance opens a stream on any other. */
export class RedisTicketStore implements TicketStore {
  constructor(
    /** The stores' command connection; the stores close it. */
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async put(ticket: string, grant: TicketGrant, ttlMs: number): Promise<void> {
    await this.redis.set(this.keys.ticket(ticket), JSON.stringify(grant), 'PX', ttlMs);
  }

  async take(ticket: string): Promise<TicketGrant | null> {
    const value = await this.redis.getdel(this.keys.ticket(ticket));
    return value === null ? null : (JSON.parse(value) as TicketGrant);
  }

  async close(): Promise<void> {
    // The connection is the stores'.
  }
}
