import { prettyLogStream } from './pretty-log-stream';

describe('prettyLogStream', () => {
  const format = (record: object) => {
    const out: string[] = [];
    prettyLogStream((text) => out.push(text), false).write(`${JSON.stringify(record)}\n`);
    return out.join('');
  };

  it('writes a request line as time, level, message, method, path, status and duration', () => {
    const line = format({
      level: 30,
      time: '2026-12-01T20:01:52.720Z',
      pid: 1,
      hostname: 'h',
      requestId: 'abc',
      req: { method: 'POST', path: '/api/messages' },
      res: { statusCode: 202 },
      durationMs: 3,
      msg: 'request completed',
    });
    expect(line).toBe('20:01:52.720 INFO  request completed  POST /api/messages 202 3ms  requestId=abc\n');
  });

  it('names the context and puts an error stack under its line', () => {
    const line = format({
      level: 50,
      time: '2026-12-01T20:01:52.720Z',
      context: 'Hub',
      msg: 'lost',
      err: { message: 'x', stack: 'Error: x\n    at y' },
    });
    expect(line).toBe('20:01:52.720 ERROR [Hub] lost\nError: x\n    at y\n');
  });

  it('passes a line that is not JSON through as it is', () => {
    const out: string[] = [];
    prettyLogStream((text) => out.push(text), false).write('plain words\n');
    expect(out).toEqual(['plain words\n']);
  });
});
