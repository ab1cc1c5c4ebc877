/**
 * A new random key for one message sent, used as its post's Idempotency-Key (1 to 255 visible ASCII
 * characters). `crypto.randomUUID` exists only in secure contexts (https, localhost); a page served over plain
 * http elsewhere still has `getRandomValues`.
 */
export function newSendKey(): string {
  const crypto = globalThis.crypto;
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
