import { KeyObject, createHmac, createPublicKey, timingSafeEqual, verify } from 'node:crypto';

/** Claims Herald reads from a token. */
export interface JwtClaims {
  sub?: string;
  name?: string;
  /** Rooms the token may use beyond the public ones: names, or '*' for all. */
  rooms?: unknown;
  exp?: number;
  nbf?: number;
  iat?: number;
  aud?: string | string[];
  iss?: string;
  [claim: string]: unknown;
}

/** Why a token was refused; the message is safe to show to its holder. */
export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
}

export interface JwtVerifierOptions {
  /** HS256 shared secret. */
  secret?: string;
  /** RS256 or ES256 (P-256) public key, PEM. */
  publicKey?: string;
  audience?: string;
  issuer?: string;
  /** Leeway for exp and nbf, in seconds, for clocks that drift a little. */
  clockToleranceSeconds?: number;
}

/**
 * Verifies compact JWS tokens with the one algorithm the configured key allows (HS256 for a secret,
 * RS256 or ES256 for a public key, never "none"), then the time, audience and issuer claims.
 */
export class JwtVerifier {
  private readonly algorithm: 'HS256' | 'RS256' | 'ES256';
  private readonly key: Buffer | KeyObject;

  constructor(private readonly options: JwtVerifierOptions) {
    if (options.secret) {
      this.algorithm = 'HS256';
      this.key = Buffer.from(options.secret);
    } else if (options.publicKey) {
      const key = createPublicKey(options.publicKey);
      if (key.asymmetricKeyType === 'rsa') this.algorithm = 'RS256';
      else if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') this.algorithm = 'ES256';
      else throw new Error('AUTH_JWT_PUBLIC_KEY must be an RSA key (RS256) or a P-256 EC key (ES256)');
      this.key = key;
    } else {
      throw new Error('JwtVerifier needs a secret or a public key');
    }
  }

  /** The token's claims, or an {@link InvalidTokenError} saying why it is refused. */
  verify(token: string, nowSeconds = Date.now() / 1000): JwtClaims {
    const parts = token.split('.');
    if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]*$/.test(part))) {
      throw new InvalidTokenError('the token is not a JWT (three base64url parts)');
    }
    const [encodedHeader, encodedPayload, encodedSignature] = parts;
    const header = decodeJson(encodedHeader, 'header');
    if (header['alg'] !== this.algorithm) {
      throw new InvalidTokenError(`the token must be signed with ${this.algorithm}`);
    }
    const signed = Buffer.from(`${encodedHeader}.${encodedPayload}`);
    if (!this.signatureMatches(signed, Buffer.from(encodedSignature, 'base64url'))) {
      throw new InvalidTokenError('the token signature does not match');
    }
    const claims = decodeJson(encodedPayload, 'payload') as JwtClaims;
    const tolerance = this.options.clockToleranceSeconds ?? 5;
    if (claims.exp !== undefined && (typeof claims.exp !== 'number' || nowSeconds > claims.exp + tolerance)) {
      throw new InvalidTokenError('the token has expired');
    }
    if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || nowSeconds < claims.nbf - tolerance)) {
      throw new InvalidTokenError('the token is not valid yet');
    }
    if (this.options.audience !== undefined) {
      const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
      if (!audiences.includes(this.options.audience)) throw new InvalidTokenError(`the token is not meant for this audience`);
    }
    if (this.options.issuer !== undefined && claims.iss !== this.options.issuer) {
      throw new InvalidTokenError('the token comes from another issuer');
    }
    return claims;
  }

  private signatureMatches(signed: Buffer, signature: Buffer): boolean {
    if (this.algorithm === 'HS256') {
      const expected = createHmac('sha256', this.key as Buffer)
        .update(signed)
        .digest();
      return expected.length === signature.length && timingSafeEqual(expected, signature);
    }
    const key = this.algorithm === 'ES256' ? { key: this.key as KeyObject, dsaEncoding: 'ieee-p1363' as const } : (this.key as KeyObject);
    try {
      return verify('sha256', signed, key, signature);
    } catch {
      return false;
    }
  }
}

function decodeJson(part: string, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new InvalidTokenError(`the token ${what} is not a JSON object`);
}
