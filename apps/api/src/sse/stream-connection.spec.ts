import { SSE_ABORT_CONTROLLER } from '@nestjs/common';
import type { Request } from 'express';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { connect, Socket } from 'node:net';
import { PassThrough } from 'node:stream';
import { Observable, Subscription } from 'rxjs';
import { noteNestStreams } from './nest-stream-release';
import type { StreamBook } from './stream-book';
import { StreamConnection } from './stream-connection';

/** A request as Nest carries its `@SseSignal()` controller. */
type SignalCarrier = IncomingMessage & { [SSE_ABORT_CONTROLLER]?: AbortController };

interface Nest {
  stream: StreamConnection;
  response: ServerResponse;
  /** Set when Nest's side of the stream completed. */
  completed: boolean;
  subscription: Subscription;
}

/**
 * A node:http server whose event streams go the way Nest's `@Sse()` takes them: its own stream piped into the
 * response (ended when Nest's side completes, which ends a response still piped to), a StreamConnection in
 * the Observable Nest subscribes to, and the headers and a newline from a timer.
 */
function nestLikeServer(book: StreamBook, streams: Nest[], noteStreams = true): Promise<Server> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const route = () => {
      const nestStream = new PassThrough();
      nestStream.pipe(response);
      const nest = { completed: false, response } as Nest;
      // Nest's AbortController for @SseSignal(): the request's own when it has one, aborted when Nest's side ends.
      const signal = ((request as SignalCarrier)[SSE_ABORT_CONTROLLER] ??= new AbortController());
      const events = new Observable<never>((subscriber) => {
        nest.stream = new StreamConnection(request as Request, response, subscriber, book, 1 << 20);
        nest.stream.writer.write(Buffer.from('retry: 3000\n\n'));
        return nest.stream;
      });
      nest.subscription = events.subscribe({
        complete: () => {
          signal.abort();
          nest.completed = true;
          nestStream.end();
        },
      });
      streams.push(nest);
      setTimeout(() => {
        response.setHeader('X-Frame-Options', 'DENY');
        response.writeHead(200, { 'Content-Type': 'text/event-stream' });
        response.flushHeaders();
        response.write('\n');
      }, 5);
    };
    if (noteStreams) noteNestStreams(request, response, route);
    else route();
  });
  return new Promise((listening) => server.listen(0, '127.0.0.1', () => listening(server)));
}

/** Opens a stream with a raw request; `body()` is what has arrived after the head. */
function openStream(server: Server) {
  const { port } = server.address() as { port: number };
  const socket: Socket = connect(port, '127.0.0.1', () => socket.write('GET /api/rooms/a/events HTTP/1.1\r\nHost: test\r\n\r\n'));
  let answer = '';
  socket.on('data', (data) => (answer += data.toString()));
  socket.on('error', () => undefined);
  return { socket, head: () => answer.slice(0, answer.indexOf('\r\n\r\n')), body: () => answer.slice(answer.indexOf('\r\n\r\n') + 4) };
}

async function until(predicate: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 800 && !predicate(); i++) await new Promise((tick) => setTimeout(tick, 5));
  if (!predicate()) throw new Error(`timed out waiting for ${what}`);
}

