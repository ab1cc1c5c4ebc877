import { RunningServer, startServer } from '@herald/testing';
import { connect } from 'node:net';
import { call } from '../support/http';
import { postUntilRefused, until } from '../support/post-loops';
import { SseClient } from '../support/sse-client';

describe('shutting down on SIGTERM', () => {
  let server: RunningServer;

  afterEach(() => server.stop());

  const open = async (path: string) => {
    const client = await SseClient.open(`${server.url}${path}`);
    await client.caughtUp();
    return client;
  };

  it('answers every post in flight, delivers each accepted one to every stream, then ends the streams with a short retry', async () => {
    server = await startServer({ SHUTDOWN_TIMEOUT_MS: '5000' });
    const streams = await Promise.all([open('/api/rooms/drill/events'), open('/api/rooms/drill/events'), open('/api/events')]);
    const posts = postUntilRefused(`${server.url}/api/rooms/drill/messages`, 4, 2_000);
    await until(() => posts.accepted().length >= 40, '40 accepted posts');

    server.signal('SIGTERM');
    await posts.done;
    const code = await server.exited;

    // Exit code 0: drained before SHUTDOWN_TIMEOUT_MS (past it, the server exits 1).
    expect(code).toBe(0);
    // Posts after the signal were refused (503) or found the server gone; none failed otherwise.
    for (const outcome of posts.outcomes) expect([202, 503, 'connection-error']).toContain(outcome.status);
    const accepted = posts.accepted();
    for (const stream of streams) {
      expect(stream.ended).toBe(true);
      const farewell = stream.events.at(-1)!;
      expect(Number(farewell.retry)).toBeLessThan(3000);
      expect(farewell.comment).toContain('shutting down');
    }
    for (const stream of streams.slice(0, 2)) {
      expect(
        stream
          .messages()
          .map((m) => m.id)
          .sort(),
      ).toEqual([...accepted].sort());
    }
  }, 30_000);

  it(
    'answers a request that arrives on an open connection during the drain with 503, and does not wait past ' + 'SHUTDOWN_TIMEOUT_MS',
    async () => {
      server = await startServer({ SHUTDOWN_TIMEOUT_MS: '3000', LOG_LEVEL: 'log' });
      const { hostname, port } = new URL(server.url);
      const rawSocket = async () => {
        const socket = connect(Number(port), hostname);
        socket.on('error', () => undefined);
        let text = '';
        socket.on('data', (chunk) => (text += chunk.toString()));
        await new Promise((resolve) => socket.once('connect', resolve));
        return { socket, text: () => text, closed: new Promise<void>((resolve) => socket.once('close', () => resolve())) };
      };
      // A post whose body never completes: the drain waits for it until its deadline.
      const stalled = await rawSocket();
      stalled.socket.write(
        `POST /api/messages HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"author":`,
      );
      // A stream keeps its connection busy, so closing the server does not close it as idle.
      const busy = await rawSocket();
      busy.socket.write(`GET /api/rooms/pipelined/events HTTP/1.1\r\nHost: ${hostname}\r\nAccept: text/event-stream\r\n\r\n`);
      await until(() => busy.text().includes('event: presence'), 'the stream to start');

      server.signal('SIGTERM');
      await until(() => server.output().includes('Shutting down'), 'the drain to start');
      // New connections are no longer accepted...
      await expect(call(`${server.url}/api/rooms`)).rejects.toThrow();
      // ...and a request on a connection still open is refused, answered once the stream before it ends.
      busy.socket.write(`GET /api/rooms HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`);
      await busy.closed;
      const text = busy.text();
      expect(text).toContain(': server shutting down');
      const refusal = text.slice(text.indexOf('HTTP/1.1 503 '));
      expect(refusal).toMatch(/^HTTP\/1\.1 503 /);
      expect(refusal).toMatch(/\r\nRetry-After: 1\r\n/i);
      expect(JSON.parse(refusal.slice(refusal.indexOf('\r\n\r\n') + 4))).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
      // The stalled post does not hold the shutdown past SHUTDOWN_TIMEOUT_MS (which would exit 1).
      expect(await server.exited).toBe(0);
      expect(server.output()).toContain('still unanswered');
      stalled.socket.destroy();
    },
    30_000,
  );
});
