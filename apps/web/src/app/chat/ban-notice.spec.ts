import { ChatApiError } from '@herald/chat-client';
import { banNotice } from './ban-notice';

/** A time given in local time, as the server sends it (UTC, ISO 8601). */
const local = (day: number, hours: number, minutes = 0) => new Date(2026, 11, day, hours, minutes).toISOString();
const now = Date.parse(local(2, 9));
/** The line with the narrow no-break space Angular puts before AM/PM as a plain one. */
const notice = (...args: Parameters<typeof banNotice>) => banNotice(...args).replace(/\u202f/g, ' ');
const ban = (until: string, why = '') =>
  new ChatApiError(`you are banned from the room "lobby" until ${until}${why ? ` (${why})` : ''}`, 403, until, why || null);

describe('banNotice', () => {
  it('says until when in local time, and why when the moderator gave a reason', () => {
    expect(notice(ban(local(2, 10), 'spam'), 'lobby', now, 'en-US')).toBe('You are banned from #lobby until 10:00 AM (spam).');
    expect(notice(ban(local(2, 10)), 'lobby', now, 'en-US')).toBe('You are banned from #lobby until 10:00 AM.');
  });

  it('keeps a reason with parentheses of its own whole', () => {
    expect(notice(ban(local(2, 10), 'links (again)'), 'lobby', now, 'en-US')).toContain('(links (again)).');
  });

  it('gives the date of a ban that ends on another day', () => {
    expect(notice(ban(local(3, 9, 30)), 'news', now, 'en-US')).toBe('You are banned from #news until Dec 3, 2026, 9:30 AM.');
  });

  it('falls back to the server’s own words when the end is unreadable', () => {
    const odd = new ChatApiError('you are banned for a while', 403, 'soon');
    expect(notice(odd, 'lobby', now, 'en-US')).toBe('You are banned from #lobby: you are banned for a while');
  });
});
