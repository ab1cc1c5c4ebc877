import type { ChatMessage } from '@herald/contracts';
import { compareEventIds, isEventId } from '@herald/contracts';

const byId = (a: ChatMessage, b: ChatMessage) => compareEventIds(a.id, b.id);

/** What {@link mergeById} did: the merged list, and the messages of `incoming` that were new to it, in order. */
export interface Merged {
  messages: readonly ChatMessage[];
  added: readonly ChatMessage[];
}

/**
 * Merges `incoming` (live events, a replay, or an older page) into `current`, oldest first, each id once.
 * Returns `current` itself when nothing was new, so a signal holding it does not notify.
 */
export function mergeMessages(current: readonly ChatMessage[], incoming: readonly ChatMessage[]): readonly ChatMessage[] {
  return mergeById(current, incoming).messages;
}

/**
 * {@link mergeMessages}, also telling which messages were added. `current` must be in id order with each id
 * once (as every list this returns is): then order alone finds a duplicate, with no index of the ids. A live
 * message newer than all held, or an older page, is placed with one comparison; a message already held (a
 * replay overlapping what is shown) is found by binary search and changes nothing. Only ranges that overlap
 * take one pass over both lists.
 */
export function mergeById(current: readonly ChatMessage[], incoming: readonly ChatMessage[]): Merged {
  const fresh = inIdOrder(incoming);
  const unchanged: Merged = { messages: current, added: [] };
  const first = current[0];
  const last = current.at(-1);
  if (fresh.length === 0) return unchanged;
  if (first === undefined || last === undefined || byId(last, fresh[0]) < 0) return { messages: [...current, ...fresh], added: fresh };
  if (byId(fresh[fresh.length - 1], first) < 0) return { messages: [...fresh, ...current], added: fresh };
  if (fresh.length === 1) {
    const at = lowerBound(current, fresh[0]);
    if (byId(current[at], fresh[0]) === 0) return unchanged;
    return { messages: [...current.slice(0, at), fresh[0], ...current.slice(at)], added: fresh };
  }
  // Overlapping ranges: one pass over both, keeping the copy already held of an id seen twice.
  const messages: ChatMessage[] = [];
  const added: ChatMessage[] = [];
  let i = 0;
  let j = 0;
  while (i < current.length || j < fresh.length) {
    const order = j === fresh.length ? -1 : i === current.length ? 1 : byId(current[i], fresh[j]);
    if (order <= 0) messages.push(current[i++]);
    if (order === 0) j++;
    if (order > 0) {
      messages.push(fresh[j]);
      added.push(fresh[j++]);
    }
  }
  return added.length === 0 ? unchanged : { messages, added };
}

/**
 * `incoming` sorted by id, each id once. A message whose id is not an event id is left out: it could be
 * neither placed in order nor resumed from. A live event (one message) or a page (already sorted) costs little.
 */
function inIdOrder(incoming: readonly ChatMessage[]): ChatMessage[] {
  const valid = incoming.filter((message) => isEventId(message.id));
  if (valid.length < 2) return valid;
  valid.sort(byId);
  return valid.filter((message, index) => index === 0 || byId(valid[index - 1], message) !== 0);
}

/** Index of the first message of `list` whose id is not below `message`'s (`list.length` when none is). */
function lowerBound(list: readonly ChatMessage[], message: ChatMessage): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (byId(list[middle], message) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