describe('StreamConnection', () => {
  let server: Server;
  const removed: StreamConnection[] = [];
  const book = { remove: (stream: StreamConnection) => void removed.push(stream), slowConsumer: () => undefined } as unknown as StreamBook;
  afterEach(() => {
    removed.length = 0;
    return new Promise<void>((closed) => server.close(() => closed()));
  });

  it("takes the connection over from Nest once the headers are out: Nest's side ends, the client's stream does not", async () => {
    const streams: Nest[] = [];
    server = await nestLikeServer(book, streams);
    const client = openStream(server);
    await until(() => client.body().includes('retry: 3000'), 'the first frame');
    const [nest] = streams;
    // Nest completed and ended its own stream, which would have ended a response it was still piped to.
    expect(nest.completed).toBe(true);
    nest.stream.writer.write(Buffer.from('event: message\ndata: {}\n\n'));
    await until(() => client.body().includes('event: message'), 'a live frame');
    expect(removed).toEqual([]);
    // From now on the stream ends on its own: from the server's side with a last frame...
    nest.stream.end(Buffer.from(': bye\n\n'));
    // The response's last chunk: the client's connection stays open for its next request.
    await until(() => client.body().endsWith('\r\n0\r\n\r\n'), 'the end of the response');
    expect(client.body()).toMatch(/: bye\n\n\r\n0\r\n\r\n$/);
    expect(removed).toEqual([nest.stream]);
    client.socket.destroy();
  });

  it('makes Nest find one AbortController for every stream, aborted already, rather than make one per stream', async () => {
    const streams: Nest[] = [];
    server = await nestLikeServer(book, streams);
    const clients = [openStream(server), openStream(server)];
    for (const client of clients) await until(() => client.body().includes('retry: 3000'), 'the first frame');
    const [first, second] = streams.map((nest) => (nest.response.req as SignalCarrier)[SSE_ABORT_CONTROLLER]);
    expect(first).toBeInstanceOf(AbortController);
    expect(second).toBe(first);
    expect(first?.signal.aborted).toBe(true);
    for (const client of clients) client.socket.destroy();
    await until(() => removed.length === 2, 'the streams to end');
  });

  it("lets go of the response's head and header table once the headers are out; the client got them, the log reads the type", async () => {
    const streams: Nest[] = [];
    server = await nestLikeServer(book, streams);
    const clients = [openStream(server), openStream(server)];
    for (const client of clients) await until(() => client.body().includes('retry: 3000'), 'the first frame');
    const [{ response }, other] = streams;
    for (const client of clients) {
      expect(client.head()).toMatch(/\r\nX-Frame-Options: DENY\r\n/);
      expect(client.head()).toMatch(/\r\nContent-Type: text\/event-stream\r\n/);
    }
    expect(response.getHeaderNames()).toEqual(['content-type']);
    expect(response.getHeader('content-type')).toBe('text/event-stream');
    // The head as written is gone, but the response still knows it was sent and refuses a late header.
    expect((response as ServerResponse & { _header: string })._header.length).toBeLessThan(32);
    expect(response.headersSent).toBe(true);
    expect(() => response.setHeader('X-Late', '1')).toThrow(/after they are sent/);
    expect(other.response.getHeader('content-type')).toBe('text/event-stream');
    // A live frame still reaches the client after the release.
    other.stream.writer.write(Buffer.from('event: message\ndata: {}\n\n'));
    await until(() => clients[1].body().includes('event: message'), 'a live frame');
    for (const client of clients) client.socket.destroy();
    await until(() => removed.length === 2, 'the streams to end');
  });

  it('ends a stream taken over when its client leaves', async () => {
    const streams: Nest[] = [];
    server = await nestLikeServer(book, streams);
    const client = openStream(server);
    await until(() => client.body().includes('retry: 3000'), 'the first frame');
    client.socket.destroy();
    await until(() => removed.length === 1, 'the stream to end');
    expect(removed).toEqual([streams[0].stream]);
  });

  it("leaves the stream to Nest when Nest's own stream was not noted, and ends it when Nest lets go", async () => {
    const streams: Nest[] = [];
    server = await nestLikeServer(book, streams, false);
    const client = openStream(server);
    await until(() => client.body().includes('retry: 3000'), 'the first frame');
    const [nest] = streams;
    expect(nest.completed).toBe(false);
    // Nest still carries the stream: its signal, not aborted, stays for @SseSignal().
    expect((nest.response.req as SignalCarrier)[SSE_ABORT_CONTROLLER]?.signal.aborted).toBe(false);
    nest.subscription.unsubscribe();
    expect(removed).toEqual([nest.stream]);
    client.socket.destroy();
  });
});
