import type { ChatMessage } from '@herald/contracts';

/** How long after a message the same author's next one still belongs with it. */
export const GROUP_WINDOW_MS = 5 * 60_000;

/**
 * Whether `next`, shown right after `previous`, continues its group: the same author within
 * {@link GROUP_WINDOW_MS}, so it is shown without repeating the author and time. The one place that decides
 * who "the same author" is: the same name and the same author id (or none for both), so two people who chose
 * one name never share a group. System notices stand alone.
 */
export function continuesGroup(previous: ChatMessage, next: ChatMessage): boolean {
  const gap = Date.parse(next.sentAt) - Date.parse(previous.sentAt);
  const sameAuthor = next.author === previous.author && next.authorId === previous.authorId && next.origin === previous.origin;
  return sameAuthor && next.origin !== 'system' && gap >= 0 && gap <= GROUP_WINDOW_MS;
}
