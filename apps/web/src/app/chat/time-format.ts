import { formatDate } from '@angular/common';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** "just now", "5 min ago", "2 h ago", then the time of day (a day separator above gives the date). */
export function relativeTime(iso: string, now: number, locale: string): string {
  const age = now - Date.parse(iso);
  if (age < 45_000) return 'just now';
  if (age < HOUR) return `${Math.max(1, Math.round(age / MINUTE))} min ago`;
  if (age < 6 * HOUR) return `${Math.floor(age / HOUR)} h ago`;
  return formatDate(iso, 'shortTime', locale);
}

/** The exact time, for a title: "Mar 4, 2025, 9:05:00 AM". */
export function exactTime(iso: string, locale: string): string {
  return formatDate(iso, 'medium', locale);
}

/** Local calendar day of a time, as `yyyy-MM-dd`. */
export function dayKey(iso: string | number, locale: string): string {
  return formatDate(iso, 'yyyy-MM-dd', locale);
}

/** "Today", "Yesterday", "Monday, March 3", or with the year when it is not this year's. */
export function dayLabel(iso: string, now: number, locale: string): string {
  const key = dayKey(iso, locale);
  if (key === dayKey(now, locale)) return 'Today';
  const yesterday = new Date(now);
  yesterday.setDate(yesterday.getDate() - 1);
  if (key === dayKey(yesterday.getTime(), locale)) return 'Yesterday';
  const sameYear = key.slice(0, 4) === dayKey(now, locale).slice(0, 4);
  return formatDate(iso, sameYear ? 'EEEE, MMMM d' : 'EEEE, MMMM d, y', locale);
}
