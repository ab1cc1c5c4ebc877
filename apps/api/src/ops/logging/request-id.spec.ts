import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestId } from './request-id';

describe('requestId', () => {
  const headers: Record<string, string> = {};
  const response = { setHeader: (name: string, value: string) => (headers[name] = value) } as unknown as ServerResponse;
  const request = (id?: string) => ({ headers: id === undefined ? {} : { 'x-request-id': id } }) as IncomingMessage;

  it('keeps a sane incoming X-Request-Id and echoes it', () => {
    expect(requestId(request('lb-7f3a.42:1'), response)).toBe('lb-7f3a.42:1');
    expect(headers['X-Request-Id']).toBe('lb-7f3a.42:1');
  });

  it('replaces a missing, overlong or forged one with a new UUID', () => {
    for (const id of [undefined, 'x'.repeat(129), 'a b', '{"level":60}']) {
      const given = requestId(request(id), response);
      expect(given).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(headers['X-Request-Id']).toBe(given);
    }
  });
});
