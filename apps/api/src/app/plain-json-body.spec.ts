import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { plainJsonLength, readPlainJson } from './plain-json-body';

const requestWith = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('plainJsonLength', () => {
  it('takes a UTF-8 JSON body of a given length within the limit', () => {
    for (const type of ['application/json', 'Application/JSON; charset=UTF-8', 'application/json;charset="utf-8"']) {
      expect(plainJsonLength(requestWith({ 'content-type': type, 'content-length': '42' }), 100)).toBe(42);
    }
    expect(plainJsonLength(requestWith({ 'content-type': 'application/json', 'content-length': '0' }), 100)).toBe(0);
  });

  it('leaves every other body to the full parser: chunked, compressed, too long, another charset or type', () => {
    const others: Record<string, string>[] = [
      { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      { 'content-type': 'application/json', 'content-length': '42', 'transfer-encoding': 'chunked' },
      { 'content-type': 'application/json', 'content-length': '42', 'content-encoding': 'gzip' },
      { 'content-type': 'application/json', 'content-length': '101' },
      { 'content-type': 'application/json; charset=latin1', 'content-length': '42' },
      { 'content-type': 'text/plain', 'content-length': '42' },
      { 'content-length': '42' },
    ];
    for (const headers of others) expect(plainJsonLength(requestWith(headers), 100)).toBeNull();
  });
});

describe('readPlainJson', () => {
  const read = (chunks: string[], length: number, end = true) =>
    new Promise<{ err: unknown; body: unknown }>((done) => {
      const request = new PassThrough() as unknown as IncomingMessage;
      readPlainJson(request, length, (err, body) => done({ err, body }));
      for (const chunk of chunks) (request as unknown as PassThrough).write(Buffer.from(chunk));
      if (end) (request as unknown as PassThrough).end();
      else (request as unknown as PassThrough).destroy();
    });

  it('parses a body that comes in pieces, without a byte order mark, and an empty one as {}', async () => {
    const text = '\ufeff{"author":"Ada","text":"é"}';
    const bytes = Buffer.byteLength(text);
    expect(await read([text.slice(0, 5), text.slice(5)], bytes)).toEqual({ err: null, body: { author: 'Ada', text: 'é' } });
    expect(await read([], 0)).toEqual({ err: null, body: {} });
  });

  it('calls text that is not JSON a parse failure, and a body cut short a body that never came', async () => {
    expect((await read(['{"author":'], 10)).err).toEqual({ type: 'entity.parse.failed', status: 400 });
    expect((await read(['{"a"'], 10, false)).err).toEqual({ type: 'request.aborted', status: 400 });
  });
});
