import { Injectable, inject } from '@angular/core';
import type { Ban, CreateBanDto, KickDto, KickResult, ModerationAction, ModerationLog } from '@herald/contracts';
import { CHAT_API_BASE_URL } from './chat-api-base-url.token';
import { ChatApiError, errorMessageOf } from './chat-api-error';
import { HERALD_TOKEN_PROVIDER } from './herald-config';

/**
 * Typed calls to Herald's moderation API, for an app whose signed-in users may hold the "moderator" role (the
 * token's roles claim). Every call sends the token provider's token; without one it rejects with a 401
 * {@link ChatApiError} and sends nothing. The server answers 403 to a token without the role.
 */
@Injectable({ providedIn: 'root' })
export class ModerationApi {
  private readonly baseUrl = inject(CHAT_API_BASE_URL);
  private readonly tokenProvider = inject(HERALD_TOKEN_PROVIDER);

  /** Bans an author id (as messages carry it) or an address from a room, or from every room, for `seconds`. */
  ban(request: CreateBanDto): Promise<Ban> {
    return this.request<Ban>('bans', { method: 'POST', body: JSON.stringify(request) });
  }

  /** The bans in force. */
  bans(): Promise<Ban[]> {
    return this.request<Ban[]>('bans');
  }

  /** Lifts a ban before it ends; rejects with a 404 for an id no ban has. */
  lift(id: string): Promise<Ban> {
    return this.request<Ban>(`bans/${encodeURIComponent(id)}`, { method: 'DELETE' });
  }

  /** Closes an author id's or address's open streams, in a room or every room; not a ban. */
  kick(request: KickDto): Promise<KickResult> {
    return this.request<KickResult>('kicks', { method: 'POST', body: JSON.stringify(request) });
  }

  /** The audit trail, newest first (`limit` 1 to 1000; the server's default 100). */
  async log(limit?: number): Promise<ModerationAction[]> {
    const page = await this.request<ModerationLog>(limit === undefined ? 'log' : `log?limit=${limit}`);
    return page.actions;
  }

  private async request<T>(path: string, init: RequestInit = {}): Promise<T> {
    let token: string | null;
    try {
      token = this.tokenProvider ? await this.tokenProvider() : null;
    } catch {
      throw new ChatApiError('Could not get a sign-in token for the request.', 0);
    }
    if (!token) throw new ChatApiError('Moderating needs a signed-in moderator.', 401);
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}/moderation/${path}`, {
        ...init,
        headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      });
    } catch {
      throw new ChatApiError('Could not reach the server. Check your connection and try again.', 0);
    }
    if (!response.ok) throw new ChatApiError(await errorMessageOf(response), response.status);
    return (await response.json()) as T;
  }
}
