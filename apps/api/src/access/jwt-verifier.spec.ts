import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { InvalidTokenError, JwtVerifier } from './jwt-verifier';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function hs256(payload: object, secret = 's3cret', header: object = { alg: 'HS256', typ: 'JWT' }): string {
  const body = `${b64(header)}.${b64(payload)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

const now = 1_800_000_000;

function refusal(verifier: JwtVerifier, token: string): string {
  try {
    verifier.verify(token, now);
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidTokenError);
    return (err as Error).message;
  }
  throw new Error('the token was accepted');
}

describe('JwtVerifier', () => {
  const verifier = new JwtVerifier({ secret: 's3cret', audience: 'herald', issuer: 'https://id.example' });
  const valid = { sub: 'u1', name: 'Ada', aud: 'herald', iss: 'https://id.example', exp: now + 60 };

  it('accepts a token signed with the secret and returns its claims', () => {
    expect(verifier.verify(hs256(valid), now)).toMatchObject({ sub: 'u1', name: 'Ada' });
  });

  it('accepts an audience list that contains the configured audience', () => {
    expect(verifier.verify(hs256({ ...valid, aud: ['other', 'herald'] }), now)).toMatchObject({ name: 'Ada' });
  });

  it.each([
    ['a forged signature', hs256(valid, 'guessed'), 'signature does not match'],
    ['an expired token', hs256({ ...valid, exp: now - 60 }), 'expired'],
    ['a token not valid yet', hs256({ ...valid, nbf: now + 60 }), 'not valid yet'],
    ['another audience', hs256({ ...valid, aud: 'someone-else' }), 'audience'],
    ['no audience', hs256({ ...valid, aud: undefined }), 'audience'],
    ['another issuer', hs256({ ...valid, iss: 'https://evil.example' }), 'issuer'],
    ['alg none', `${b64({ alg: 'none' })}.${b64(valid)}.`, 'must be signed with HS256'],
    ['another algorithm', hs256(valid, 's3cret', { alg: 'HS512' }), 'must be signed with HS256'],
    ['garbage', 'not-a-token', 'not a JWT'],
    ['a payload that is not JSON', `${b64({ alg: 'HS256' })}.bm90IGpzb24.sig`, 'signature does not match'],
  ])('refuses %s', (_case, token, reason) => {
    expect(refusal(verifier, token)).toContain(reason);
  });

  it('verifies RS256 with an RSA public key and refuses HS256 tokens made with that public key as secret', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const rsa = new JwtVerifier({ publicKey: pem });
    const body = `${b64({ alg: 'RS256' })}.${b64({ name: 'Ada', exp: now + 60 })}`;
    const token = `${body}.${sign('sha256', Buffer.from(body), privateKey).toString('base64url')}`;
    expect(rsa.verify(token, now)).toMatchObject({ name: 'Ada' });
    // The classic confusion attack: HMAC keyed with the public key text.
    expect(refusal(rsa, hs256({ name: 'Mallory', exp: now + 60 }, pem))).toContain('must be signed with RS256');
  });

  it('verifies ES256 with a P-256 public key', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const es = new JwtVerifier({ publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() });
    const body = `${b64({ alg: 'ES256' })}.${b64({ sub: 'u2' })}`;
    const signature = sign('sha256', Buffer.from(body), { key: privateKey, dsaEncoding: 'ieee-p1363' });
    expect(es.verify(`${body}.${signature.toString('base64url')}`, now)).toMatchObject({ sub: 'u2' });
    expect(refusal(es, `${body}.${Buffer.alloc(64).toString('base64url')}`)).toContain('signature does not match');
  });
});
