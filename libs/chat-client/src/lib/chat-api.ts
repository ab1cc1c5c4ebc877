import { Injectable, inject } from '@angular/core';
import type {
  ChatMessage,
  ChatSettings,
  CreateMessageDto,
  CreateStreamTicketDto,
  EditMessageDto,
  HistoryPage,
  MessageDeleted,
  PostAccepted,
  RoomSummary,
  StreamTicket,
} from '@herald/contracts';
import { CHAT_API_BASE_URL } from './chat-api-base-url.token';
import { ChatApiError, errorOf } from './chat-api-error';
import { GuestSession } from './guest-session';
import { HERALD_TOKEN_PROVIDER } from './herald-config';

/** Options of a history request: the page ends just before `before`, newest last. */
export interface HistoryQuery {
  before?: string;
  limit?: number;
}

/** Options of {@link ChatApi.post}. */
export interface PostOptions {
  /**
   * Sent as `Idempotency-Key` (1 to 255 visible ASCII characters): a post sent again with the same key, in the same
   * room within the server's window, is stored once and answered with the first answer.
   */
  idempotencyKey?: string;
}

/** Typed calls to the Herald HTTP API. Failures reject with a {@link ChatApiError}. */
@Injectable({ providedIn: 'root' })
export class ChatApi {
  private readonly baseUrl = inject(CHAT_API_BASE_URL);
  private readonly tokenProvider = inject(HERALD_TOKEN_PROVIDER);
  private readonly guest = inject(GuestSession);

  /** Lists the rooms with history or open streams, sorted by name, with who is online. */
  rooms(): Promise<RoomSummary[]> {
    return this.request<RoomSummary[]>(`${this.baseUrl}/rooms`, { headers: { Accept: 'application/json' } });
  }

