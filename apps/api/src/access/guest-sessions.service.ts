import { Inject, Injectable } from '@nestjs/common';
import { displayNameProblem, normalizeName, type GuestSession } from '@herald/contracts';
import { randomBytes } from 'node:crypto';
import { SignJWT, errors, jwtVerify, type JWTPayload } from 'jose';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { STORES, type Stores } from '../hub/store/stores';
import { guestAuthorId } from './author-id';
import { InvalidTokenError } from './jwt-verifier';

/** The `iss` of guest tokens: no identity provider's token can pass for one, nor one for theirs. */
const GUEST_ISSUER = 'herald:guest';
/** A session's subject: 128 random bits, base64url. */
const SUBJECT_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** Who a guest token speaks for. */
export interface GuestClaims {
  /** The random subject: the session itself. */
  sub: string;
  name: string;
  /** When the session began (seconds since the epoch); renewals keep it. */
  authTime: number;
  authorId: string;
  /** When the token expires, in milliseconds since the epoch. */
  expiresAt: number;
}

/**
 * Guest sessions of the open chat: signed HS256 tokens with a random subject, a display name and the time
 * the session began. A renewal keeps the subject (and so the author id) under the name asked for, also for
 * an expired token, until GUEST_SESSION_MAX_AGE_S after the session began. Off when sign-in is configured:
 * there every bearer token is the identity provider's.
 */
@Injectable()
export class GuestSessions {
  /** False when sign-in is configured. */
  readonly enabled: boolean;
  private signingKey: Promise<Uint8Array> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(STORES) private readonly stores: Stores,
  ) {
    this.enabled = !(config.authJwtSecret || config.authJwtPublicKey || config.authJwksUrl);
  }

  /** A new session under `name`, or, with `renewing`, the same session under `name` with a fresh token. */
  async issue(name: string, renewing: GuestClaims | null): Promise<GuestSession> {
    const now = Math.floor(Date.now() / 1000);
    const sub = renewing?.sub ?? randomBytes(16).toString('base64url');
    const exp = now + this.config.guestSessionTtlS;
    const token = await new SignJWT({ name, auth_time: renewing?.authTime ?? now })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(GUEST_ISSUER)
      .setSubject(sub)
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .sign(await this.key());
    return { token, authorId: guestAuthorId(sub), name, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** The claims of a guest token that is valid now; an {@link InvalidTokenError} saying why not otherwise. */
  async verify(token: string): Promise<GuestClaims> {
    return claimsOf(await this.verified(token, false));
  }

  /**
   * The claims of a guest token that may be renewed: its signature is good, and its session began less than
   * GUEST_SESSION_MAX_AGE_S ago, even if the token itself expired.
   */
  async verifyForRenewal(token: string): Promise<GuestClaims> {
    const claims = claimsOf(await this.verified(token, true));
    const age = Date.now() / 1000 - claims.authTime;
    if (age > this.config.guestSessionMaxAgeS) {
      throw new InvalidTokenError(
        `the session began more than ${this.config.guestSessionMaxAgeS} s ago and can no longer be renewed: start a new one`,
      );
    }
    return claims;
  }

  private async verified(token: string, evenExpired: boolean): Promise<JWTPayload> {
    const key = await this.key();
    try {
      const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], issuer: GUEST_ISSUER, requiredClaims: ['exp', 'sub'] });
      return payload;
    } catch (err) {
      // jose checks the signature and the issuer before the expiry, so an expired token's claims can be trusted.
      if (evenExpired && err instanceof errors.JWTExpired) return err.payload;
      if (err instanceof errors.JWTExpired) throw new InvalidTokenError('the session token has expired: renew it (POST /api/session)');
      if (err instanceof errors.JWSSignatureVerificationFailed) throw new InvalidTokenError('the session token signature does not match');
      if (err instanceof errors.JWTClaimValidationFailed) throw new InvalidTokenError('the token is not a guest session of this server');
      throw new InvalidTokenError('the session token is not a valid JWT', { cause: err });
    }
  }

  /** GUEST_SESSION_SECRET, or the store's key, fetched once (again after a failure, such as Redis being away). */
  private key(): Promise<Uint8Array> {
    if (this.config.guestSessionSecret) return Promise.resolve(new TextEncoder().encode(this.config.guestSessionSecret));
    this.signingKey ??= this.stores.guestKey.key().then(
      (key) => new TextEncoder().encode(key),
      (err: unknown) => {
        this.signingKey = null;
        throw err;
      },
    );
    return this.signingKey;
  }
}

/** The claims Herald wrote, checked again: a good signature on odd claims is still no session. */
function claimsOf(payload: JWTPayload): GuestClaims {
  const { sub, name, exp, auth_time: authTime } = payload as JWTPayload & { name?: unknown; auth_time?: unknown };
  const wellFormed = typeof sub === 'string' && SUBJECT_PATTERN.test(sub) && typeof exp === 'number';
  if (!wellFormed || typeof authTime !== 'number' || typeof name !== 'string') {
    throw new InvalidTokenError('the token is not a guest session of this server');
  }
  const normalized = normalizeName(name);
  if (displayNameProblem(normalized) !== null) throw new InvalidTokenError('the session token carries a name this server refuses');
  return { sub, name: normalized, authTime, authorId: guestAuthorId(sub), expiresAt: exp * 1000 };
}
