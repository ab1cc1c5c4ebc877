import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { connect, Socket } from 'node:net';
import { SseWriter, type WriterOwner } from './sse-writer';

/** An owner that only reports overflows. */
const ownerOf = (onOverflow: (pendingBytes: number) => void = () => undefined): WriterOwner => ({
  opened: () => undefined,
  overflowed: onOverflow,
  failed: () => undefined,
});

/**
 * A node:http server that answers like Nest's event stream does: the handler's writer gets bytes before
 * the headers exist, then the headers and a newline come from a timer, then more bytes.
 */
function streamServer(
  script: (writer: SseWriter, response: ServerResponse) => void,
  maxPendingBytes = 1 << 20,
  onOverflow: (pendingBytes: number) => void = () => undefined,
): Promise<Server> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const writer = new SseWriter(request, response, maxPendingBytes, ownerOf(onOverflow));
    writer.write(Buffer.from('retry: 3000\n\n'));
    setTimeout(() => {
      response.writeHead(200, { 'Content-Type': 'text/event-stream' });
      response.flushHeaders();
      response.write('\n');
      script(writer, response);
    }, 5);
  });
  return new Promise((listening) => server.listen(0, '127.0.0.1', () => listening(server)));
}

/** Sends a raw request and collects the raw answer until the server ends it. */
function rawRequest(server: Server, requestLine: string): Promise<string> {
  const { port } = server.address() as { port: number };
  return new Promise((done, reject) => {
    const socket: Socket = connect(port, '127.0.0.1', () => socket.write(`${requestLine}\r\nHost: test\r\n\r\n`));
    let answer = '';
    socket.on('data', (data) => (answer += data.toString()));
    socket.on('end', () => done(answer));
    socket.on('error', reject);
  });
}

/** Sockets of {@link stalledRequest}, destroyed after each test so a failed one cannot hold its server open. */
const stalledSockets: Socket[] = [];

/** A raw request whose answer is not read until `read()`, as from a client that has stalled. */
function stalledRequest(server: Server, requestLine: string) {
  const { port } = server.address() as { port: number };
  const socket: Socket = connect(port, '127.0.0.1', () => socket.write(`${requestLine}\r\nHost: test\r\n\r\n`));
  stalledSockets.push(socket);
  socket.pause();
  const chunks: Buffer[] = [];
  let tail = '';
  socket.on('data', (data: Buffer) => {
    chunks.push(data);
    tail = (tail + data.toString('latin1')).slice(-256);
  });
  socket.on('error', () => undefined);
  const closed = new Promise<void>((done) => socket.once('close', () => done()));
  return {
    read: () => void socket.resume(),
    /** True once the bytes received so far end with `text` (and maybe a chunk's CRLF). */
    endsWith: (text: string) => tail.replace(/\r\n$/, '').endsWith(text),
    answer: async () => {
      await closed;
      return Buffer.concat(chunks).toString();
    },
    closed,
  };
}

async function until(predicate: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 4_000;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((tick) => setTimeout(tick, 5));
  }
}

/** The body of a chunked answer, checking every chunk's size line against its bytes. */
function dechunk(body: string): string {
  let rest = Buffer.from(body);
  let out = '';
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    const size = parseInt(rest.subarray(0, lineEnd).toString(), 16);
    expect(Number.isNaN(size)).toBe(false);
    if (size === 0) return out;
    out += rest.subarray(lineEnd + 2, lineEnd + 2 + size).toString();
    expect(rest.subarray(lineEnd + 2 + size, lineEnd + 4 + size).toString()).toBe('\r\n');
    rest = rest.subarray(lineEnd + 4 + size);
  }
}