  /**
   * Posts a message to a room; resolves once the server has accepted it. Without a token provider, it is signed
   * with the guest session of `author` (see {@link GuestSession}) where the server has them.
   */
  post(room: string, body: Pick<CreateMessageDto, 'author' | 'text'>, options: PostOptions = {}): Promise<PostAccepted> {
    const key = options.idempotencyKey;
    return this.request<PostAccepted>(
      this.roomUrl(room, 'messages'),
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          ...(key !== undefined ? { 'Idempotency-Key': key } : {}),
        },
        body: JSON.stringify({ author: body.author, text: body.text }),
      },
      { guest: body.author !== undefined ? { name: body.author } : undefined },
    );
  }

  /**
   * Deletes the reader's own message: signed with the token provider's token, or without one with the guest
   * session held (whatever its name now), which the message must have been posted with, within the server's
   * window (see {@link settings}). Resolves with the tombstone the room's streams receive too; rejects with a 401
   * and sends nothing while there is no token, and with the server's 403 (not theirs, or too late) or 404.
   */
  deleteMessage(room: string, id: string): Promise<MessageDeleted> {
    return this.request<MessageDeleted>(
      `${this.roomUrl(room, 'messages')}/${encodeURIComponent(id)}`,
      { method: 'DELETE', headers: { Accept: 'application/json' } },
      { tokenRequired: 'Only the session that posted a message can delete it.', guest: 'held' },
    );
  }

  /**
   * Replaces the text of the reader's own message (signed as {@link deleteMessage} is), within the server's window
   * (`messageEditWindowS` of {@link settings}). Resolves with the message as edited, with its `editedAt`: the room's
   * streams receive it too. Rejects with a 401 and sends nothing while there is no token, and with the server's 403
   * (not theirs, or too late), 404 or 400 (a text the rules refuse).
   */
  editMessage(room: string, id: string, text: string): Promise<ChatMessage> {
    const body: EditMessageDto = { text };
    return this.request<ChatMessage>(
      `${this.roomUrl(room, 'messages')}/${encodeURIComponent(id)}`,
      { method: 'PATCH', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) },
      { tokenRequired: 'Only the session that posted a message can edit it.', guest: 'held' },
    );
  }

  /**
   * Tells the room the reader is typing (signed with the token provider's token or the guest session held): the
   * server shows it to the others for a few seconds, and passes on at most one call per person every 2 s. Rejects
   * with a 401 and sends nothing without a token; with the server's 403 for a banned reader.
   */
  async typing(room: string): Promise<void> {
    await this.request<null>(
      this.roomUrl(room, 'typing'),
      { method: 'POST', headers: { Accept: 'application/json' } },
      { tokenRequired: 'Only a reader with a session can say they are typing.', guest: 'held' },
    );
  }

  /** What the server's configuration means for a client: for how long authors may delete and edit their messages. */
  settings(): Promise<ChatSettings> {
    return this.request<ChatSettings>(`${this.baseUrl}/settings`, { headers: { Accept: 'application/json' } });
  }

  /** Loads a page of a room's history, oldest first. */
  history(room: string, query: HistoryQuery = {}): Promise<HistoryPage> {
    const params = new URLSearchParams();
    if (query.before !== undefined) params.set('before', query.before);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    const search = params.toString();
    return this.request<HistoryPage>(this.roomUrl(room, 'messages') + (search ? `?${search}` : ''), {
      headers: { Accept: 'application/json' },
    });
  }

  /**
   * Asks for a single-use ticket that opens one stream of `room` (`?ticket=`), valid for about 30 s. Needs a
   * token: the token provider's, or without one the guest session of `name`; while there is none, this rejects
   * with a {@link ChatApiError} of status 401 and sends nothing.
   */
  streamTicket(room: string, name?: string | null): Promise<StreamTicket> {
    const body: CreateStreamTicketDto = { room };
    return this.request<StreamTicket>(
      `${this.baseUrl}/stream-tickets`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
      },
      { tokenRequired: `Room "${room}" is private: sign in to follow it.`, guest: name != null ? { name } : undefined },
    );
  }

  /** URL of a room's resource, e.g. `/api/rooms/lobby/events`. */
  roomUrl(room: string, resource: 'messages' | 'events' | 'typing'): string {
    return `${this.baseUrl}/rooms/${encodeURIComponent(room)}/${resource}`;
  }

  /**
   * Sends a request with the token, if any: the token provider's, or the guest session `guest` names, which is
   * renewed and the request sent once more when the server refuses it (401). With `tokenRequired`, a missing
   * token rejects with it (as a 401).
   */
  private async request<T>(url: string, init: RequestInit & { headers: Record<string, string> }, options: RequestOptions = {}): Promise<T> {
    const { tokenRequired } = options;
    let response: Response;
    let token: string | null;
    const guest = this.tokenProvider ? undefined : options.guest;
    try {
      token = await this.tokenFor(guest);
    } catch (error) {
      if (error instanceof ChatApiError) throw error;
      throw new ChatApiError('Could not get a sign-in token for the request.', 0);
    }
    if (!token && tokenRequired !== undefined) throw new ChatApiError(tokenRequired, 401);
    try {
      const headers = token ? { ...init.headers, Authorization: `Bearer ${token}` } : init.headers;
      response = await fetch(url, { ...init, headers });
    } catch {
      throw new ChatApiError('Could not reach the server. Check your connection and try again.', 0);
    }
    if (response.status === 401 && guest !== undefined && token && !options.retried) {
      this.guest.refused(token);
      return this.request<T>(url, init, { ...options, retried: true });
    }
    if (!response.ok) throw await errorOf(response);
    // A 204 has no body to read.
    return (response.status === 204 ? null : await response.json()) as T;
  }

  /** The token to sign with: the token provider's, or else that of the guest session `guest` names; null for none. */
  private tokenFor(guest: RequestOptions['guest']): Promise<string | null> {
    if (this.tokenProvider) return this.tokenProvider();
    if (guest === 'held') return this.guest.heldToken();
    return guest ? this.guest.token(guest.name) : Promise.resolve(null);
  }
}

interface RequestOptions {
  /** Reject without sending, with this message as a 401, when there is no token. */
  tokenRequired?: string;
  /** Without a token provider: sign the request with the guest session of this display name, or with the one held. */
  guest?: { name: string } | 'held';
  /** This is the second sending, after the server refused the guest token the first one carried. */
  retried?: boolean;
}
