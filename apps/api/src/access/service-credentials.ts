import { createHash } from 'node:crypto';
import type { ServiceKey } from '../config/app-config';
import { keyAuthorId } from './author-id';
import type { Identity } from './identity';

/** The name every `as: "system"` key posts under. */
export const SYSTEM_AUTHOR = 'system';

/**
 * Backends' API keys (API_KEYS), known by the SHA-256 of the key: a key shown in `X-API-Key` is hashed and
 * looked up, so the configured value is useless to whoever reads the configuration.
 */
export class ServiceCredentials {
  private readonly byHash = new Map<string, Identity>();

  constructor(keys: ServiceKey[]) {
    for (const key of keys) {
      this.byHash.set(key.sha256, {
        name: key.as === 'system' ? SYSTEM_AUTHOR : key.name,
        authorId: keyAuthorId(key.name),
        rooms: key.rooms === '*' ? '*' : new Set(key.rooms),
        origin: key.as,
        roles: new Set(key.roles),
      });
    }
  }

  /** The identity of `key`, or null when no backend holds it. */
  identify(key: string): Identity | null {
    return this.byHash.get(createHash('sha256').update(key).digest('hex')) ?? null;
  }
}
