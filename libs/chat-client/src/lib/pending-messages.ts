import type { ChatMessage } from '@herald/contracts';
import type { ChatApiError } from './chat-api-error';
import type { PendingMessage } from './pending-message';

/** What the reader sent: the rest of a {@link PendingMessage} follows from the post. */
export type NewPendingMessage = Pick<PendingMessage, 'key' | 'author' | 'text' | 'at'>;

/**
 * The rules of the pending list, for `chatReducer`: each returns the list itself when nothing changed, so a
 * signal holding the state does not notify.
 */

/** A new message on its way, after the others. */
export function startSend(pending: readonly PendingMessage[], sent: NewPendingMessage): readonly PendingMessage[] {
  if (pending.some((p) => p.key === sent.key)) return pending;
  return [...pending, { ...sent, state: 'sending', id: null, error: null }];
}

/** A failed message is on its way again. */
export function retrySend(pending: readonly PendingMessage[], key: string): readonly PendingMessage[] {
  return update(pending, key, (p) => (p.state === 'failed' ? { ...p, state: 'sending', error: null } : p));
}

/** Accepted as `id`: it waits for the stream, unless the stream was faster than the answer. */
export function acceptSend(
  pending: readonly PendingMessage[],
  key: string,
  id: string,
  messages: readonly ChatMessage[],
): readonly PendingMessage[] {
  if (holds(messages, id)) return discardSend(pending, key);
  return update(pending, key, (p) => ({ ...p, state: 'sent', id, error: null }));
}

export function failSend(pending: readonly PendingMessage[], key: string, error: ChatApiError): readonly PendingMessage[] {
  return update(pending, key, (p) => ({ ...p, state: 'failed', error }));
}

export function discardSend(pending: readonly PendingMessage[], key: string): readonly PendingMessage[] {
  const next = pending.filter((p) => p.key !== key);
  return next.length === pending.length ? pending : next;
}

/** Drops the accepted messages that `added` brought in: they are in the list now. */
export function dropDelivered(pending: readonly PendingMessage[], added: readonly ChatMessage[]): readonly PendingMessage[] {
  if (!pending.some((p) => p.id !== null)) return pending;
  const ids = new Set(added.map((m) => m.id));
  const next = pending.filter((p) => p.id === null || !ids.has(p.id));
  return next.length === pending.length ? pending : next;
}

/** Drops the accepted message `id`, deleted before the stream delivered it: it will never arrive. */
export function dropDeleted(pending: readonly PendingMessage[], id: string): readonly PendingMessage[] {
  const next = pending.filter((p) => p.id !== id);
  return next.length === pending.length ? pending : next;
}

/** Live again: "could not reach the server" is no longer true. Refusals by the server stay. */
export function forgetNetworkFailures(pending: readonly PendingMessage[]): readonly PendingMessage[] {
  if (!pending.some((p) => p.error?.status === 0)) return pending;
  return pending.map((p) => (p.error?.status === 0 ? { ...p, error: null } : p));
}

function update(pending: readonly PendingMessage[], key: string, change: (p: PendingMessage) => PendingMessage) {
  let changed = false;
  const next = pending.map((p) => {
    if (p.key !== key) return p;
    const updated = change(p);
    changed ||= updated !== p;
    return updated;
  });
  return changed ? next : pending;
}

/** Whether `messages` holds `id`; a message just accepted is among the newest, so the search starts there. */
function holds(messages: readonly ChatMessage[], id: string): boolean {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i].id === id) return true;
  return false;
}
