import { formatDate } from '@angular/common';
import type { ChatApiError } from '@herald/chat-client';
import { dayKey } from './time-format';

/**
 * The line that says why the composer is off: banned from the room until when, in local time (with the date
 * unless it is today), and why when the moderator gave a reason.
 */
export function banNotice(ban: ChatApiError, room: string, now: number, locale: string): string {
  const until = ban.bannedUntil ?? '';
  if (Number.isNaN(Date.parse(until))) return `You are banned from #${room}: ${ban.message}`;
  const reason = ban.banReason;
  return `You are banned from #${room} until ${localTime(until, now, locale)}${reason ? ` (${reason})` : ''}.`;
}

/** A time to come, in local time: "10:42 AM" today, "Dec 2, 2026, 10:42 AM" on another day. */
export function localTime(iso: string, now: number, locale: string): string {
  const time = formatDate(iso, 'shortTime', locale);
  return dayKey(iso, locale) === dayKey(now, locale) ? time : `${formatDate(iso, 'mediumDate', locale)}, ${time}`;
}
