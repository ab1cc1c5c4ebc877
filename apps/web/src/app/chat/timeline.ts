import type { PendingMessage, PresenceNotice, ResetNotice } from '@herald/chat-client';
import type { ChatMessage } from '@herald/contracts';
import { continuesGroup } from './message-group';
import { type TextPart, linkify } from './message-links';
import { type Reader, isOwn } from '@herald/chat-client';
import { dayKey, dayLabel, exactTime, relativeTime } from './time-format';

/** One row of the message list. */
export type TimelineItem =
  | { kind: 'day'; key: string; label: string; datetime: string }
  | {
      kind: 'message';
      key: string;
      message: ChatMessage;
      /** The text in plain runs and links. */
      parts: readonly TextPart[];
      own: boolean;
      /** Posted with a session (or a token, or an API key): the name is its author's. False: anyone may have typed it. */
      verified: boolean;
      /** Continues the group of the message above: shown without repeating author and time. */
      grouped: boolean;
      relative: string;
      exact: string;
    }
  /** A join or leave (`name` and then `text`, "joined" or "left"), or the line of a reset (no name). */
  | { kind: 'notice'; key: string; name: string | null; text: string; relative: string; exact: string; datetime: string }
  | { kind: 'pending'; key: string; pending: PendingMessage };

/**
 * The line at the top of a view that started over. Both reasons read the same: which one it was (a restart,
 * another deployment, a trimmed history) is the server's business, and the reader can do nothing about it.
 */
export const RESET_TEXT = 'Earlier messages are no longer available on the server';

/** Each message's parts, worked out once: the timeline is rebuilt on every tick of the clock. */
const partsOf = new WeakMap<ChatMessage, readonly TextPart[]>();

/**
 * Messages in order with a separator at each new local day, and presence notices after the message that
 * was newest when they happened (at the end when that message is no longer held). A reset's line heads it all:
 * what follows is everything the server still holds. A message directly below one it continues the group of
 * is marked `grouped`; a message is `own` when the reader's session wrote it ({@link isOwn}). The reader's
 * pending messages come last, in the order sent.
 */
export function buildTimeline(
  messages: readonly ChatMessage[],
  notices: readonly PresenceNotice[],
  reader: Reader | null,
  now: number,
  locale: string,
  resetNotice: ResetNotice | null = null,
  pending: readonly PendingMessage[] = [],
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
      name: notice.name,
      text: notice.change === 'joined' ? 'joined' : 'left',
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
      name: null,
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
    // Only a message right above continues a group: a day separator or a notice in between ends it.
    const above = items.at(-1);
    let parts = partsOf.get(message);
    if (parts === undefined) partsOf.set(message, (parts = linkify(message.text)));
    items.push({
      kind: 'message',
      key: message.id,
      message,
      parts,
      own: isOwn(message, reader),
      verified: message.authorId !== undefined,
      grouped: above?.kind === 'message' && continuesGroup(above.message, message),
      relative: relativeTime(message.sentAt, now, locale),
      exact: exactTime(message.sentAt, locale),
    });
    items.push(...noticeItems(message.id));
  }
  items.push(...noticeItems('end'));
  items.push(...pending.map((p): TimelineItem => ({ kind: 'pending', key: `pending-${p.key}`, pending: p })));
  return items;
}
