/** What a stream ticket grants: one stream of one room, as the person (name and author id) of the token it was made for. */
export interface TicketGrant {
  room: string;
  name: string;
  /** When the token the ticket was made for stops being accepted (ms since the epoch): the stream ends then. */
  endsAt?: number;
  /** The author id of that token (a guest session, a signed-in subject): the stream counts as that person. */
  authorId?: string;
}

/** Single-use tickets with a short life; taking one removes it. */
export interface TicketStore {
  put(ticket: string, grant: TicketGrant, ttlMs: number): Promise<void>;
  /** The grant, once: null for an unknown, used or expired ticket. */
  take(ticket: string): Promise<TicketGrant | null>;
  close(): Promise<void>;
}
