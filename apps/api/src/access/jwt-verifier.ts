import { createPublicKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

/** Claims Herald reads from a token. */
export interface JwtClaims extends JWTPayload {
  name?: string;
  /** Rooms the token may use beyond the public ones: names, or '*' for all. */
  rooms?: unknown;
}

/** Why a token was refused; the message is safe to show to its holder. */
export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
}

export interface JwtVerifierOptions {
  /** HS256 shared secret. */
  secret?: string;
  /** RS256/PS256 (RSA) or ES256 (P-256) public key, PEM. */
  publicKey?: string;
  /** A JWKS document of the identity provider: keys picked by `kid`, refetched when an unknown one appears. */
  jwksUrl?: string;
  audience?: string;
  issuer?: string;
  /** Leeway for exp, nbf and iat, for clocks that drift a little. */
  clockToleranceSeconds: number;
  /** Longest a token may live (exp − iat, or exp − now without iat): a leaked long-lived token is refused. */
  maxLifetimeSeconds: number;
}

/** A new key in the JWKS is fetched at most this often, so unknown `kid`s cannot make Herald hammer the provider. */
const JWKS_COOLDOWN_MS = 5_000;
/** The JWKS is fetched again after this long even when every `kid` is known, so a revoked key goes away. */
const JWKS_MAX_AGE_MS = 10 * 60_000;

/**
 * Verifies JWTs with jose: the algorithms allowed are pinned to the kind of key (HS256 for a secret; RS256
 * and PS256 for RSA, at least 2048 bits; ES256 for P-256; never "none"), `exp` is required and bounded by
 * the maximum lifetime, `nbf` and `iat` are checked with the clock tolerance, unknown `crit` headers are
 * refused, then the audience and issuer when configured.
 */
export class JwtVerifier {
  private readonly key: Uint8Array | KeyObject | JWTVerifyGetKey;
  private readonly algorithms: string[];

  constructor(private readonly options: JwtVerifierOptions) {
    if (options.secret) {
      this.key = new TextEncoder().encode(options.secret);
      this.algorithms = ['HS256'];
    } else if (options.publicKey) {
      const key = createPublicKey(options.publicKey);
      this.key = key;
      this.algorithms = algorithmsFor(key);
    } else if (options.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(options.jwksUrl), { cooldownDuration: JWKS_COOLDOWN_MS, cacheMaxAge: JWKS_MAX_AGE_MS });
      this.algorithms = ['RS256', 'PS256', 'ES256'];
    } else {
      throw new Error('JwtVerifier needs a secret, a public key or a JWKS URL');
    }
  }

  /** The token's claims, or an {@link InvalidTokenError} saying why it is refused. */
  async verify(token: string): Promise<JwtClaims> {
    const { audience, issuer, clockToleranceSeconds, maxLifetimeSeconds } = this.options;
    let claims: JwtClaims;
    try {
      const verified = await jwtVerify<JwtClaims>(token, this.key as Uint8Array, {
        algorithms: this.algorithms,
        audience,
        issuer,
        clockTolerance: clockToleranceSeconds,
        requiredClaims: ['exp'],
      });
      claims = verified.payload;
    } catch (err) {
      throw new InvalidTokenError(reasonOf(err), { cause: err });
    }
    const exp = claims.exp ?? 0;
    const start = typeof claims.iat === 'number' ? claims.iat : Date.now() / 1000;
    if (exp - start > maxLifetimeSeconds + clockToleranceSeconds) {
      throw new InvalidTokenError(`the token lives longer than this server allows (${maxLifetimeSeconds} s): ask for a shorter-lived one`);
    }
    return claims;
  }
}

/** The algorithms a public key may verify: its own kind only, so an RSA key can never check an HMAC. */
function algorithmsFor(key: KeyObject): string[] {
  if (key.asymmetricKeyType === 'rsa') return ['RS256', 'PS256'];
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return ['ES256'];
  throw new Error('AUTH_JWT_PUBLIC_KEY must be an RSA key (RS256, PS256) or a P-256 EC key (ES256)');
}

/** A sentence for the token's holder from jose's error. */
function reasonOf(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'the token has expired';
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'nbf') return 'the token is not valid yet';
    if (err.claim === 'aud') return 'the token is not meant for this audience';
    if (err.claim === 'iss') return 'the token comes from another issuer';
    if (err.claim === 'exp') return 'the token has no expiry (exp): this server accepts only tokens that expire';
    if (err.claim === 'iat') return 'the token was issued in the future (iat)';
    return `the token's "${err.claim}" claim is not valid`;
  }
  if (err instanceof errors.JOSEAlgNotAllowed) return 'the token is signed with an algorithm this server does not accept';
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'the token signature does not match';
  if (err instanceof errors.JWKSNoMatchingKey) return "the token's key (kid) is not among the identity provider's keys";
  if (err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid) return "the identity provider's keys could not be read";
  if (err instanceof errors.JOSENotSupported) return `the token uses something this server does not support: ${err.message}`;
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid) return 'the token is not a valid JWT';
  if (err instanceof TypeError && /modulusLength/.test(err.message)) return 'the token is signed with an RSA key shorter than 2048 bits';
  return 'the token could not be verified';
}
