import { request } from 'node:http';

/** An answer with its parsed JSON body. */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/** A JSON request from a loopback address of its own (127.0.0.x), as a different client IP would send it. */
export function requestFrom(
  localAddress: string,
  url: string,
  { method = 'POST', body, headers = {} }: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? '' : JSON.stringify(body);
    const sent = { ...(payload ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } : {}) };
    const req = request(url, { method, localAddress, headers: { ...sent, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** The Authorization header of a session token. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** POST /api/session from 127.0.0.1: a new session under `name`, or, with `token`, its renewal. */
export function session(baseUrl: string, name: string, token?: string, from = '127.0.0.1'): Promise<Answer> {
  return requestFrom(from, `${baseUrl}/api/session`, { body: { name }, headers: token ? bearer(token) : {} });
}

/** A new session's answer body, failing the test unless it was a 201. */
export async function newSession(
  baseUrl: string,
  name: string,
): Promise<{ token: string; authorId: string; name: string; expiresAt: string }> {
  const answer = await session(baseUrl, name);
  if (answer.status !== 201) throw new Error(`POST /api/session answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** A post to `room`, with the session `token` when given, from `from`. */
export function postAs(baseUrl: string, room: string, body: object, token?: string, from = '127.0.0.1'): Promise<Answer> {
  return requestFrom(from, `${baseUrl}/api/rooms/${room}/messages`, { body, headers: token ? bearer(token) : {} });
}

/** A stream ticket for `room` asked for with the session `token`. */
export async function ticketFor(baseUrl: string, room: string, token: string): Promise<string> {
  const answer = await requestFrom('127.0.0.1', `${baseUrl}/api/stream-tickets`, { body: { room }, headers: bearer(token) });
  if (answer.status !== 201) throw new Error(`POST /api/stream-tickets answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body.ticket;
}
