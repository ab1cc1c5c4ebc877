import type { PresenceNotice, ResetNotice } from '@herald/chat-client';
import type { ChatMessage } from '@herald/contracts';
import { dayKey, dayLabel, exactTime, relativeTime } from './time-format';

/** One row of the message list. */
export type TimelineItem =
  | { kind: 'day'; key: string; label: string; datetime: string }
  | { kind: 'message'; key: string; message: ChatMessage; own: boolean; relative: string; exact: string }
  | { kind: 'notice'; key: string; text: string; relative: string; exact: string; datetime: string };

/**
 * The line at the top of a view that started over. Both reasons read the same: which one it was (a restart,
 * another deployment, a trimmed history) is the server's business, and the reader can do nothing about it.
 */
export const RESET_TEXT = 'Earlier messages are no longer available on the server';

/**
 * Messages in order with a separator at each new local day, and presence notices after the message that
 * was newest when they happened (at the end when that message is no longer held). A reset's line heads it all:
 * what follows is everything the server still holds.
 */
export function buildTimeline(
  messages: readonly ChatMessage[],
  notices: readonly PresenceNotice[],
  ownAuthor: string | null,
  now: number,
  locale: string,
  resetNotice: ResetNotice | null = null,
): TimelineItem[] {
  const noticesAfter = new Map<string | null, PresenceNotice[]>();
  const held = new Set(messages.map((m) => m.id));
  for (const notice of notices) {
    const anchor = notice.afterId === null || held.has(notice.afterId) ? notice.afterId : 'end';
    noticesAfter.set(anchor, [...(noticesAfter.get(anchor) ?? []), notice]);
  }
  const noticeItems = (anchor: string | null): TimelineItem[] =>
    (noticesAfter.get(anchor) ?? []).map((notice) => ({
      kind: 'notice',
      key: `notice-${notice.key}`,
      text: `${notice.name} ${notice.change === 'joined' ? 'joined' : 'left'}`,
      relative: relativeTime(notice.at, now, locale),
      exact: exactTime(notice.at, locale),
      datetime: notice.at,
    }));

  const items: TimelineItem[] = [];
  if (resetNotice !== null) {
    const { key, at } = resetNotice;
    items.push({
      kind: 'notice',
      key: `reset-${key}`,
      text: RESET_TEXT,
      relative: relativeTime(at, now, locale),
      exact: exactTime(at, locale),
      datetime: at,
    });
  }
  items.push(...noticeItems(null));
  let day = '';
  for (const message of messages) {
    const key = dayKey(message.sentAt, locale);
    if (key !== day) {
      day = key;
      items.push({ kind: 'day', key: `day-${key}`, label: dayLabel(message.sentAt, now, locale), datetime: key });
    }
    items.push({
      kind: 'message',
      key: message.id,
      message,
      own: message.author === ownAuthor,
      relative: relativeTime(message.sentAt, now, locale),
      exact: exactTime(message.sentAt, locale),
    });
    items.push(...noticeItems(message.id));
  }
  items.push(...noticeItems('end'));
  return items;
}
