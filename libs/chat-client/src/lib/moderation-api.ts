import { Injectable, inject, signal } from '@angular/core';
import type {
  Ban,
  CreateBanDto,
  KickDto,
  KickResult,
  MessageDeleted,
  ModerationAction,
  ModerationLog,
  ModeratorSelf,
} from '@herald/contracts';
import { CHAT_API_BASE_URL } from './chat-api-base-url.token';
import { ChatApiError, errorOf } from './chat-api-error';
import { HERALD_TOKEN_PROVIDER } from './herald-config';
import { isRefusal } from './stream-access';

/** A JSON Web Token: three base64url parts separated by dots. Anything else is taken for an API key. */
const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]+$/;
/** What an HTTP header can carry: a credential with anything else could never be sent. */
const HEADER_SAFE = /^[\x21-\x7e]+$/;

/**
 * Typed calls to Herald's moderation API, for whoever holds the "moderator" role: an app's signed-in users (the
 * token's roles claim, through the token provider), or anyone the app lets sign in here with a moderator
 * credential ({@link signIn}: an API key with the role, or such a token), which then signs every call instead.
 * Without either a call rejects with a 401 {@link ChatApiError} and sends nothing; the server answers 403 to
 * credentials without the role.
 */
@Injectable({ providedIn: 'root' })
export class ModerationApi {
  private readonly baseUrl = inject(CHAT_API_BASE_URL);
  private readonly tokenProvider = inject(HERALD_TOKEN_PROVIDER);
  private credential: string | null = null;
  private readonly self = signal<ModeratorSelf | null>(null);

  /**
   * The moderator the calls act as: the one {@link signIn} checked, or the one {@link me} found behind the token
   * provider's token; null when neither found one.
   */
  readonly moderator = this.self.asReadonly();

  /**
   * Checks a moderator credential with the server (`GET /moderation/me`) and, if it holds the role, signs every
   * later call with it: as `Authorization: Bearer` when it has the shape of a JWT, else as `X-API-Key`. Rejects
   * with the server's 401 (unknown credential) or 403 (no moderator role), keeping whatever was signed in before.
   * The credential is kept in memory only: where to remember it is the app's choice.
   */
  async signIn(credential: string): Promise<ModeratorSelf> {
    const candidate = credential.trim();
    if (!HEADER_SAFE.test(candidate)) throw new ChatApiError('A moderator key is one word of letters, digits and symbols.', 401);
    const self = await this.send<ModeratorSelf>('moderation/me', {}, credentialHeader(candidate));
    this.credential = candidate;
    this.self.set(self);
    return self;
  }

  /** Forgets the credential of {@link signIn}: calls go back to the token provider's token, if any. */
  signOut(): void {
    this.credential = null;
    this.self.set(null);
  }

  /**
   * Who the current credentials are as a moderator, also setting {@link moderator}: null when the server refuses
   * them the role (401/403, or there are none), in which case a credential of {@link signIn} is forgotten. With a
   * token provider, this is how an app finds whether its reader moderates. Rejects when the server cannot answer.
   */
  async me(): Promise<ModeratorSelf | null> {
    try {
      const self = await this.request<ModeratorSelf>('moderation/me');
      this.self.set(self);
      return self;
    } catch (error) {
      if (!isRefusal(error)) throw error;
      this.signOut();
      return null;
    }
  }

  /** Deletes any message of a room, at any time: every stream of the room receives its tombstone. */
  deleteMessage(room: string, id: string): Promise<MessageDeleted> {
    return this.request<MessageDeleted>(`rooms/${encodeURIComponent(room)}/messages/${encodeURIComponent(id)}`, { method: 'DELETE' });
  }

  /** Bans an author id (as messages carry it) or an address from a room, or from every room, for `seconds`. */
  ban(request: CreateBanDto): Promise<Ban> {
    return this.request<Ban>('moderation/bans', { method: 'POST', body: JSON.stringify(request) });
  }

  /** The bans in force. */
  bans(): Promise<Ban[]> {
    return this.request<Ban[]>('moderation/bans');
  }

  /** Lifts a ban before it ends; rejects with a 404 for an id no ban has. */
  lift(id: string): Promise<Ban> {
    return this.request<Ban>(`moderation/bans/${encodeURIComponent(id)}`, { method: 'DELETE' });
  }

  /** Closes an author id's or address's open streams, in a room or every room; not a ban. */
  kick(request: KickDto): Promise<KickResult> {
    return this.request<KickResult>('moderation/kicks', { method: 'POST', body: JSON.stringify(request) });
  }

  /** The audit trail, newest first (`limit` 1 to 1000; the server's default 100). */
  async log(limit?: number): Promise<ModerationAction[]> {
    const page = await this.request<ModerationLog>(limit === undefined ? 'moderation/log' : `moderation/log?limit=${limit}`);
    return page.actions;
  }

  /** Sends a call signed with the credential of {@link signIn}, or else the token provider's token. */
  private async request<T>(path: string, init: RequestInit = {}): Promise<T> {
    if (this.credential !== null) return this.send<T>(path, init, credentialHeader(this.credential));
    let token: string | null;
    try {
      token = this.tokenProvider ? await this.tokenProvider() : null;
    } catch {
      throw new ChatApiError('Could not get a sign-in token for the request.', 0);
    }
    if (!token) throw new ChatApiError('Moderating needs a signed-in moderator.', 401);
    return this.send<T>(path, init, { Authorization: `Bearer ${token}` });
  }

  private async send<T>(path: string, init: RequestInit, signature: Record<string, string>): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}/${path}`, {
        ...init,
        headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...signature },
      });
    } catch {
      throw new ChatApiError('Could not reach the server. Check your connection and try again.', 0);
    }
    if (!response.ok) throw await errorOf(response);
    return (await response.json()) as T;
  }
}

function credentialHeader(credential: string): Record<string, string> {
  return JWT_SHAPE.test(credential) ? { Authorization: `Bearer ${credential}` } : { 'X-API-Key': credential };
}
