import { RunningServer, startServer } from '@herald/testing';
import fc from 'fast-check';
import { connect } from 'node:net';
import { call, postJson } from './support/http';
import { SseClient } from './support/sse-client';

/** Only these lines may ever appear in a stream: no input can add a field or an event. */
const ALLOWED_LINE = /^(|:.*|retry: \d+|id: \d+-\d+|event: (message|reset|presence)|data: \{.*\})$/;

describe('hostile input', () => {
  let server: RunningServer;
  let watcher: SseClient;

  beforeAll(async () => {
    server = await startServer();
    watcher = await SseClient.open(`${server.url}/api/rooms/target/events`);
    await watcher.caughtUp();
  });

  afterAll(async () => {
    watcher.close();
    await server.stop();
  });

  /** Every line the watcher has read so far, as the server wrote it. */
  const rawLines = () => watcher.raw.split('\n');

  it('never lets CR, LF or NUL start a new field or event', async () => {
    const attempts = [
      { author: 'Ada\nevent: reset', text: 'x' },
      { author: 'Ada\r\nid: 1', text: 'x' },
      { author: 'Ada\u0000', text: 'x' },
      { author: 'Ada', text: 'line\u0000nul' },
      { author: 'Ada', text: 'carriage\rreturn' },
    ];
    for (const body of attempts) expect((await postJson(`${server.url}/api/rooms/target/messages`, body)).status).toBe(400);
    // Line feeds in text are allowed, and travel JSON-encoded inside one data line.
    expect(
      (await postJson(`${server.url}/api/rooms/target/messages`, { author: 'Ada', text: 'two\nlines\n\nevent: reset\ndata: x' })).status,
    ).toBe(202);
    await watcher.waitForMessages(1);
    expect(watcher.messages()[0].text).toBe('two\nlines\n\nevent: reset\ndata: x');

    expect((await call(`${server.url}/api/rooms/target%0Aevent%3A%20x/events`)).status).toBe(400);
    expect((await call(`${server.url}/api/rooms/target/events?name=Ada%0Aevent%3A%20reset`)).status).toBe(400);
    expect((await call(`${server.url}/api/rooms/target/events?ticket=abc%0Aevent%3A%20reset`)).status).toBe(401);

    // A Last-Event-ID full of line breaks is just an unknown id: a reset whose JSON carries it escaped.
    const resumed = await SseClient.open(
      `${server.url}/api/rooms/target/events?lastEventId=${encodeURIComponent('1-0\nevent: evil\r\ndata: x')}`,
    );
    await resumed.caughtUp();
    expect(resumed.raw.split('\n').every((line) => ALLOWED_LINE.test(line))).toBe(true);
    expect(resumed.events.find((e) => e.event === 'reset')).toBeDefined();
    resumed.close();

    // A raw header with a bare CR is refused by the HTTP parser before Herald sees it.
    const { hostname, port } = new URL(server.url);
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), hostname, () =>
        socket.write('GET /api/rooms/target/events HTTP/1.1\r\nHost: x\r\nLast-Event-ID: 1\revent: evil\r\n\r\n'),
      );
      let text = '';
      const timer = setTimeout(() => socket.destroy(), 2000);
      socket.on('data', (d) => (text += d.toString()));
      socket.on('close', () => {
        clearTimeout(timer);
        resolve(text);
      });
      socket.on('error', () => undefined);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ statusCode: 400, error: 'Bad Request' });

    // Headers past Node's 16 KiB limit: a JSON 431, and the process goes on.
    const huge = await fetch(`${server.url}/api/rooms/target/messages`, { headers: { 'x-padding': 'x'.repeat(20_000) } });
    expect(huge.status).toBe(431);
    expect(await huge.json()).toEqual({
      statusCode: 431,
      error: 'Request Header Fields Too Large',
      message: expect.stringContaining('headers are too large'),
    });

    expect(rawLines().every((line) => ALLOWED_LINE.test(line))).toBe(true);
  });

  it('answers 10,000 random bodies with a JSON 4xx or a 202 for a valid one, stays up, and broadcasts only what it accepted', async () => {
    const before = watcher.messages().length;
    const accepted: string[] = [];
    const anyJson = fc.jsonValue();
    const nearlyValid = fc.record(
      {
        author: fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.integer(), fc.constant(null)),
        text: fc.oneof(fc.string({ maxLength: 2100 }), fc.string({ unit: 'binary' }), fc.boolean()),
        extra: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    const rawText = fc.string({ unit: 'binary', maxLength: 300 });
    const bodies = fc.sample(
      fc.oneof(
        anyJson.map((v) => JSON.stringify(v)),
        nearlyValid.map((v) => JSON.stringify(v)),
        rawText,
      ),
      { numRuns: 10_000, seed: 20261124 },
    );

    const send = async (body: string) => {
      const response = await call(`${server.url}/api/rooms/target/messages`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
      if (response.status === 202) {
        accepted.push(response.body.id);
        return;
      }
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.body).toEqual({ statusCode: response.status, error: expect.any(String), message: expect.any(String) });
    };
    for (let i = 0; i < bodies.length; i += 25) await Promise.all(bodies.slice(i, i + 25).map(send));

    expect((await call(`${server.url}/api/health/live`)).status).toBe(200);
    const marker = await postJson(`${server.url}/api/rooms/target/messages`, { author: 'Ada', text: 'after the storm' });
    expect(marker.status).toBe(202);
    await watcher.waitForMessages(before + accepted.length + 1, 20_000);
    const received = watcher
      .messages()
      .slice(before)
      .map((m) => m.id);
    expect(received.sort()).toEqual([...accepted, marker.body.id].sort());
    expect(rawLines().every((line) => ALLOWED_LINE.test(line))).toBe(true);
  }, 120_000);
});
