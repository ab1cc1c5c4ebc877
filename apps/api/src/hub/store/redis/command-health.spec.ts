import { CommandHealth } from './command-health';

type Connection = ConstructorParameters<typeof CommandHealth>[0];

/** The part of an ioredis connection the health reads: its status, PING and the 'ready' event. */
class FakeConnection {
  status = 'ready';
  readonly pings: { resolve: (reply: string) => void; reject: (err: Error) => void }[] = [];
  private onReady: () => void = () => undefined;

  ping(): Promise<string> {
    return new Promise((resolve, reject) => this.pings.push({ resolve, reject }));
  }

  on(event: string, listener: () => void): this {
    if (event === 'ready') this.onReady = listener;
    return this;
  }

  reconnected(): void {
    this.status = 'ready';
    this.onReady();
  }
}

const timedOut = () => new Error('Command timed out');

describe('CommandHealth', () => {
  let connection: FakeConnection;
  let health: CommandHealth;

  beforeEach(() => {
    jest.useFakeTimers();
    connection = new FakeConnection();
    health = new CommandHealth(connection as unknown as Connection, 1_000);
  });

  afterEach(() => {
    health.close();
    jest.useRealTimers();
  });

  it('stops answering with a timed-out command and answers again with the next reply; other errors say nothing', async () => {
    expect(health.isAvailable).toBe(true);
    await expect(health.observe(Promise.reject(timedOut()))).rejects.toThrow('Command timed out');
    expect(health.isAvailable).toBe(false);
    await expect(health.observe(Promise.reject(new Error('ERR unknown command')))).rejects.toThrow('ERR');
    expect(health.isAvailable).toBe(false);
    await expect(health.observe(Promise.resolve('OK'))).resolves.toBe('OK');
    expect(health.isAvailable).toBe(true);
  });

  it('notices a stall nobody runs into by its PING, one at a time, and its end by the next PONG', async () => {
    await jest.advanceTimersByTimeAsync(1_000);
    expect(connection.pings).toHaveLength(1);
    // Still waiting for the first: no second PING piles up behind it.
    await jest.advanceTimersByTimeAsync(1_000);
    expect(connection.pings).toHaveLength(1);
    connection.pings[0].reject(timedOut());
    await jest.advanceTimersByTimeAsync(0);
    expect(health.isAvailable).toBe(false);

    await jest.advanceTimersByTimeAsync(1_000);
    expect(connection.pings).toHaveLength(2);
    connection.pings[1].resolve('PONG');
    await jest.advanceTimersByTimeAsync(0);
    expect(health.isAvailable).toBe(true);
  });

  it('is down while the connection is, without PINGs, and up again once it reconnects', async () => {
    await expect(health.observe(Promise.reject(timedOut()))).rejects.toThrow();
    connection.status = 'reconnecting';
    await jest.advanceTimersByTimeAsync(3_000);
    expect(connection.pings).toHaveLength(0);
    expect(health.isAvailable).toBe(false);
    connection.reconnected();
    expect(health.isAvailable).toBe(true);
  });
});
