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
