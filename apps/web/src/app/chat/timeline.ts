import type { PendingMessage, PresenceNotice, ResetNotice } from '@herald/chat-client';
import type { ChatMessage } from '@herald/contracts';
import { continuesGroup } from './message-group';
import { linkify } from './message-links';
import { type MessagePart, markMentions } from './message-mentions';
import { type Reader, isOwn } from '@herald/chat-client';
import { dayKey, dayLabel, exactTime, relativeTime } from './time-format';

/** One row of the message list. */
export type TimelineItem =
  | { kind: 'day'; key: string; label: string; datetime: string }
  | {
      kind: 'message';
      key: string;
      message: ChatMessage;
      /** The text in plain runs, links and mentions. */
      parts: readonly MessagePart[];
      own: boolean;
      /** Someone else's message that mentions the reader by name. */
      mentionsYou: boolean;
      /** When its author last edited it, or null for a message never edited. */
      edited: { exact: string; datetime: string } | null;
      /** Posted with a session (or a token, or an API key): the name is its author's. False: anyone may have typed it. */
      verified: boolean;
      /** Continues the group of the message above: shown without repeating author and time. */
      grouped: boolean;
      relative: string;
      exact: string;
    }
  /** A join or leave (`name` and then `text`, "joined" or "left"), or the line of a reset (no name). */
  | { kind: 'notice'; key: string; name: string | null; text: string; relative: string; exact: string; datetime: string }
  | { kind: 'pending'; key: string; pending: PendingMessage }
  /** The line above the first message that came since the reader was last here. */
  | { kind: 'new'; key: string };

/** What else the timeline shows besides the messages and notices. */
export interface TimelineExtras {
  /** The line of a view that started over, at the top. */
  resetNotice?: ResetNotice | null;
  /** The reader's messages on their way, last. */
  pending?: readonly PendingMessage[];
  /** The names the room knows, which an `@` may mention. */
  names?: readonly string[];
  /** The id of the first message new since the reader was here: a line goes above it. */
  newSince?: string | null;
}

/**
 * The line at the top of a view that started over. Both reasons read the same: which one it was (a restart,
 * another deployment, a trimmed history) is the server's business, and the reader can do nothing about it.
 */
export const RESET_TEXT = 'Earlier messages are no longer available on the server';

/** Each message's parts, worked out once per list of names: the timeline is rebuilt on every tick of the clock. */
const partsOf = new WeakMap<ChatMessage, { names: readonly string[]; parts: readonly MessagePart[] }>();

/**
 * Messages in order with a separator at each new local day, and presence notices after the message that
 * was newest when they happened (at the end when that message is no longer held). A reset's line heads it all:
 * what follows is everything the server still holds. A message directly below one it continues the group of
 * is marked `grouped`; a message is `own` when the reader's session wrote it ({@link isOwn}). The known `names`
 * are set apart where an `@` mentions them. The line of what is new goes above the message `newSince`. The reader's
 * pending messages come last, in the order sent.
 */
export function buildTimeline(
  messages: readonly ChatMessage[],
  notices: readonly PresenceNotice[],
  reader: Reader | null,
  now: number,
  locale: string,
  { resetNotice = null, pending = [], names = [], newSince = null }: TimelineExtras = {},
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
    if (message.id === newSince) items.push({ kind: 'new', key: 'new-since' });
    // Only a message right above continues a group: a day separator, a notice or the new line in between ends it.
    const above = items.at(-1);
    const parts = partsFor(message, names, reader?.name ?? null);
    const own = isOwn(message, reader);
    items.push({
      kind: 'message',
      key: message.id,
      message,
      parts,
      own,
      mentionsYou: !own && parts.some((part) => part.mention === 'you'),
      edited: message.editedAt === undefined ? null : { exact: exactTime(message.editedAt, locale), datetime: message.editedAt },
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

function partsFor(message: ChatMessage, names: readonly string[], readerName: string | null): readonly MessagePart[] {
  const held = partsOf.get(message);
  if (held?.names === names) return held.parts;
  const parts = markMentions(message.text, linkify(message.text), names, readerName);
  partsOf.set(message, { names, parts });
  return parts;
}
