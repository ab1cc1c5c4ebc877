import type { TicketGrant, TicketStore } from '../ticket-store';

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
