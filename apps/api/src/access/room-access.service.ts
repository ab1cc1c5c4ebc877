import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { isPrivateRoom } from '@herald/contracts';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { HttpError } from '../errors/http-error';
import { StoreUnavailableError } from '../errors/store-unavailable.error';
import { GuestSessions } from './guest-sessions.service';
import { Identity, allows, identityOf } from './identity';
import { InvalidTokenError, JwtVerifier } from './jwt-verifier';
import { ServiceCredentials } from './service-credentials';
import type { TicketStore } from '../hub/store/ticket-store';
import { STORES, type Stores } from '../hub/store/stores';
import { bearerToken, unauthorized } from './unauthorized';

const TICKET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** What a stream may do once it is let in. */
export interface StreamAccess {
  /** The verified name the stream counts under in presence, when a ticket or token names one. */
  name: string | null;
  /** With `name`: the author id of whom the ticket or token speaks for, so namesakes count as two people. */
  authorId?: string | null;
  /**
   * When the token the stream was let in with (directly or through its ticket) stops being accepted, in ms
   * since the epoch: the stream ends then, with an `expired` event. Null for a stream opened without one.
   */
  endsAt: number | null;
}

/**
 * Who may do what: with a JWT key configured, posting needs a Bearer token whose name is the author;
 * private rooms (`private-*` and PRIVATE_ROOMS) need a token whose `rooms` claim allows them, to post,
 * to read history and to subscribe (with a single-use ticket, as EventSource cannot send headers).
 * Every refusal is decided here, before a handler runs and before any stream starts.
 */
