import type { PresencePerson } from '@herald/contracts';
import type { PresenceSnapshot } from './presence-store';

/** Whom an open stream counts as: a display name, verified by an author id (a guest session, a token) or not. */
export interface PresenceMember {
  name: string;
  /** Null for a stream opened with a bare `?name=`: nothing says who typed the name. */
  authorId: string | null;
}

/** Display names cannot hold control characters, so this one cannot be part of a name. */
const SEPARATOR = '\u0001';

/**
 * A member as one string, the key its streams are counted under (in memory and in Redis hashes): the bare
 * name for an unverified stream, as before there were author ids, else the name and the author id.
 */
export function memberKey({ name, authorId }: PresenceMember): string {
  return authorId === null ? name : `${name}${SEPARATOR}${authorId}`;
}

export function memberOfKey(key: string): PresenceMember {
  const at = key.indexOf(SEPARATOR);
  return at === -1 ? { name: key, authorId: null } : { name: key.slice(0, at), authorId: key.slice(at + 1) };
}

/**
 * Who is in a room, from its named streams per member key and its anonymous streams: the distinct names,
 * and the people, one per author id (a session streaming under two names for a moment, while it renames,
 * is still one person) and one per unverified name, sorted by name and then author id.
 */
export function snapshotOf(named: Iterable<[string, number]>, anonymous: number): PresenceSnapshot {
  let connections = anonymous;
  const names = new Set<string>();
  const people = new Map<string, PresencePerson>();
  for (const [key, count] of [...named].sort(([a], [b]) => compare(a, b))) {
    if (count <= 0) continue;
    connections += count;
    const { name, authorId } = memberOfKey(key);
    names.add(name);
    const identity = authorId === null ? `name:${name}` : `id:${authorId}`;
    if (!people.has(identity)) people.set(identity, authorId === null ? { name } : { name, authorId });
  }
  const sorted = [...people.values()].sort((a, b) => compare(a.name, b.name) || compare(a.authorId ?? '', b.authorId ?? ''));
  return { online: [...names].sort(), people: sorted, connections };
}

/** Code unit order, as `Array.prototype.sort` orders names: the same on every instance, whatever its locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
