import { createHmac } from 'node:crypto';

export const TEST_SECRET = 'test-secret-that-is-long-enough-for-hs256';

/** An HS256 JWT with `claims`, signed with `secret`. */
export function token(claims: Record<string, unknown>, secret = TEST_SECRET): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

/** Seconds since the epoch, `offset` seconds from now. */
export const inSeconds = (offset: number) => Math.floor(Date.now() / 1000) + offset;
