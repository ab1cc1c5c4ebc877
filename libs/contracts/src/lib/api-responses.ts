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
}

/** One entry of `GET /api/rooms`. */
export interface RoomSummary {
  name: string;
  /** Open streams in the room. */
  connections: number;
  /** Distinct display names online in the room. */
  online: number;
}

/** A single-use ticket for one stream of a private room (`?ticket=`), from `POST /api/stream-tickets`. */
export interface StreamTicket {
  ticket: string;
  /** ISO 8601 time after which the ticket is refused. */
  expiresAt: string;
}
