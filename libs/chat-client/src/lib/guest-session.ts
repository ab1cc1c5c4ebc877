import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import type { ApiError, CreateSessionDto, GuestSession as GuestSessionAnswer } from '@herald/contracts';
import { CHAT_API_BASE_URL } from './chat-api-base-url.token';
import { ChatApiError } from './chat-api-error';
import { HERALD_GUEST_SESSIONS, HERALD_TOKEN_PROVIDER } from './herald-config';

/** A session as kept in localStorage. */
interface StoredSession extends GuestSessionAnswer {
  /** When this client got the token (ms): with `expiresAt`, how long it lives. */
  receivedAt: number;
}

/** A token is renewed once less than this part of its life is left, and at most a minute before it expires. */
const RENEW_SHARE = 0.25;
const RENEW_AHEAD_MS = 60_000;

/**
 * The reader's guest session in the open chat, where the app has no token provider of its own: started
 * for the display name on first use (`POST /api/session`), kept in localStorage per API address (so every tab
 * and every visit is the same person), renewed silently shortly before it expires (and when it is used then, or
 * after the server refused it), and renamed, keeping its identity, when the name changes. Its token signs posts
 * and stream tickets, so the reader's messages carry their {@link authorId} and their streams count as them in
 * presence.
 */
@Injectable({ providedIn: 'root' })
export class GuestSession {
  private readonly baseUrl = inject(CHAT_API_BASE_URL);
  private readonly enabled = inject(HERALD_TOKEN_PROVIDER) === null && inject(HERALD_GUEST_SESSIONS);
  private readonly storageKey = `herald.guestSession:${this.baseUrl}`;
  private readonly session = signal<StoredSession | null>(this.enabled ? this.read() : null);
  /** Set once the server said it has no guest sessions (404: sign-in is configured there, or it predates them). */
  private unsupported = false;
  /** Requests on their way, per name, so concurrent callers share one. */
  private readonly pending = new Map<string, Promise<string | null>>();
  /** Renews the session held shortly before it expires. */
  private renewal: ReturnType<typeof setTimeout> | null = null;

  /** The reader's own author id, to tell their messages from a namesake's; null without a session. */
  readonly authorId = computed(() => this.session()?.authorId ?? null);

  constructor() {
    if (!this.enabled) return;
    // A session another tab started or renewed is this tab's too: the reader is one person in every tab.
    const onStorage = (event: StorageEvent) => {
      if (event.key === this.storageKey) this.session.set(this.read());
    };
    globalThis.addEventListener?.('storage', onStorage);
    const held = this.session();
    if (held !== null) this.scheduleRenewal(held);
    inject(DestroyRef).onDestroy(() => {
      globalThis.removeEventListener?.('storage', onStorage);
      if (this.renewal !== null) clearTimeout(this.renewal);
    });
  }

  /** Whether the client may use guest sessions at all (no token provider, not turned off). */
  get available(): boolean {
    return this.enabled && !this.unsupported;
  }

  /**
   * A token of the session under `name`, valid for a while yet: the one held, or a renewed one (under `name`
   * when it changed), or a new session's. Null where the client uses no guest sessions, or the server has none.
   * Rejects with a {@link ChatApiError} when the server cannot be reached or refuses (a 429, say).
   */
  token(name: string): Promise<string | null> {
    if (!this.available) return Promise.resolve(null);
    const held = this.read() ?? this.session();
    if (held !== null && held.name === name && !renewDue(held, Date.now())) {
      if (held.token !== this.session()?.token) this.session.set(held);
      return Promise.resolve(held.token);
    }
    let request = this.pending.get(name);
    if (request === undefined) {
      request = this.obtain(name, held).finally(() => this.pending.delete(name));
      this.pending.set(name, request);
    }
    return request;
  }

