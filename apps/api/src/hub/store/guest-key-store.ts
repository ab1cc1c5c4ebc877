import { randomBytes } from 'node:crypto';

/**
 * The key that signs guest sessions when GUEST_SESSION_SECRET is not set, kept by the store: every instance
 * on one store signs with the same key, and a restart keeps the sessions it signed valid.
 */
export interface GuestKeyStore {
  /** The key, made on first use and the same ever after for everyone on this store. */
  key(): Promise<string>;
}

/** A new key: 256 random bits, as text. */
export function newGuestKey(): string {
  return randomBytes(32).toString('base64url');
}
