import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { InvalidTokenError, JwtVerifier } from './jwt-verifier';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function hs256(payload: object, secret = 's3cret-s3cret-s3cret-s3cret-s3cret', header: object = { alg: 'HS256', typ: 'JWT' }): string {
  const body = `${b64(header)}.${b64(payload)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

const now = () => Math.floor(Date.now() / 1000);
const limits = { clockToleranceSeconds: 5, maxLifetimeSeconds: 3600 };

async function refusal(verifier: JwtVerifier, token: string): Promise<string> {
  try {
    await verifier.verify(token);
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidTokenError);
    return (err as Error).message;
  }
  throw new Error('the token was accepted');
}

describe('JwtVerifier', () => {
  const verifier = new JwtVerifier({
    secret: 's3cret-s3cret-s3cret-s3cret-s3cret',
    audience: 'herald',
    issuer: 'https://id.example',
    ...limits,
  });
  const valid = () => ({ sub: 'u1', name: 'Ada', aud: 'herald', iss: 'https://id.example', iat: now(), exp: now() + 60 });

  it('accepts a token signed with the secret and returns its claims', async () => {
    expect(await verifier.verify(hs256(valid()))).toMatchObject({ sub: 'u1', name: 'Ada' });
  });

  it('accepts an audience list that contains the configured audience, and a clock a little ahead', async () => {
    expect(await verifier.verify(hs256({ ...valid(), aud: ['other', 'herald'] }))).toMatchObject({ name: 'Ada' });
    expect(await verifier.verify(hs256({ ...valid(), nbf: now() + 3 }))).toMatchObject({ name: 'Ada' });
  });

  it.each([
    ['a forged signature', () => hs256(valid(), 'guessed-guessed-guessed-guessed!!'), 'signature does not match'],
    ['an expired token', () => hs256({ ...valid(), exp: now() - 60 }), 'expired'],
    ['a token without exp', () => hs256({ ...valid(), exp: undefined }), 'no expiry'],
    ['a token living longer than the maximum', () => hs256({ ...valid(), exp: now() + 7200 }), 'lives longer than this server allows'],
    ['a token not valid yet', () => hs256({ ...valid(), nbf: now() + 60 }), 'not valid yet'],
    ['another audience', () => hs256({ ...valid(), aud: 'someone-else' }), 'audience'],
    ['no audience', () => hs256({ ...valid(), aud: undefined }), 'audience'],
    ['another issuer', () => hs256({ ...valid(), iss: 'https://evil.example' }), 'issuer'],
    ['alg none', () => `${b64({ alg: 'none' })}.${b64(valid())}.`, 'algorithm this server does not accept'],
    ['another algorithm', () => hs256(valid(), undefined, { alg: 'HS512' }), 'algorithm this server does not accept'],
    ['an unknown critical header', () => hs256(valid(), undefined, { alg: 'HS256', crit: ['x-must-know'], 'x-must-know': 1 }), 'support'],
    ['garbage', () => 'not-a-token', 'not a valid JWT'],
  ])('refuses %s', async (_case, token, reason) => {
    expect(await refusal(verifier, token())).toContain(reason);
  });

  it('verifies RS256 and PS256 with an RSA public key, and refuses HS256 tokens made with that public key as secret', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const rsa = new JwtVerifier({ publicKey: pem, ...limits });
    const body = `${b64({ alg: 'RS256' })}.${b64({ name: 'Ada', exp: now() + 60 })}`;
    expect(await rsa.verify(`${body}.${sign('sha256', Buffer.from(body), privateKey).toString('base64url')}`)).toMatchObject({
      name: 'Ada',
    });
    const pss = `${b64({ alg: 'PS256' })}.${b64({ name: 'Ada', exp: now() + 60 })}`;
    const pssSignature = sign('sha256', Buffer.from(pss), { key: privateKey, padding: 6, saltLength: 32 });
    expect(await rsa.verify(`${pss}.${pssSignature.toString('base64url')}`)).toMatchObject({ name: 'Ada' });
    // The classic confusion attack: HMAC keyed with the public key text.
    expect(await refusal(rsa, hs256({ name: 'Mallory', exp: now() + 60 }, pem))).toContain('algorithm this server does not accept');
  });

  it('refuses tokens of an RSA key shorter than 2048 bits', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const rsa = new JwtVerifier({ publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(), ...limits });
    const body = `${b64({ alg: 'RS256' })}.${b64({ name: 'Ada', exp: now() + 60 })}`;
    const token = `${body}.${sign('sha256', Buffer.from(body), privateKey).toString('base64url')}`;
    expect(await refusal(rsa, token)).toContain('shorter than 2048 bits');
  });

  it('verifies ES256 with a P-256 public key', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const es = new JwtVerifier({ publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(), ...limits });
    const body = `${b64({ alg: 'ES256' })}.${b64({ sub: 'u2', exp: now() + 60 })}`;
    const signature = sign('sha256', Buffer.from(body), { key: privateKey, dsaEncoding: 'ieee-p1363' });
    expect(await es.verify(`${body}.${signature.toString('base64url')}`)).toMatchObject({ sub: 'u2' });
    expect(await refusal(es, `${body}.${Buffer.alloc(64).toString('base64url')}`)).toContain('signature does not match');
  });
});
