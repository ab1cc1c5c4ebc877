import type { Request } from 'express';

/**
 * The id to resume after: the `Last-Event-ID` header wins, because EventSource sends it with the newest
 * id when it reconnects, while the URL still carries the `?lastEventId=` it was first opened with.
 */
export function pickLastEventId(header: unknown, query: unknown): string | null {
  if (typeof header === 'string' && header.trim() !== '') return header.trim();
  if (typeof query === 'string' && query.trim() !== '') return query.trim();
  return null;
}

/** The id a stream request asks to resume after (see {@link pickLastEventId}), or null. */
export function lastEventIdOf(request: Request): string | null {
  return pickLastEventId(request.headers['last-event-id'], request.query['lastEventId']);
}
