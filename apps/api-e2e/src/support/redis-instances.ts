import { RunningServer, TEST_REDIS_URL, deleteKeysWithPrefix, startServer, uniquePrefix } from '@herald/testing';
import { SseClient } from './sse-client';

/** Herald instances sharing the test Redis under a key prefix of their own, and the streams opened on them. */
export class RedisInstances {
  readonly prefix: string;
  private readonly servers: RunningServer[] = [];
  private readonly clients: SseClient[] = [];

  constructor(
    name: string,
    private readonly env: Record<string, string> = {},
  ) {
    this.prefix = uniquePrefix(name);
  }

  async start(env: Record<string, string> = {}): Promise<RunningServer> {
    const server = await startServer({ HERALD_STORE: TEST_REDIS_URL, REDIS_PREFIX: this.prefix, ...this.env, ...env });
    this.servers.push(server);
    return server;
  }

  /** Opens a stream on `server` and waits until it is live. */
  async open(server: RunningServer, path: string, headers?: Record<string, string>): Promise<SseClient> {
    const client = await SseClient.open(`${server.url}${path}`, headers);
    this.clients.push(client);
    await client.caughtUp();
    return client;
  }

  /** Closes the streams and stops the instances started so far. */
  async stopAll(): Promise<void> {
    this.clients.splice(0).forEach((c) => c.close());
    await Promise.all(this.servers.splice(0).map((s) => s.stop()));
  }

  /** Also removes the keys of this prefix. */
  async close(): Promise<void> {
    await this.stopAll();
    await deleteKeysWithPrefix(this.prefix);
  }
}
