import type { ChatMessage } from './chat-events';

/** Answer to an accepted post (HTTP 202). */
export interface PostAccepted {
  id: string;
  room: string;
  sentAt: string;
}

/** A page of a room's history, oldest first (newest last). */
export interface HistoryPage {
  room: string;
  messages: ChatMessage[];
  /** True when older messages exist before the first one of this page. */
  hasMore: boolean;
}

/** Every error answer of the API. */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  /** On the `403` of a ban: ISO 8601 time at which it ends, so a client can say until when (and try again then). */
  bannedUntil?: string;
  /** On the `403` of a ban given with a reason: the moderator's reason. */
  banReason?: string;
}

/** Answer of `GET /api/settings`: what a client needs to know of the server's configuration. */
export interface ChatSettings {
  /** For how long after posting an author may delete their own message, in seconds; 0: only moderators delete. */
  messageDeleteWindowS: number;
  /** For how long after posting an author may edit their own message, in seconds; 0: no edits. */
  messageEditWindowS: number;
}

/** One entry of `GET /api/rooms`. */
export interface RoomSummary {
  name: string;
  /** Open streams in the room. */
  connections: number;
  /** Distinct display names online in the room. */
  online: number;
  /** People online in the room, one per identity: two people with the same name count twice. */
  people: number;
}

/** A single-use ticket for one stream of a private room (`?ticket=`), from `POST /api/stream-tickets`. */
export interface StreamTicket {
  ticket: string;
  /** ISO 8601 time after which the ticket is refused. */
  expiresAt: string;
}

/** A guest session of the open chat, from `POST /api/session`. */
export interface GuestSession {
  /** Send as `Authorization: Bearer <token>` with posts, stream tickets and the session's renewal. */
  token: string;
  /** The session's stable, non-secret id: every message posted with it carries it as `authorId`. */
  authorId: string;
  /** The display name the session speaks under. */
  name: string;
  /** ISO 8601 time at which the token expires; renew it before (an expired one may still be renewed). */
  expiresAt: string;
}
