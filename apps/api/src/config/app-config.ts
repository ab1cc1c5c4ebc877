/** The validated configuration the whole server reads; built once at start-up by `loadConfig()`. */
export interface AppConfig {
  /** TCP port to listen on; 0 picks a free one. */
  port: number;
  /** Interface to listen on. */
  host: string;
  /** Interval between heartbeat comments on every open stream. */
  heartbeatIntervalMs: number;
  /** Reconnection delay suggested to EventSource clients (`retry:`). */
  sseRetryMs: number;
  /** Messages kept per room for history and replay. */
  historyLimit: number;
  /** Messages older than this are dropped from a room's history (0: kept until historyLimit pushes them out). */
  historyMaxAgeMs: number;
  /** Where rooms, history, presence and stream tickets live (HERALD_STORE, or REDIS_URL). */
  store: StoreLocation;
  /** With SQLite: `full` (a 202 survives a power loss) or `normal` (it survives a crash of the process). */
  storeSync: StoreSync;
  /** Prefix of every Redis key, so several deployments can share one Redis. */
  redisPrefix: string;
  /** How long an instance's presence lives in Redis unless refreshed (a crashed instance's streams vanish after it). */
  presenceTtlMs: number;
  /**
   * Longest wait for a Redis command's answer: past it the request answers 503 and readiness reports the
   * store down, so a stalled Redis (connected, but not answering) fails fast instead of hanging requests.
   */
  redisCommandTimeoutMs: number;
  /** Rooms holding messages at once; a post (or a stream) that would open one more is refused, except in an always-open room. */
  maxRooms: number;
  /** Public rooms that always exist: listed even when empty, never dropped, open beyond MAX_ROOMS. */
  rooms: string[];
  /** The lobby, ROOMS and PRIVATE_ROOMS: the rooms no one can crowd out. */
  alwaysOpenRooms: string[];
  /** How often rooms with no messages left and no open streams are dropped, giving their slot back. */
  roomSweepIntervalMs: number;
  /** New rooms a client IP may open in each window (a small allowance of its own); 0 turns the limit off. */
  rateLimitNewRooms: number;
  rateLimitNewRoomsWindowMs: number;
  /** Bytes of output that may wait for one stream client before it is disconnected. */
  maxPendingBytes: number;
  /** HS256 secret that signs the tokens of posting users; empty (with no public key) leaves posting open. */
  authJwtSecret: string;
  /** RS256 or ES256 public key (PEM) that verifies tokens, instead of a secret. */
  authJwtPublicKey: string;
  /** JWKS URL of the identity provider, instead of a secret or a key: keys picked by `kid`, rotation followed. */
  authJwksUrl: string;
  /** Leeway for a token's exp, nbf and iat, for clocks that drift. */
  authJwtClockToleranceS: number;
  /** Longest lifetime a token may have (exp − iat); longer ones are refused. */
  authJwtMaxLifetimeS: number;
  /** Backends that post with `X-API-Key`. */
  apiKeys: ServiceKey[];
  /** The claim whose string or strings are a token's roles ("moderator" moderates). */
  authJwtRolesClaim: string;
  /** Required `aud` of tokens, when set. */
  authJwtAudience: string;
  /** Required `iss` of tokens, when set. */
  authJwtIssuer: string;
  /** How long a stream ticket stays usable. */
  streamTicketTtlMs: number;
  /** Key that signs guest sessions (32+ bytes); empty: the store keeps one, shared by the instances on it. */
  guestSessionSecret: string;
  /** How long a guest session's token is valid before it must be renewed. */
  guestSessionTtlS: number;
  /** How long after a guest session began it may still be renewed (after that, a new session is a new identity). */
  guestSessionMaxAgeS: number;
  /** Rooms that need a token allowing them, beyond every room named `private-*`. */
  privateRooms: string[];
  /** Posts allowed per client IP and per author in each rate-limit window; 0 turns the limit off. */
  rateLimitPosts: number;
  rateLimitWindowMs: number;
  /** Open streams allowed in total and per client IP; 0 turns a cap off. */
  maxConnections: number;
  maxConnectionsPerIp: number;
  /** Origins allowed to call the API from other sites (CORS); empty: same origin only. */
  corsOrigins: string[];
  /** Express `trust proxy`: which proxies' X-Forwarded-For to believe for the client IP; empty: none. */
  trustProxy: string;
  /** On SIGTERM/SIGINT: the longest the server takes to drain (finish posts, close streams) before it exits anyway. */
  shutdownTimeoutMs: number;
  /** How long a post's Idempotency-Key keeps answering a retry with the first post's id. */
  idempotencyWindowMs: number;
  /** For how long after posting an author may delete their own message, in seconds; 0: only moderators delete. */
  messageDeleteWindowS: number;
  /** For how long after posting an author may edit their own message, in seconds; 0: no edits. */
  messageEditWindowS: number;
  /** Bearer token a scraper shows to read `/metrics`; empty: no `/metrics`. */
  metricsToken: string;
  /** Longest a client may take to send a request's headers and body (slow senders are answered 408). */
  requestTimeoutMs: number;
  /** Requests other than streams one client IP may have in flight at once; 0 turns the cap off. */
  maxRequestsPerIp: number;
  /** Nest logger levels from this one up. */
  logLevel: LogLevel;
  /** JSON lines for log collectors, or one readable line per record for a person at a terminal. */
  logFormat: LogFormat;
  /** Folder of the built web app served at `/`; empty serves the API only. */
  webRoot: string;
}

/** A backend's credential (API_KEYS): the SHA-256 of its key, the rooms it may post to, and whom it posts as. */
export interface ServiceKey {
  /** The name its posts carry (as a bot); `system` posts carry the name "system". */
  name: string;
  /** Hex SHA-256 of the key: the key itself is never configured. */
  sha256: string;
  rooms: '*' | string[];
  as: 'bot' | 'system';
  /** Roles the key holds, e.g. "moderator". */
  roles: string[];
}

/** An SQLite file on this machine (the embedded default), this process's memory alone, or a Redis shared by instances. */
export type StoreLocation = { kind: 'sqlite'; file: string } | { kind: 'memory' } | { kind: 'redis'; url: string };

/** How hard SQLite syncs each commit: `full` survives a power loss; `normal` a crash of the process. */
export type StoreSync = 'full' | 'normal';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Injection token of the {@link AppConfig}. */
export const APP_CONFIG = Symbol('APP_CONFIG');
