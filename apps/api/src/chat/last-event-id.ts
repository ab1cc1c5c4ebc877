import type { Request } from 'express';

/**
 * The id a stream request asks to resume after, or null: the `Last-Event-ID` header wins, because EventSource
 * sends it with the newest id when it reconnects, while the URL still carries the `?lastEventId=` it was first
 * opened with.
 */
export function lastEventIdOf(request: Request): string | null {
  const header: unknown = request.headers['last-event-id'];
  const query: unknown = request.query['lastEventId'];
  if (typeof header === 'string' && header.trim() !== '') return header.trim();
  if (typeof query === 'string' && query.trim() !== '') return query.trim();
  return null;
}
