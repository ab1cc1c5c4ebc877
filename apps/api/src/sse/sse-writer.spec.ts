import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { connect, Socket } from 'node:net';
import { SseWriter } from './sse-writer';

/**
 * A node:http server that answers like Nest's event stream does: the handler's writer gets bytes before
 * the headers exist, then the headers and a newline come from a timer, then more bytes.
 */
function streamServer(script: (writer: SseWriter, response: ServerResponse) => void, maxPendingBytes = 1 << 20): Promise<Server> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const writer = new SseWriter(request, response, { maxPendingBytes, onOverflow: () => undefined, onFail: () => undefined });
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
      const writer = new SseWriter(request, response, {
        maxPendingBytes: 1024,
        onOverflow: (n) => void overflows.push(n),
        onFail: () => undefined,
      });
      // Before the headers: what waits counts against the bound too.
      writer.write(Buffer.alloc(2048, 'a'));
    });
    server = await new Promise<Server>((listening) => created.listen(0, '127.0.0.1', () => listening(created)));
    await rawRequest(server, 'GET /events HTTP/1.1').catch(() => '');
    expect(overflows).toEqual([2048]);
  });
});
