import { RunningServer, startServer } from '@herald/testing';
import { KeyObject, generateKeyPairSync, sign } from 'node:crypto';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { call } from './support/http';
import { TEST_SECRET, inSeconds } from './support/tokens';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An identity provider's signing key: its private half signs, its public half goes into the JWKS. */
function signingKey(kid: string) {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    jwk: { ...(publicKey.export({ format: 'jwk' }) as object), kid, alg: 'RS256', use: 'sig' },
    token(claims: Record<string, unknown>): string {
      const body = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64(claims)}`;
      return `${body}.${sign('sha256', Buffer.from(body), privateKey as KeyObject).toString('base64url')}`;
    },
  };
}

describe('sign-in with the identity provider keys of a JWKS URL (AUTH_JWKS_URL)', () => {
  let provider: Server;
  let server: RunningServer;
  let published: object[] = [];
  const first = signingKey('key-1');
  const second = signingKey('key-2');

  const post = (bearer: string) =>
    call(`${server.url}/api/messages`, {
      method: 'POST',
      body: JSON.stringify({ text: 'hello' }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    });
  const claims = () => ({ sub: 'u-ada', name: 'Ada', aud: 'herald', iat: inSeconds(0), exp: inSeconds(300) });

  beforeAll(async () => {
    provider = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: published }));
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    published = [first.jwk];
    const { port } = provider.address() as AddressInfo;
    server = await startServer({ AUTH_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`, AUTH_JWT_AUDIENCE: 'herald' });
  });
  afterAll(async () => {
    await server?.stop();
    await new Promise((resolve) => provider.close(resolve));
  });

  it('follows a key rotation without a restart: the new key is picked by its kid, the withdrawn one is refused', async () => {
    expect((await post(first.token(claims()))).status).toBe(202);
    expect((await post(second.token(claims()))).status).toBe(401);

    published = [second.jwk];
    // A kid seen for the first time makes Herald read the JWKS again, at most once every 5 s.
    let accepted = 0;
    for (let i = 0; i < 40 && accepted !== 202; i++) {
      accepted = (await post(second.token(claims()))).status;
      if (accepted !== 202) await new Promise((r) => setTimeout(r, 250));
    }
    expect(accepted).toBe(202);
    const withdrawn = await post(first.token(claims()));
    expect(withdrawn.status).toBe(401);
    expect(withdrawn.body.message).toContain('not among the identity provider');
  }, 20_000);

  it('warns at start-up when a shared secret is used without an audience', async () => {
    const shared = await startServer({ AUTH_JWT_SECRET: TEST_SECRET });
    try {
      expect(shared.output()).toContain('AUTH_JWT_SECRET is set without AUTH_JWT_AUDIENCE');
    } finally {
      await shared.stop();
    }
  });
});
