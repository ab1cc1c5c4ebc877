import type { PresenceNotice, ResetNotice } from '@herald/chat-client';
import type { ChatMessage } from '@herald/contracts';
import { relativeTime } from './time-format';
import { RESET_TEXT, buildTimeline } from './timeline';

const at = (day: number, hour: number, minute = 0) => new Date(2025, 2, day, hour, minute).toISOString();
const message = (id: string, sentAt: string, author = 'Bob'): ChatMessage => ({ id, room: 'lobby', author, text: id, sentAt });
const NOW = new Date(2025, 2, 4, 12, 0).getTime();

describe('buildTimeline', () => {
  it('puts a separator before the first message of each day, saying Today and Yesterday where it can', () => {
    const items = buildTimeline(
      [message('1-0', at(1, 9)), message('2-0', at(3, 23, 50)), message('3-0', at(4, 0, 10)), message('4-0', at(4, 11))],
      [],
      null,
      NOW,
      'en-US',
    );
    expect(items.map((item) => (item.kind === 'day' ? item.label : item.key))).toEqual([
      'Saturday, March 1',
      '1-0',
      'Yesterday',
      '2-0',
      'Today',
      '3-0',
      '4-0',
    ]);
  });

  it('places notices after the message that was newest when they happened, and sets own messages apart', () => {
    const notice = (key: number, afterId: string | null): PresenceNotice => ({
      key,
      name: 'Cy',
      change: key % 2 ? 'joined' : 'left',
      at: at(4, 11, 30),
      afterId,
    });
    const items = buildTimeline(
      [message('1-0', at(4, 11)), message('2-0', at(4, 11, 5), 'Ada')],
      [notice(1, null), notice(2, '1-0'), notice(3, '0-5')],
      'Ada',
      NOW,
      'en-US',
    );
    expect(items.map((item) => (item.kind === 'notice' ? item.text : item.key))).toEqual([
      'Cy joined',
      'day-2025-03-04',
      '1-0',
      'Cy left',
      '2-0',
      'Cy joined',
    ]);
    expect(items.filter((item) => item.kind === 'message').map((item) => item.own)).toEqual([false, true]);
  });

  it('heads a view that started over with the reset’s line, timed like a notice, then the notices of an empty room', () => {
    const reset: ResetNotice = { key: 7, reason: 'unknown-id', at: at(4, 11, 58) };
    const joined: PresenceNotice = { key: 8, name: 'Ada', change: 'joined', at: at(4, 11, 59), afterId: null };
    const items = buildTimeline([message('5-0', at(3, 9))], [joined], null, NOW, 'en-US', reset);
    expect(items.map((item) => (item.kind === 'notice' ? item.text : item.key))).toEqual([
      RESET_TEXT,
      'Ada joined',
      'day-2025-03-03',
      '5-0',
    ]);
    expect(items[0]).toMatchObject({ key: 'reset-7', relative: '2 min ago', datetime: reset.at });
    expect(buildTimeline([], [], null, NOW, 'en-US', null)).toEqual([]);
  });
});

describe('relativeTime', () => {
  it.each([
    [10_000, 'just now'],
    [90_000, '2 min ago'],
    [59 * 60_000, '59 min ago'],
    [2.5 * 3_600_000, '2 h ago'],
  ])('says %d ms ago as "%s"', (age, expected) => {
    expect(relativeTime(new Date(NOW - age).toISOString(), NOW, 'en-US')).toBe(expected);
  });

  it('gives the time of day for anything older than a few hours', () => {
    // Intl puts a narrow no-break space before PM.
    expect(relativeTime(at(3, 15, 7), NOW, 'en-US')).toMatch(/^3:07\sPM$/);
  });
});
