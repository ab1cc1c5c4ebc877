import { createHash } from 'node:crypto';

/**
 * The stable, non-secret id a verified author's messages carry: 22 characters (132 bits) of the SHA-256 of
 * what identifies them, base64url. The hash shows nothing of a session's subject, which works as a secret:
 * only a token signed for it speaks for it.
 */
function authorIdOf(subject: string): string {
  return createHash('sha256').update(subject).digest('base64url').slice(0, 22);
}

/** A guest session's id, from the random subject of its token. */
export function guestAuthorId(sub: string): string {
  return authorIdOf(`guest:${sub}`);
}

/** A signed-in person's id, from their identity provider (`iss`) and their subject there. */
export function tokenAuthorId(issuer: string, subject: string): string {
  return authorIdOf(`token:${issuer}\n${subject}`);
}

/** A backend's id, from the name of its API key. */
export function keyAuthorId(keyName: string): string {
  return authorIdOf(`key:${keyName}`);
}
