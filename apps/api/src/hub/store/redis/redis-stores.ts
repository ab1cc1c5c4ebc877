import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { Stores } from '../stores';
import { RedisKeys } from './redis-keys';
import { RedisLiveFeed } from './redis-live-feed';
import { RedisHistoryLimits, RedisMessageStore } from './redis-message-store';
import { RedisPresence } from './redis-presence';
import { RedisTicketStore } from './redis-ticket-store';
import { StreamReader } from './stream-reader';

export interface RedisStoresOptions extends RedisHistoryLimits {
  url: string;
  prefix: string;
  /** How long an instance's presence lives in Redis unless refreshed. */
  presenceTtlMs: number;
  /** Called with every error a Redis connection reports (for the metrics). */
  onError?: (err: Error) => void;
}

/**
 * Every store in one Redis shared by the instances, on three connections: commands (failing at once while
 * Redis is away, so a post is refused rather than left waiting), the one blocking reader, and pub/sub.
 */
export function createRedisStores(options: RedisStoresOptions): Stores {
  const logger = new Logger('RedisStores');
  const keys = new RedisKeys(options.prefix);
  // RESP2: the reply shapes (XREAD's list of [key, entries]) this code reads.
  const commands = new Redis(options.url, { protocol: 2, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  // The reader and the subscriber wait for Redis to come back, then go on from where they were.
  const readerConnection = new Redis(options.url, { protocol: 2, maxRetriesPerRequest: null });
  const subscriberConnection = new Redis(options.url, { protocol: 2, maxRetriesPerRequest: null });
  const connections = [commands, readerConnection, subscriberConnection];
  for (const connection of connections) {
    connection.on('error', (err: Error) => {
      logger.debug(`Redis: ${err.message}`);
      options.onError?.(err);
    });
  }
  const messages = new RedisMessageStore(commands, keys, options);
  let feed: RedisLiveFeed | null = null;
  const presence = new RedisPresence(commands, subscriberConnection, keys, randomUUID(), options.presenceTtlMs, (update) =>
    feed?.announce(update),
  );
  const reader = new StreamReader(readerConnection, commands, (key, entries) => feed?.deliver(key, entries));
  feed = new RedisLiveFeed(reader, keys, messages, presence);
  return {
    messages,
    feed,
    presence,
    tickets: new RedisTicketStore(commands, keys),
    /** Waits up to 5 s for Redis, so the first requests after start-up find it connected. */
    async open(timeoutMs = 5_000) {
      if (messages.isAvailable) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          logger.warn(`Redis is not reachable yet; starting without it (readiness reports it, posts answer 503)`);
          resolve();
        }, timeoutMs);
        commands.once('ready', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    async close() {
      await presence.close();
      await reader.close();
      await Promise.all(connections.map((connection) => connection.quit().catch(() => connection.disconnect())));
    },
  };
}
