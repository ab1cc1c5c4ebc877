import Redis from 'ioredis';

/** What a stream ticket grants: one stream of one room, under the name of the token it was made for. */
export interface TicketGrant {
  room: string;
  name: string;
}

/** Single-use tickets with a short life; taking one removes it. */
export interface TicketStore {
  put(ticket: string, grant: TicketGrant, ttlMs: number): Promise<void>;
  /** The grant, once: null for an unknown, used or expired ticket. */
  take(ticket: string): Promise<TicketGrant | null>;
  close(): Promise<void>;
}

/** Tickets of this process; enough for one instance. */
export class MemoryTicketStore implements TicketStore {
  private readonly tickets = new Map<string, { grant: TicketGrant; expiresAt: number }>();

  async put(ticket: string, grant: TicketGrant, ttlMs: number): Promise<void> {
    const now = Date.now();
    for (const [key, entry] of this.tickets) if (entry.expiresAt <= now) this.tickets.delete(key);
    this.tickets.set(ticket, { grant, expiresAt: now + ttlMs });
  }

  async take(ticket: string): Promise<TicketGrant | null> {
    const entry = this.tickets.get(ticket);
    this.tickets.delete(ticket);
    return entry && entry.expiresAt > Date.now() ? entry.grant : null;
  }

  async close(): Promise<void> {
    this.tickets.clear();
  }
}

/** Tickets in Redis, so a ticket made on one instance opens a stream on any other. */
export class RedisTicketStore implements TicketStore {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    this.redis = new Redis(url, { protocol: 2, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.redis.on('error', () => undefined);
  }

  async put(ticket: string, grant: TicketGrant, ttlMs: number): Promise<void> {
    await this.redis.set(`${this.prefix}ticket:${ticket}`, JSON.stringify(grant), 'PX', ttlMs);
  }

  async take(ticket: string): Promise<TicketGrant | null> {
    const value = await this.redis.getdel(`${this.prefix}ticket:${ticket}`);
    return value === null ? null : (JSON.parse(value) as TicketGrant);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
