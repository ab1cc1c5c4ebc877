import type { PendingMessage, PresenceNotice, ResetNotice } from '@herald/chat-client';
import type { ChatMessage } from '@herald/contracts';
import { relativeTime } from './time-format';
import type { Reader } from '@herald/chat-client';
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
      { name: 'Ada', authorId: null },
      NOW,
      'en-US',
    );
    expect(items.map((item) => (item.kind === 'notice' ? `${item.name} ${item.text}` : item.key))).toEqual([
      'Cy joined',
      'day-2025-03-04',
      '1-0',
      'Cy left',
      '2-0',
      'Cy joined',
    ]);
    expect(items.filter((item) => item.kind === 'message').map((item) => item.own)).toEqual([false, true]);
  });

  it('decides "own" by the session’s author id, so a namesake’s messages are not the reader’s', () => {
    const mine = { ...message('1-0', at(4, 11), 'Ada'), authorId: 'id-of-this-ada' };
    const namesake = { ...message('2-0', at(4, 11, 1), 'Ada'), authorId: 'id-of-another-ada' };
    const unverified = message('3-0', at(4, 11, 2), 'Ada');
    const own = (reader: Reader) =>
      buildTimeline([mine, namesake, unverified], [], reader, NOW, 'en-US').flatMap((item) =>
        item.kind === 'message' ? [[item.key, item.own, item.verified]] : [],
      );
    expect(own({ name: 'Ada', authorId: 'id-of-this-ada' })).toEqual([
      ['1-0', true, true],
      ['2-0', false, true],
      ['3-0', false, false],
    ]);
    // Without a session (one not made yet, or a server that signs people in), the name is all there is.
    expect(own({ name: 'Ada', authorId: null })).toEqual([
      ['1-0', true, true],
      ['2-0', true, true],
      ['3-0', true, false],
    ]);
  });

  it('heads a view that started over with the reset’s line, timed like a notice, then the notices of an empty room', () => {
    const reset: ResetNotice = { key: 7, reason: 'unknown-id', at: at(4, 11, 58) };
    const joined: PresenceNotice = { key: 8, name: 'Ada', change: 'joined', at: at(4, 11, 59), afterId: null };
    const items = buildTimeline([message('5-0', at(3, 9))], [joined], null, NOW, 'en-US', { resetNotice: reset });
    expect(items.map((item) => (item.kind === 'notice' ? [item.name, item.text].filter(Boolean).join(' ') : item.key))).toEqual([
      RESET_TEXT,
      'Ada joined',
      'day-2025-03-03',
      '5-0',
    ]);
    expect(items[0]).toMatchObject({ key: 'reset-7', relative: '2 min ago', datetime: reset.at });
    expect(buildTimeline([], [], null, NOW, 'en-US', { resetNotice: null })).toEqual([]);
  });
});

describe('buildTimeline groups', () => {
  const by = (id: string, author: string, hour: number, minute: number, day = 4) => message(id, at(day, hour, minute), author);
  const grouping = (items: ReturnType<typeof buildTimeline>) =>
    items.filter((item) => item.kind === 'message').map((item) => `${item.key}${item.grouped ? ' grouped' : ''}`);

  it('groups consecutive messages by the same author within a few minutes', () => {
    const items = buildTimeline(
      [by('1-0', 'Ada', 9, 0), by('2-0', 'Ada', 9, 2), by('3-0', 'Ada', 9, 4), by('4-0', 'Bob', 9, 5), by('5-0', 'Ada', 9, 6)],
      [],
      { name: 'Ada', authorId: null },
      NOW,
      'en-US',
    );
    expect(grouping(items)).toEqual(['1-0', '2-0 grouped', '3-0 grouped', '4-0', '5-0']);
  });

  it('starts a new group after a pause, a new day, or a notice in between', () => {
    const joined: PresenceNotice = { key: 1, name: 'Cy', change: 'joined', at: at(4, 9, 31), afterId: '3-0' };
    const items = buildTimeline(
      [by('1-0', 'Ada', 23, 59, 3), by('2-0', 'Ada', 0, 1), by('3-0', 'Ada', 9, 30), by('4-0', 'Ada', 9, 31)],
      [joined],
      null,
      NOW,
      'en-US',
    );
    expect(grouping(items)).toEqual(['1-0', '2-0', '3-0', '4-0']);
  });
});

describe('buildTimeline links and pending messages', () => {
  it('splits each message into plain runs and links', () => {
    const [, item] = buildTimeline([{ ...message('1-0', at(4, 9)), text: 'docs at www.herald.example.' }], [], null, NOW, 'en-US');
    expect(item.kind === 'message' && item.parts).toEqual([
      { text: 'docs at ', href: null, mention: null },
      { text: 'www.herald.example', href: 'https://www.herald.example', mention: null },
      { text: '.', href: null, mention: null },
    ]);
  });

  it('marks the messages of others that mention the reader, among the names the room knows', () => {
    const ada = { name: 'Ada', authorId: 'ada-id' };
    const says = (id: string, text: string, authorId?: string) => ({ ...message(id, at(4, 9)), text, ...(authorId ? { authorId } : {}) });
    const items = buildTimeline(
      [says('1-0', 'hi @ada'), says('2-0', 'hi @Bob'), says('3-0', 'me, @Ada', 'ada-id')],
      [],
      ada,
      NOW,
      'en-US',
      {
        names: ['Ada', 'Bob'],
      },
    );
    const marks = items.flatMap((item) =>
      item.kind === 'message' ? [[item.key, item.mentionsYou, item.parts.map((p) => p.mention)]] : [],
    );
    expect(marks).toEqual([
      ['1-0', true, [null, 'you']],
      ['2-0', false, [null, 'other']],
      ['3-0', false, [null, 'you']],
    ]);
  });

  it('says when a message was edited, and never for one that was not', () => {
    const edited = { ...message('1-0', at(4, 9)), editedAt: at(4, 9, 3) };
    const [, first, second] = buildTimeline([edited, message('2-0', at(4, 9, 4))], [], null, NOW, 'en-US');
    // Intl puts a narrow no-break space before AM.
    expect(first.kind === 'message' && first.edited).toEqual({
      exact: expect.stringMatching(/^Mar 4, 2025, 9:03:00\sAM$/),
      datetime: at(4, 9, 3),
    });
    expect(second.kind === 'message' && second.edited).toBeNull();
  });

  it('puts the line of what is new above the first new message, ending the group above it', () => {
    const items = buildTimeline([message('1-0', at(4, 9)), message('2-0', at(4, 9, 1))], [], null, NOW, 'en-US', { newSince: '2-0' });
    expect(items.map((item) => item.key)).toEqual(['day-2025-03-04', '1-0', 'new-since', '2-0']);
    const last = items.at(-1);
    expect(last?.kind === 'message' && last.grouped).toBe(false);
  });

  it('puts the reader’s pending messages last, after the notices at the end', () => {
    const left: PresenceNotice = { key: 2, name: 'Cy', change: 'left', at: at(4, 11, 30), afterId: 'gone' };
    const pending: PendingMessage = {
      key: 'k1',
      author: 'Ada',
      text: 'on its way',
      at: at(4, 11, 59),
      state: 'sending',
      id: null,
      error: null,
    };
    const items = buildTimeline([message('1-0', at(4, 11))], [left], { name: 'Ada', authorId: null }, NOW, 'en-US', { pending: [pending] });
    expect(items.map((item) => item.key)).toEqual(['day-2025-03-04', '1-0', 'notice-2', 'pending-k1']);
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
