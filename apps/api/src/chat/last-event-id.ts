/**
 * The id to resume after: the `Last-Event-ID` header wins, because EventSource sends it with the newest
 * id when it reconnects, while the URL still carries the `?lastEventId=` it was first opened with.
 */
export function pickLastEventId(header: string | undefined, query: unknown): string | null {
  if (typeof header === 'string' && header.trim() !== '') return header.trim();
  if (typeof query === 'string' && query.trim() !== '') return query.trim();
  return null;
}
