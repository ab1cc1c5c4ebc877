import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { Stores } from '../stores';
import { CommandHealth } from './command-health';
import { RedisKeys } from './redis-keys';
import { RedisGuestKey } from './redis-guest-key';
import { RedisLiveFeed } from './redis-live-feed';
import type { StoreLimits } from '../store-limits';
import { RedisMessageStore } from './redis-message-store';
import { RedisModerationStore } from './redis-moderation-store';
import { RedisPresence } from './redis-presence';
import { RedisTicketStore } from './redis-ticket-store';
import { StreamReader } from './stream-reader';

export interface RedisStoresOptions extends StoreLimits {
  url: string;
  prefix: string;
  /** How long an instance's presence lives in Redis unless refreshed. */
  presenceTtlMs: number;
  /** Longest wait for a command's reply; past it the request is refused and readiness reports Redis down. */
  commandTimeoutMs: number;
  /** Called with every error a Redis connection reports (for the metrics). */
  onError?: (err: Error) => void;
}

/**
 * Every store in one Redis shared by the instances, on four connections: commands (failing at once while
 * Redis is away and within `commandTimeoutMs` while it does not answer, so a post is refused rather than
 * left waiting), the one blocking reader, and two subscribers (presence, moderation).
 */
export function createRedisStores(options: RedisStoresOptions): Stores {
  const logger = new Logger('RedisStores');
  const keys = new RedisKeys(options.prefix);
  // RESP2: the reply shapes (XREAD's list of [key, entries]) this code reads.
  const commands = new Redis(options.url, {
    protocol: 2,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // Rejects the caller only: the command stays queued, so a late reply still pairs with its own command.
    commandTimeout: options.commandTimeoutMs,
  });
  const health = new CommandHealth(commands);
  // The reader and the subscriber wait for Redis to come back, then go on from where they were. No command
  // timeout on them: it would cut short a blocking read or a subscription, which wait by design.
  const readerConnection = new Redis(options.url, { protocol: 2, maxRetriesPerRequest: null });
  const subscriberConnection = new Redis(options.url, { protocol: 2, maxRetriesPerRequest: null });
  // Moderation's signals have a subscriber of their own: the presence subscriber reads every message as a room name.
  const moderationSubscriber = new Redis(options.url, { protocol: 2, maxRetriesPerRequest: null });
  const connections = [commands, readerConnection, subscriberConnection, moderationSubscriber];
  for (const connection of connections) {
    connection.on('error', (err: Error) => {
      logger.debug(`Redis: ${err.message}`);
      options.onError?.(err);
    });
  }
  const messages = new RedisMessageStore(commands, health, keys, options);
  let feed: RedisLiveFeed | null = null;
  const presence = new RedisPresence(
    commands,
    health,
    subscriberConnection,
    keys,
    randomUUID(),
    options.presenceTtlMs,
    (update) => feed?.announce(update),
    (update) => feed?.announceTyping(update),
  );
  const moderation = new RedisModerationStore(commands, health, keys, moderationSubscriber);
  const reader = new StreamReader(readerConnection, commands, (key, entries) => feed?.deliver(key, entries));
  feed = new RedisLiveFeed(reader, keys, messages, presence);
  return {
    messages,
    feed,
    presence,
    tickets: new RedisTicketStore(commands, keys),
    guestKey: new RedisGuestKey(commands, health, keys),
    moderation,
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
      health.close();
      await presence.close();
      await moderation.close();
      await reader.close();
      await Promise.all(connections.map((connection) => connection.quit().catch(() => connection.disconnect())));
    },
  };
}
