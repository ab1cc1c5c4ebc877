import type Redis from 'ioredis';
import { createHash } from 'node:crypto';

/**
 * A Lua script sent by its SHA1 (`EVALSHA`), its text only the first time a Redis server lacks it
 * (`NOSCRIPT`: a fresh or restarted server, or after `SCRIPT FLUSH`): a post then sends about a hundred bytes
 * where the append script's text alone is more than a kilobyte, and Redis does not hash that text per call.
 */
export class RedisScript {
  private readonly sha: string;

  constructor(private readonly lua: string) {
    this.sha = createHash('sha1').update(lua).digest('hex');
  }

  async run(redis: Redis, keys: readonly string[], args: ReadonlyArray<string | number>): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (err) {
      if (!/NOSCRIPT/.test((err as Error).message ?? '')) throw err;
      return redis.eval(this.lua, keys.length, ...keys, ...args);
    }
  }
}