@Injectable()
export class RoomAccess {
  private readonly verifier: JwtVerifier | null;
  private readonly privateRooms: ReadonlySet<string>;
  private readonly services: ServiceCredentials;
  private readonly tickets: TicketStore;
  /** How long a ticket may wait to be used: long enough to open a stream, too short to leak usefully. */
  private readonly ticketTtlMs: number;
  /** A token is accepted until its exp plus this leeway (AUTH_JWT_CLOCK_TOLERANCE_S), and so are its streams. */
  private readonly leewayMs: number;
  private readonly rolesClaim: string;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(STORES) stores: Stores,
    private readonly guests: GuestSessions,
  ) {
    this.ticketTtlMs = config.streamTicketTtlMs;
    this.leewayMs = config.authJwtClockToleranceS * 1000;
    this.rolesClaim = config.authJwtRolesClaim;
    const key = config.authJwtSecret
      ? { secret: config.authJwtSecret }
      : config.authJwtPublicKey
        ? { publicKey: config.authJwtPublicKey }
        : config.authJwksUrl
          ? { jwksUrl: config.authJwksUrl }
          : null;
    this.verifier = key
      ? new JwtVerifier({
          ...key,
          audience: config.authJwtAudience || undefined,
          issuer: config.authJwtIssuer || undefined,
          clockToleranceSeconds: config.authJwtClockToleranceS,
          maxLifetimeSeconds: config.authJwtMaxLifetimeS,
        })
      : null;
    if (config.authJwtSecret && !config.authJwtAudience) {
      // A shared secret often signs tokens for several services: without an audience, any of them is accepted here.
      new Logger('RoomAccess').warn('AUTH_JWT_SECRET is set without AUTH_JWT_AUDIENCE: tokens minted for other services are accepted too');
    }
    this.privateRooms = new Set(config.privateRooms);
    this.services = new ServiceCredentials(config.apiKeys);
    this.tickets = stores.tickets;
  }

  isPrivate(room: string): boolean {
    return isPrivateRoom(room, this.privateRooms);
  }

  /**
   * Who is posting, checked before the body is even validated: with sign-in configured, or in a private
   * room, a token is required (401 without one or with a bad one, whatever the body). In the open chat, a
   * guest session's token when one is sent (401 for a bad or expired one), else null: a post under a name
   * nothing verifies.
   */
  async identifyPoster(authorization: string | undefined, room: string, apiKey?: string, action = 'post'): Promise<Identity | null> {
    if (apiKey !== undefined) {
      const service = this.service(apiKey);
      if (!allows(service, room)) throw new HttpError(HttpStatus.FORBIDDEN, `this API key may not post to the room "${room}"`);
      return service;
    }
    if (!this.verifier && !this.isPrivate(room)) return authorization === undefined ? null : this.guest(authorization, action);
    const identity = await this.require(authorization, action);
    this.requireRoom(identity, room);
    return identity;
  }

  /**
   * The author a post is stored under: the signed-in name or the guest session's (a body's `author`, when
   * given, must be it: 403 otherwise), or, in the open chat without a session, the body's `author`, which is
   * then required.
   */
  authorOf(identity: Identity | null, bodyAuthor: string | undefined): string {
    if (identity?.origin) return identity.name;
    if (identity) {
      if (bodyAuthor !== undefined && bodyAuthor !== identity.name) {
        const yours = identity.guest ? 'your session' : 'your signed-in name';
        const renew = identity.guest ? '; renew the session (POST /api/session) to change it' : '';
        throw new HttpError(HttpStatus.FORBIDDEN, `author must be ${yours} "${identity.name}" (from your token), or left out${renew}`);
      }
      return identity.name;
    }
    if (bodyAuthor === undefined) throw new HttpError(HttpStatus.BAD_REQUEST, 'author is required: your display name, 1 to 40 characters');
    return bodyAuthor;
  }

  /**
   * Who holds these credentials, whatever they are for (moderating): an API key, else a signed-in token. 401
   * without either, or for a bad one; guest sessions hold no roles, so they are not looked at.
   */
  async identify(authorization: string | undefined, apiKey: string | undefined, action: string): Promise<Identity> {
    return apiKey !== undefined ? this.service(apiKey) : this.require(authorization, action);
  }

  /**
   * Whoever acts with these credentials on their own messages (deleting one): an API key, a signed-in token, or
   * in the open chat a guest session. 401 without any, or for a bad one.
   */
  async identifyActor(authorization: string | undefined, apiKey: string | undefined, action: string): Promise<Identity> {
    if (apiKey !== undefined) return this.service(apiKey);
    return this.verifier ? this.require(authorization, action) : this.guest(authorization, action);
  }

  /** Who takes part in `room` as a poster would ({@link identifyPoster}), but never anonymously: 401 without credentials. */
  async identifyMember(authorization: string | undefined, apiKey: string | undefined, room: string, action: string): Promise<Identity> {
    return (await this.identifyPoster(authorization, room, apiKey, action)) ?? this.guest(authorization, action);
  }

  /** The backend holding `apiKey`: 401 for a key this server does not know. */
  private service(apiKey: string): Identity {
    const service = this.services.identify(apiKey);
    if (!service)
      throw new HttpError(HttpStatus.UNAUTHORIZED, 'the X-API-Key is not one this server knows', { 'WWW-Authenticate': 'ApiKey' });
    return service;
  }

  /** Checks a history read: private rooms only. */
  async authorizeRead(authorization: string | undefined, room: string): Promise<void> {
    if (!this.isPrivate(room)) return;
    this.requireRoom(await this.require(authorization, 'read this private room'), room);
  }

  /** Whether the room list may name `room` to this caller: public rooms to all, private ones to a token allowing them. */
  async maySee(authorization: string | undefined): Promise<(room: string) => boolean> {
    // A bad token, or none, lists public rooms only.
    const identity = authorization ? await this.require(authorization, 'list private rooms').catch(() => null) : null;
    return (room) => !this.isPrivate(room) || (identity !== null && allows(identity, room));
  }

  /** Lets a stream in: public rooms as they are, private ones with a ticket (or a Bearer token). */
  async authorizeStream(authorization: string | undefined, ticket: unknown, room: string): Promise<StreamAccess> {
    if (typeof ticket === 'string' && ticket !== '') {
      if (!TICKET_PATTERN.test(ticket)) throw unauthorized('the stream ticket is not valid');
      const grant = await this.available(() => this.tickets.take(ticket));
      if (!grant) throw unauthorized('the stream ticket is unknown, used already or expired; ask for a new one (POST /api/stream-tickets)');
      if (grant.room !== room) throw unauthorized(`the stream ticket is for the room "${grant.room}"`);
      return { name: grant.name, authorId: grant.authorId ?? null, endsAt: grant.endsAt ?? null };
    }
    if (!this.isPrivate(room)) return { name: null, endsAt: null };
    const identity = await this.require(authorization, 'subscribe to this private room (or use ?ticket=)');
    this.requireRoom(identity, room);
    return { name: identity.name, authorId: identity.authorId, endsAt: this.endOf(identity) };
  }

  /**
   * Who asks for a ticket of `room`: a signed-in token, or in the open chat a guest session, so its stream counts
   * as that person.
   */
  async ticketHolder(authorization: string | undefined, room: string): Promise<Identity> {
    const identity =
      this.verifier || this.isPrivate(room)
        ? await this.require(authorization, 'get a stream ticket')
        : await this.guest(authorization, 'get a stream ticket');
    this.requireRoom(identity, room);
    return identity;
  }

  /** A single-use ticket for one stream of `room`, valid for STREAM_TICKET_TTL_MS, for a {@link ticketHolder}. */
  async issueTicket(identity: Identity, room: string): Promise<{ ticket: string; expiresAt: string }> {
    const ticket = randomBytes(32).toString('base64url');
    const grant = { room, name: identity.name, authorId: identity.authorId, endsAt: this.endOf(identity) ?? undefined };
    await this.available(() => this.tickets.put(ticket, grant, this.ticketTtlMs));
    return { ticket, expiresAt: new Date(Date.now() + this.ticketTtlMs).toISOString() };
  }

  private async require(authorization: string | undefined, action: string): Promise<Identity> {
    if (!this.verifier) throw unauthorized(`this server has no sign-in configured, so it cannot let you ${action}`);
    const match = /^Bearer ([^\s]+)$/i.exec(authorization?.trim() ?? '');
    if (!match) throw unauthorized(`send "Authorization: Bearer <token>" to ${action}`);
    try {
      return identityOf(await this.verifier.verify(match[1]), this.rolesClaim);
    } catch (err) {
      if (err instanceof InvalidTokenError) throw unauthorized(`the token was refused: ${err.message}`, 'invalid_token');
      throw err;
    }
  }

  /** The guest session a Bearer header carries, the open chat's one kind of token: 401 without one, or for a bad one. */
  private async guest(authorization: string | undefined, action: string): Promise<Identity> {
    const token = bearerToken(authorization);
    if (token === null) throw unauthorized(`send "Authorization: Bearer <session token>" (from POST /api/session) to ${action}`);
    try {
      const { name, authorId, expiresAt } = await this.guests.verify(token);
      return { name, authorId, guest: true, rooms: new Set(), expiresAt };
    } catch (err) {
      if (err instanceof InvalidTokenError) throw unauthorized(`the session token was refused: ${err.message}`, 'invalid_token');
      throw err;
    }
  }

  /** When a stream let in by `identity` must end: when its token is no longer accepted. */
  private endOf(identity: Identity): number | null {
    return identity.expiresAt === undefined ? null : identity.expiresAt + this.leewayMs;
  }

  private requireRoom(identity: Identity, room: string): void {
    if (this.isPrivate(room) && !allows(identity, room)) {
      throw new HttpError(HttpStatus.FORBIDDEN, `your token does not allow the private room "${room}"`);
    }
  }

  private async available<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (err) {
      throw new StoreUnavailableError(5, err);
    }
  }
}
