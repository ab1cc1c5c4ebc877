import type { ChatMessage } from '@herald/contracts';
import { GROUP_WINDOW_MS, continuesGroup } from './message-group';

const T0 = Date.parse('2025-03-04T09:00:00.000Z');
const message = (author: string, after: number): ChatMessage => ({
  id: `${T0 + after}-0`,
  room: 'lobby',
  author,
  text: 'hi',
  sentAt: new Date(T0 + after).toISOString(),
});

describe('continuesGroup', () => {
  it('groups the same author’s next message within the window', () => {
    expect(continuesGroup(message('Ada', 0), message('Ada', 30_000))).toBe(true);
    expect(continuesGroup(message('Ada', 0), message('Ada', GROUP_WINDOW_MS))).toBe(true);
  });

  it('starts a new group for another author, or after the window', () => {
    expect(continuesGroup(message('Ada', 0), message('Grace', 1_000))).toBe(false);
    expect(continuesGroup(message('Ada', 0), message('Ada', GROUP_WINDOW_MS + 1))).toBe(false);
  });

  it('keeps two people who chose one name in groups of their own, and system notices alone', () => {
    const ada = { ...message('Ada', 0), authorId: 'id-of-one-ada' };
    expect(continuesGroup(ada, { ...message('Ada', 1_000), authorId: 'id-of-one-ada' })).toBe(true);
    expect(continuesGroup(ada, { ...message('Ada', 1_000), authorId: 'id-of-another-ada' })).toBe(false);
    expect(continuesGroup(ada, message('Ada', 1_000))).toBe(false);
    const notice = { ...message('system', 0), origin: 'system' as const };
    expect(continuesGroup(notice, { ...message('system', 1_000), origin: 'system' as const })).toBe(false);
  });

  it('does not group a message timed before the one above it (clocks of two servers)', () => {
    expect(continuesGroup(message('Ada', 60_000), message('Ada', 0))).toBe(false);
  });
});