  /**
   * A token of the session held, under the name it has (renewed first when due), for a request that is about
   * the reader rather than a name: deleting their own message, say. Null without a session.
   */
  heldToken(): Promise<string | null> {
    const held = this.available ? (this.read() ?? this.session()) : null;
    return held === null ? Promise.resolve(null) : this.token(held.name);
  }

  /** The server refused `token` (401): the next {@link token} renews the session, or starts a new one. */
  refused(token: string): void {
    const held = this.session();
    if (held?.token === token) this.keep({ ...held, expiresAt: new Date(0).toISOString() });
  }

  private async obtain(name: string, held: StoredSession | null): Promise<string | null> {
    let answer = await this.ask(name, held?.token ?? null);
    // A token the server no longer renews (another key, a session too old): start over, as someone new.
    if (answer.status === 401 && held !== null) answer = await this.ask(name, null);
    if (answer.status === 404) {
      this.unsupported = true;
      return null;
    }
    if (answer.session === null) throw new ChatApiError(answer.message, answer.status);
    this.keep({ ...answer.session, receivedAt: Date.now() });
    return answer.session.token;
  }

  private async ask(
    name: string,
    renewing: string | null,
  ): Promise<{ status: number; session: GuestSessionAnswer | null; message: string }> {
    const body: CreateSessionDto = { name };
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}/session`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          ...(renewing !== null ? { Authorization: `Bearer ${renewing}` } : {}),
        },
        body: JSON.stringify(body),
      });
    } catch {
      throw new ChatApiError('Could not reach the server. Check your connection and try again.', 0);
    }
    if (response.ok) return { status: response.status, session: (await response.json()) as GuestSessionAnswer, message: '' };
    let message = `The server answered ${response.status} to the session request.`;
    try {
      const error = (await response.json()) as Partial<ApiError>;
      if (typeof error.message === 'string' && error.message.trim()) message = error.message;
    } catch {
      // Not JSON: keep the plain description.
    }
    return { status: response.status, session: null, message };
  }

  /** Renews `session` once its renewal is due, unless another session took its place meanwhile. */
  private scheduleRenewal(session: StoredSession): void {
    if (this.renewal !== null) clearTimeout(this.renewal);
    this.renewal = setTimeout(
      () => {
        this.renewal = null;
        const held = this.read() ?? this.session();
        if (held === null || held.token !== session.token) return;
        // Silently: a failure now is retried when the token is next needed.
        this.token(session.name).catch(() => undefined);
      },
      Math.max(0, renewAt(session) - Date.now()),
    );
  }

  private keep(session: StoredSession): void {
    this.session.set(session);
    this.scheduleRenewal(session);
    try {
      localStorage.setItem(this.storageKey, JSON.stringify(session));
    } catch {
      // Storage can be disabled (private mode, quotas): the session then lasts for this page only.
    }
  }

  /** The session kept in localStorage (perhaps renewed by another tab), or null. */
  private read(): StoredSession | null {
    try {
      const raw = localStorage.getItem(this.storageKey);
      const parsed = raw === null ? null : (JSON.parse(raw) as Partial<StoredSession>);
      const valid =
        typeof parsed?.token === 'string' &&
        typeof parsed.authorId === 'string' &&
        typeof parsed.name === 'string' &&
        typeof parsed.expiresAt === 'string' &&
        typeof parsed.receivedAt === 'number';
      return valid ? (parsed as StoredSession) : null;
    } catch {
      return null;
    }
  }
}

/** When a token is close enough to its expiry to renew it: with a quarter of its life, at most a minute, left. */
function renewAt(session: StoredSession): number {
  const expiresAt = Date.parse(session.expiresAt);
  return expiresAt - Math.min(RENEW_AHEAD_MS, (expiresAt - session.receivedAt) * RENEW_SHARE);
}

/** Whether a token is due for renewal (or past its expiry) before it is used; an unreadable time counts as due. */
function renewDue(session: StoredSession, now: number): boolean {
  return !(renewAt(session) > now);
}