describe('SseWriter', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((closed) => (server ? server.close(() => closed()) : closed())));

  const script = (writer: SseWriter, response: ServerResponse) => {
    const shared = Buffer.from('event: message\ndata: {"text":"é"}\n\n');
    writer.write(shared);
    writer.write(shared);
    setImmediate(() => {
      writer.write(Buffer.from(':\n\n'));
      writer.close();
      writer.write(Buffer.from('event: message\ndata: "after close"\n\n'));
      response.end();
    });
  };

  it('on HTTP/1.1 frames every write as one chunk, after the headers, in order', async () => {
    server = await streamServer(script);
    const answer = await rawRequest(server, 'GET /events HTTP/1.1\r\nConnection: close');
    const head = answer.slice(0, answer.indexOf('\r\n\r\n'));
    const sent = answer.slice(answer.indexOf('\r\n\r\n') + 4);
    expect(head).toMatch(/^HTTP\/1\.1 200/);
    expect(head.toLowerCase()).toContain('transfer-encoding: chunked');
    const event = 'event: message\ndata: {"text":"é"}\n\n';
    expect(dechunk(sent)).toBe(`\nretry: 3000\n\n${event}${event}:\n\n`);
  });

  it('on HTTP/1.0 writes the same bytes without chunk framing', async () => {
    server = await streamServer(script);
    const answer = await rawRequest(server, 'GET /events HTTP/1.0');
    const head = answer.slice(0, answer.indexOf('\r\n\r\n'));
    expect(head).toMatch(/^HTTP\/1\.1 200/);
    expect(head.toLowerCase()).not.toContain('transfer-encoding');
    const event = 'event: message\ndata: {"text":"é"}\n\n';
    expect(answer.slice(answer.indexOf('\r\n\r\n') + 4)).toBe(`\nretry: 3000\n\n${event}${event}:\n\n`);
  });

  it('drops a client whose unsent bytes pass the bound, and says how many were waiting', async () => {
    const overflows: number[] = [];
    const created = createServer((request, response) => {
      const writer = new SseWriter(
        request,
        response,
        1024,
        ownerOf((n) => void overflows.push(n)),
      );
      // Before the headers: what waits counts against the bound too.
      writer.write(Buffer.alloc(2048, 'a'));
    });
    server = await new Promise<Server>((listening) => created.listen(0, '127.0.0.1', () => listening(created)));
    await rawRequest(server, 'GET /events HTTP/1.1').catch(() => '');
    expect(overflows).toEqual([2048]);
  });

  it('ends the response after its last frame, once everything written before it is out', async () => {
    server = await streamServer((writer) => {
      writer.write(Buffer.from(':\n\n'));
      writer.writeLast(Buffer.from('retry: 500\n: bye\n\n'));
      writer.write(Buffer.from('event: message\ndata: "after the end"\n\n'));
    });
    const answer = await rawRequest(server, 'GET /events HTTP/1.1\r\nConnection: close');
    expect(dechunk(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toBe('\nretry: 3000\n\n:\n\nretry: 500\n: bye\n\n');
  });

  it('holds a last frame written before the headers until they are out, then ends', async () => {
    const created = createServer((request, response) => {
      const writer = new SseWriter(request, response, 1 << 20, ownerOf());
      writer.write(Buffer.from('retry: 3000\n\n'));
      writer.writeLast(Buffer.from(': bye\n\n'));
      setTimeout(() => response.writeHead(200, { 'Content-Type': 'text/event-stream' }).flushHeaders(), 5);
    });
    server = await new Promise<Server>((listening) => created.listen(0, '127.0.0.1', () => listening(created)));
    const answer = await rawRequest(server, 'GET /events HTTP/1.1\r\nConnection: close');
    expect(dechunk(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toBe('retry: 3000\n\n: bye\n\n');
  });

  describe('with a replay', () => {
    afterEach(() => stalledSockets.splice(0).forEach((socket) => socket.destroy()));

    /** `count` whole events of about `size` bytes each, numbered. */
    const replayOf = (count: number, size: number) =>
      Array.from({ length: count }, (_, i) => Buffer.from(`id: ${i}\ndata: ${String(i).padEnd(size - 16, '.')}\n\n`));
    const live = (text: string) => Buffer.from(`event: live\ndata: ${text}\n\n`);

    it.each([
      ['HTTP/1.1', 'GET /events HTTP/1.1\r\nConnection: close', dechunk],
      ['HTTP/1.0', 'GET /events HTTP/1.0', (body: string) => body],
    ])(
      'on %s sends a replay far past the bound to a client that reads, then what was written meanwhile, in order',
      async (_, line, body) => {
        const overflows: number[] = [];
        // 8 MB against a bound of 64 KiB: more than the kernel's buffers hold for a client that waits a while.
        const replay = replayOf(1024, 8 * 1024);
        let end: () => void = () => undefined;
        server = await streamServer(
          (writer, response) => {
            end = () => void response.end();
            // Before the headers are out, and then once they are.
            writer.write(live('before'));
            setImmediate(() => {
              writer.writeReplay(replay);
              writer.write(live('during 1'));
              writer.write(live('during 2'));
              setTimeout(() => writer.write(live('last')), 20);
            });
          },
          64 * 1024,
          (n) => void overflows.push(n),
        );
        const client = stalledRequest(server, line);
        await new Promise((later) => setTimeout(later, 100));
        client.read();
        await until(() => client.endsWith(live('last').toString()), 'the last event');
        end();
        const answer = await client.answer();
        const sent = body(answer.slice(answer.indexOf('\r\n\r\n') + 4));
        const events = [live('before'), ...replay, live('during 1'), live('during 2'), live('last')].map(String).join('');
        expect(sent).toBe(`\nretry: 3000\n\n${events}`);
        expect(overflows).toEqual([]);
      },
    );

    it('drops a client that stops reading mid-replay once what waits behind the replay passes the bound', async () => {
      const overflows: number[] = [];
      const writers: SseWriter[] = [];
      server = await streamServer(
        (writer) => void writers.push(writer),
        64 * 1024,
        (n) => void overflows.push(n),
      );
      const client = stalledRequest(server, 'GET /events HTTP/1.1');
      await until(() => writers.length === 1, 'the stream');
      const [writer] = writers;
      // 32 MB that this client never reads: far more than the kernel takes, so the writer is stuck in it.
      const frame = Buffer.alloc(16 * 1024, 'r');
      writer.writeReplay(Array.from({ length: 2048 }, () => frame));
      await new Promise((later) => setTimeout(later, 50));
      // The replay alone never counts...
      expect(overflows).toEqual([]);
      // ...what comes after it does: the fifth 16 KiB batch takes it past 64 KiB.
      const batch = Buffer.alloc(16 * 1024, 'l');
      for (let i = 0; i < 5; i++) writer.write(batch);
      expect(overflows).toEqual([5 * 16 * 1024]);
      // Dropped: later writes go nowhere, and the client finds its connection gone.
      writer.write(batch);
      expect(overflows).toHaveLength(1);
      client.read();
      await client.closed;
    });
  });
});
