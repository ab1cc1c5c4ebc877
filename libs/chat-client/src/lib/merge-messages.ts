import type { ChatMessage } from '@herald/contracts';
import { compareEventIds } from '@herald/contracts';

const byId = (a: ChatMessage, b: ChatMessage) => compareEventIds(a.id, b.id);

/**
 * Merges `incoming` (live events, a replay, or an older page) into `current`, oldest first, each id once.
 * Returns `current` itself when nothing was new, so a signal holding it does not notify.
 */
export function mergeMessages(current: readonly ChatMessage[], incoming: readonly ChatMessage[]): readonly ChatMessage[] {
  const known = new Set(current.map((m) => m.id));
  const fresh: ChatMessage[] = [];
  for (const message of incoming) {
    if (known.has(message.id)) continue;
    known.add(message.id);
    fresh.push(message);
  }
  if (fresh.length === 0) return current;
  fresh.sort(byId);
  const first = current[0];
  const last = current.at(-1);
  // The usual cases, appended live or prepended from an older page, need no full sort.
  if (last === undefined || byId(last, fresh[0]) < 0) return [...current, ...fresh];
  if (byId(fresh[fresh.length - 1], first) < 0) return [...fresh, ...current];
  return [...current, ...fresh].sort(byId);
}
