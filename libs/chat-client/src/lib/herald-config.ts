import { type EnvironmentProviders, InjectionToken, makeEnvironmentProviders } from '@angular/core';
import { CHAT_API_BASE_URL } from './chat-api-base-url.token';
import { CHAT_MAX_MESSAGES } from './chat-max-messages.token';
import { checkMaxMessages } from './chat-state';
import { TAB_LOCKS } from './tabs/tab-coordination';

/** Resolves the access token to send with API requests, or null to send none. */
export type TokenProvider = () => Promise<string | null>;

/** Settings of {@link provideHerald}. */
export interface HeraldConfig {
  /** Where the Herald API lives, e.g. `https://chat.example.com/api`; defaults to `/api` on the same origin. */
  baseUrl?: string;
  /** Called before each HTTP request; a token it returns is sent as `Authorization: Bearer <token>`. */
  tokenProvider?: TokenProvider;
  /**
   * Without a token provider: start a guest session for the reader's display name on the server and sign posts
   * and stream tickets with it (default true), so their messages are known as theirs; see `GuestSession`.
   */
  guestSessions?: boolean;
  /**
   * Share one event stream per room among the tabs of this origin (default true). Needs the Web Locks and
   * BroadcastChannel APIs; without them each tab opens its own stream.
   */
  shareAcrossTabs?: boolean;
  /**
   * Messages each `ChatStream` holds as it streams (default 1000): beyond them the oldest go, and the reader
   * can page them in again. A positive integer.
   */
  maxMessages?: number;
}

/** The token provider of {@link HeraldConfig}; null when the app has none. */
export const HERALD_TOKEN_PROVIDER = new InjectionToken<TokenProvider | null>('HERALD_TOKEN_PROVIDER', {
  providedIn: 'root',
  factory: () => null,
});

/** Whether the client uses guest sessions where the app has no token provider; see {@link HeraldConfig.guestSessions}. */
export const HERALD_GUEST_SESSIONS = new InjectionToken<boolean>('HERALD_GUEST_SESSIONS', { providedIn: 'root', factory: () => true });

/** Configures the Herald client for an application: `providers: [provideHerald({ baseUrl: '/api' })]`. */
export function provideHerald(config: HeraldConfig = {}): EnvironmentProviders {
  // Checked here, so a bad setting fails at start-up rather than when the first room opens.
  if (config.maxMessages !== undefined) checkMaxMessages(config.maxMessages);
  return makeEnvironmentProviders([
    { provide: CHAT_API_BASE_URL, useValue: (config.baseUrl ?? '/api').replace(/\/+$/, '') },
    { provide: HERALD_TOKEN_PROVIDER, useValue: config.tokenProvider ?? null },
    ...(config.guestSessions === false ? [{ provide: HERALD_GUEST_SESSIONS, useValue: false }] : []),
    ...(config.shareAcrossTabs === false ? [{ provide: TAB_LOCKS, useValue: null }] : []),
    ...(config.maxMessages !== undefined ? [{ provide: CHAT_MAX_MESSAGES, useValue: config.maxMessages }] : []),
  ]);
}
