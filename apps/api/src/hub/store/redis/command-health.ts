import type Redis from 'ioredis';

/** How often the command connection is asked (PING) whether Redis answers. */
const PROBE_INTERVAL_MS = 1_000;

/**
 * Whether Redis answers the command connection. Its status alone stays 'ready' while Redis is stalled
 * (frozen or swamped: the socket is open, nothing comes back), so a command that outlives the connection's
 * `commandTimeout` marks Redis as not answering, and the next answer (to a command, or to the PING sent once
 * a second, one at a time) marks it answering again. Readiness and the commands read it: during a stall
 * requests are refused at once rather than each waiting out the timeout, and nothing per request is added.
 */
export class CommandHealth {
  private answering = true;
  private probing = false;
  private readonly probeTimer: NodeJS.Timeout;

  constructor(
    private readonly commands: Pick<Redis, 'status' | 'ping' | 'on'>,
    probeIntervalMs = PROBE_INTERVAL_MS,
  ) {
    // A connection that got ready has just answered its handshake.
    commands.on('ready', () => (this.answering = true));
    this.probeTimer = setInterval(() => this.probe(), probeIntervalMs);
    this.probeTimer.unref();
  }

  /** True while the connection is up and Redis answers it in time. */
  get isAvailable(): boolean {
    return this.commands.status === 'ready' && this.answering;
  }

  /** Passes a reply through, noting whether Redis answered or let the command time out. */
  async observe<T>(reply: Promise<T>): Promise<T> {
    try {
      const value = await reply;
      this.answering = true;
      return value;
    } catch (err) {
      if (isCommandTimeout(err)) this.answering = false;
      throw err;
    }
  }

  close(): void {
    clearInterval(this.probeTimer);
  }

  private probe(): void {
    if (this.probing || this.commands.status !== 'ready') return;
    this.probing = true;
    this.observe(this.commands.ping())
      .catch(() => undefined)
      .finally(() => (this.probing = false));
  }
}

/** How ioredis rejects a command whose reply did not come within `commandTimeout`. */
export function isCommandTimeout(err: unknown): boolean {
  return (err as Error | undefined)?.message === 'Command timed out';
}
