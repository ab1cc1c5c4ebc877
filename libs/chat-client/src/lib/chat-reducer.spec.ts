import {
  CHAT_EVENT,
  type ChatMessage,
  type HistoryPage,
  type PresenceUpdate,
  type StreamReset,
  type StreamResetReason,
  TYPING_HOLD_MS,
} from '@herald/contracts';
import type { ChatAction } from './chat-action';
import { ChatApiError } from './chat-api-error';
import { chatReducer } from './chat-reducer';
import { type ChatState, DEFAULT_MAX_MESSAGES, MAX_DELETED_IDS, initialChatState } from './chat-state';
import { MAX_NOTICES, REJOIN_WINDOW_MS } from './presence-notices';

const T0 = Date.parse('2025-01-01T12:00:00.000Z');

const message = (id: string, author = 'Bob', text = `text ${id}`): ChatMessage => ({
  id,
  room: 'lobby',
  author,
  text,
  sentAt: '2025-01-01T12:00:00.000Z',
});
/** Messages `from-0` … `to-0`. */
const numbered = (from: number, to: number, author = 'Bob') =>
  Array.from({ length: to - from + 1 }, (_, i) => message(`${from + i}-0`, author));
const page = (messages: ChatMessage[], hasMore = false): HistoryPage => ({ room: 'lobby', messages, hasMore });
const update = (online: string[], change: Partial<PresenceUpdate> = {}): PresenceUpdate => ({
  room: 'lobby',
  online,
  people: online.map((name) => ({ name })),
  connections: online.length,
  ...change,
});

const live = (data: ChatMessage, at = T0): ChatAction => ({ type: 'received', event: { type: CHAT_EVENT.message, data }, at });
const presence = (data: PresenceUpdate, at = T0): ChatAction => ({ type: 'received', event: { type: CHAT_EVENT.presence, data }, at });
const resetTo = (oldestId: string | null, reason: StreamResetReason = 'history-trimmed', at = T0): ChatAction => {
  const data: StreamReset = { reason, lastEventId: '999-0', oldestId };
  return { type: 'received', event: { type: CHAT_EVENT.reset, data }, at };
};
const deleted = (id: string, room = 'lobby'): ChatAction => ({
  type: 'received',
  event: { type: CHAT_EVENT.deleted, data: { id, room, deletedBy: 'moderator', deletedAt: '2025-01-01T12:10:00.000Z' } },
  at: T0,
});
const newest = (messages: ChatMessage[], hasMore = false): ChatAction => ({ type: 'newest-page', page: page(messages, hasMore) });
const typing = (name: string, authorId = `id-${name}`, at = T0, room = 'lobby'): ChatAction => ({
  type: 'received',
  event: { type: CHAT_EVENT.typing, data: { room, name, authorId, until: new Date(at + TYPING_HOLD_MS).toISOString() } },
  at,
});
const edited = (data: ChatMessage): ChatAction => ({ type: 'received', event: { type: CHAT_EVENT.edited, data }, at: T0 });
const withEdit = (original: ChatMessage, text: string, editedAt = '2025-01-01T12:05:00.000Z'): ChatMessage => ({
  ...original,
  text,
  editedAt,
});
const older = (messages: ChatMessage[], hasMore = false): ChatAction => ({ type: 'older-loaded', page: page(messages, hasMore) });

/** Deep-freezes what it is given, so a reducer that changed its input would throw. */
function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    Object.values(value).forEach(frozen);
  }
  return value;
}

/** Applies the actions in turn, to frozen states only. */
const run = (state: ChatState, ...actions: ChatAction[]) => actions.reduce((s, action) => chatReducer(frozen(s), frozen(action)), state);
/** A stream connected to the lobby as Ada, holding at most `maxMessages`. */
const connected = (maxMessages?: number, name: string | null = 'Ada') =>
  run(initialChatState(maxMessages), { type: 'connect', room: 'lobby', name });
const ids = (state: ChatState) => state.messages.map((m) => m.id);

describe('chatReducer', () => {
  describe('messages', () => {
    it('orders messages by id, numerically by both parts, whichever order they arrive in', () => {
      const state = run(connected(), live(message('5-10')), live(message('5-9')), live(message('40-0')), live(message('5-2')));
      expect(ids(state)).toEqual(['5-2', '5-9', '5-10', '40-0']);
    });

    it('shows each id once across the seam of history and live events, keeping the copy it had', () => {
      const state = run(
        connected(),
        newest([message('1-0'), message('2-0')]),
        live(message('2-0', 'Bob', 'replayed')),
        live(message('3-0')),
        live(message('3-0')),
      );
      expect(ids(state)).toEqual(['1-0', '2-0', '3-0']);
      expect(state.messages[1].text).toBe('text 2-0');
    });

    it('returns the very same state for a message it already holds, so nothing downstream is told of a change', () => {
      const state = run(connected(), newest([message('1-0'), message('2-0'), message('3-0')]));
      expect(chatReducer(state, live(message('2-0')))).toBe(state);
      expect(chatReducer(state, live(message('3-0')))).toBe(state);
    });

    it('places a message that arrives late between the ones around it', () => {
      const state = run(connected(), newest([message('1-0'), message('3-0')]), live(message('2-0')));
      expect(ids(state)).toEqual(['1-0', '2-0', '3-0']);
    });

    it('fills a gap with recent history that overlaps both ends of what is held', () => {
      const state = run(connected(), newest([message('3-0'), message('5-0')]), { type: 'gap-filled', messages: numbered(1, 6) });
      expect(ids(state)).toEqual(['1-0', '2-0', '3-0', '4-0', '5-0', '6-0']);
    });

    it('puts an older page before what is held, once per id where the page overlaps it', () => {
      const state = run(connected(), newest(numbered(51, 100), true), { type: 'older-requested' }, older(numbered(1, 51), false));
      expect(ids(state)).toEqual(numbered(1, 100).map((m) => m.id));
      expect(state.hasMore).toBe(false);
      expect(state.loadingOlder).toBe(false);
    });

    it('leaves out a message whose id is not an event id: it could be neither placed nor resumed from', () => {
      const state = run(connected(), newest([message('1-0'), message('not-an-id'), message('2-0')]));
      expect(ids(state)).toEqual(['1-0', '2-0']);
    });
  });

  describe('reset', () => {
    it('replaces the view with the replay that follows, and says no older messages are known', () => {
      const before = run(connected(), newest(numbered(100, 102), true), live(message('103-0')));
      const afterReset = run(before, resetTo('50-0'));
      expect(afterReset.messages).toEqual([]);
      expect(afterReset.hasMore).toBe(false);
      expect(afterReset.unread).toBe(0);

      const replayed = run(afterReset, live(message('50-0')), live(message('103-0')));
      expect(ids(replayed)).toEqual(['50-0', '103-0']);
    });

    it('keeps the read mark: replayed messages up to it stay read, later ones count', () => {
      const state = run(
        connected(),
        newest([message('100-0')]),
        resetTo('50-0'),
        live(message('50-0')),
        live(message('100-0')),
        live(message('101-0')),
      );
      expect(state.unread).toBe(1);
    });

    it('keeps who is online', () => {
      const before = run(connected(), newest([message('1-0')]), presence(update(['Ada', 'Bob'], { joined: 'Bob' })));
      const state = run(before, resetTo(null));
      expect(state.presence).toBe(before.presence);
    });

    it('puts one line where the view starts over, saying when and why, ahead of the replay', () => {
      const before = run(connected(), newest([message('100-0')]), presence(update(['Ada', 'Bob'], { joined: 'Bob' })));
      expect(before.resetNotice).toBeNull();

      const state = run(before, resetTo('50-0', 'unknown-id', T0 + 60_000), live(message('50-0')), live(message('51-0')));
      expect(state.resetNotice).toEqual({ key: 2, reason: 'unknown-id', at: '2025-01-01T12:01:00.000Z' });
      expect(ids(state)).toEqual(['50-0', '51-0']);
    });

    it('drops the join and leave notices of the view it replaces, so a join the server announces anew shows once', () => {
      const before = run(
        connected(),
        presence(update(['Ada'], { joined: 'Ada' })),
        newest([message('100-0')]),
        presence(update(['Ada', 'Bob'], { joined: 'Bob' })),
        presence(update(['Ada'], { left: 'Bob' }), T0 + REJOIN_WINDOW_MS),
      );
      expect(before.notices).toHaveLength(3);

      const reset = run(before, resetTo(null, 'unknown-id'));
      expect(reset.notices).toEqual([]);

      const state = run(reset, presence(update(['Ada'], { joined: 'Ada' }), T0 + 2 * REJOIN_WINDOW_MS));
      expect(state.notices.map((n) => `${n.name} ${n.change}`)).toEqual(['Ada joined']);
      expect(state.notices[0].key).toBeGreaterThan(state.resetNotice?.key ?? Infinity);
    });

    it('leaves only the line when the server holds nothing: an empty room', () => {
      const state = run(connected(), newest(numbered(1, 3)), presence(update(['Ada'], { joined: 'Ada' })), resetTo(null, 'unknown-id'));
      expect(state.messages).toEqual([]);
      expect(state.notices).toEqual([]);
      expect(state.resetNotice?.reason).toBe('unknown-id');
      expect(state.hasMore).toBe(false);
      expect(state.unread).toBe(0);
    });

    it('shows one line after two resets: the newest, as a new line', () => {
      const state = run(connected(), newest([message('100-0')]), resetTo(null, 'unknown-id'), resetTo('7-0', 'history-trimmed', T0 + 1));
      expect(state.resetNotice).toEqual({ key: 2, reason: 'history-trimmed', at: '2025-01-01T12:00:00.001Z' });
    });

    it('keeps the line under a new name in the same room, and forgets it in another room', () => {
      const reset = run(connected(), newest([message('100-0')]), resetTo(null));
      expect(run(reset, { type: 'connect', room: 'lobby', name: 'Ada L' }).resetNotice).toBe(reset.resetNotice);
      expect(run(reset, { type: 'connect', room: 'news', name: 'Ada' }).resetNotice).toBeNull();
    });

    it('drops the line once the window lets go of the messages after it, as older pages may then come in above', () => {
      const reset = run(connected(2), newest([message('100-0')]), resetTo(null), live(message('101-0')), live(message('102-0')));
      expect(reset.resetNotice).not.toBeNull();
      const state = run(reset, live(message('103-0')));
      expect(ids(state)).toEqual(['102-0', '103-0']);
      expect(state.hasMore).toBe(true);
      expect(state.resetNotice).toBeNull();
    });
  });

  describe('the cap', () => {
    it(`holds ${DEFAULT_MAX_MESSAGES} messages by default, dropping the oldest as new ones stream in`, () => {
      let state = run(connected(), newest([]));
      for (const m of numbered(1, DEFAULT_MAX_MESSAGES + 5)) state = chatReducer(state, live(m));
      expect(state.messages).toHaveLength(DEFAULT_MAX_MESSAGES);
      expect(state.messages[0].id).toBe('6-0');
      expect(state.messages.at(-1)?.id).toBe(`${DEFAULT_MAX_MESSAGES + 5}-0`);
    });

    it('never holds more than the configured number while messages stream in, and then offers older pages', () => {
      let state = run(connected(3), newest([]));
      expect(state.hasMore).toBe(false);
      for (const m of numbered(1, 20)) {
        state = chatReducer(state, live(m));
        expect(state.messages.length).toBeLessThanOrEqual(3);
      }
      expect(ids(state)).toEqual(['18-0', '19-0', '20-0']);
      expect(state.hasMore).toBe(true);
    });

    it('keeps the newest of a first page larger than the cap, and knows older ones exist', () => {
      const state = run(connected(3), newest(numbered(1, 5), false));
      expect(ids(state)).toEqual(['3-0', '4-0', '5-0']);
      expect(state.hasMore).toBe(true);
    });

    it('keeps the newest when history fills a gap beyond the cap', () => {
      const state = run(connected(3), newest([message('1-0')]), { type: 'gap-filled', messages: numbered(1, 10) });
      expect(ids(state)).toEqual(['8-0', '9-0', '10-0']);
    });

    it('grows the window for an older page the reader asked for, and holds it at that size as messages stream in', () => {
      const paged = run(connected(3), newest(numbered(4, 6), true), { type: 'older-requested' }, older(numbered(1, 3), false));
      expect(ids(paged)).toEqual(['1-0', '2-0', '3-0', '4-0', '5-0', '6-0']);

      let state = paged;
      for (const m of numbered(7, 30)) state = chatReducer(state, live(m));
      expect(state.messages).toHaveLength(6);
      expect(ids(state)).toEqual(['25-0', '26-0', '27-0', '28-0', '29-0', '30-0']);
      expect(state.hasMore).toBe(true);
    });

    it('goes back to the configured size after a reset', () => {
      const paged = run(connected(2), newest(numbered(3, 4), true), older(numbered(1, 2), false));
      const state = run(paged, resetTo('1-0'), ...numbered(1, 4).map((m) => live(m)));
      expect(ids(state)).toEqual(['3-0', '4-0']);
    });

    it('counts unread messages among those it holds', () => {
      const state = run(connected(3), newest([message('1-0')]), ...numbered(2, 6).map((m) => live(m)));
      expect(state.unread).toBe(3);
    });

    it('drops the notices about the time of the messages it dropped, instead of moving them to the end', () => {
      const state = run(
        connected(2),
        newest([]),
        presence(update(['Ada'], { joined: 'Ada' })),
        live(message('1-0')),
        presence(update(['Ada', 'Bob'], { joined: 'Bob' })),
        live(message('2-0')),
        presence(update(['Ada', 'Bob', 'Cy'], { joined: 'Cy' })),
        live(message('3-0')),
      );
      expect(ids(state)).toEqual(['2-0', '3-0']);
      expect(state.notices.map((n) => [n.name, n.afterId])).toEqual([['Cy', '2-0']]);
    });

    it.each([0, -1, 1.5, Number.NaN])('refuses %p as a cap', (maxMessages) => {
      expect(() => initialChatState(maxMessages)).toThrow(RangeError);
    });
  });

  describe('presence', () => {
    it('says who is online, without a notice for a plain snapshot', () => {
      const state = run(connected(), presence(update(['Ada'])));
      expect(state.presence?.online).toEqual(['Ada']);
      expect(state.notices).toEqual([]);
    });

    it('notes joins and leaves after the newest message held, each with its own key', () => {
      const state = run(
        connected(),
        newest([message('100-0')]),
        presence(update(['Ada', 'Bob'], { joined: 'Bob' }), T0),
        live(message('100-1')),
        presence(update(['Bob'], { left: 'Ada' }), T0 + 60_000),
      );
      expect(state.notices).toEqual([
        { key: 1, name: 'Bob', change: 'joined', at: '2025-01-01T12:00:00.000Z', afterId: '100-0' },
        { key: 2, name: 'Ada', change: 'left', at: '2025-01-01T12:01:00.000Z', afterId: '100-1' },
      ]);
    });

    it('anchors a notice in an empty room to no message', () => {
      const state = run(connected(), presence(update(['Bob'], { joined: 'Bob' })));
      expect(state.notices[0].afterId).toBeNull();
    });

    it('drops a leave followed by the same name’s join within the rejoin window (a reload)', () => {
      const state = run(
        connected(),
        presence(update([], { left: 'Ada' }), T0),
        presence(update(['Ada'], { joined: 'Ada' }), T0 + REJOIN_WINDOW_MS - 1),
      );
      expect(state.notices).toEqual([]);
      expect(state.presence?.online).toEqual(['Ada']);
    });

    it('notes both when the name comes back later, or when someone else joins', () => {
      const late = run(
        connected(),
        presence(update([], { left: 'Ada' }), T0),
        presence(update(['Ada'], { joined: 'Ada' }), T0 + REJOIN_WINDOW_MS),
      );
      expect(late.notices.map((n) => `${n.name} ${n.change}`)).toEqual(['Ada left', 'Ada joined']);

      const other = run(connected(), presence(update([], { left: 'Ada' }), T0), presence(update(['Bob'], { joined: 'Bob' }), T0 + 1));
      expect(other.notices.map((n) => `${n.name} ${n.change}`)).toEqual(['Ada left', 'Bob joined']);
    });

    it(`keeps the ${MAX_NOTICES} newest notices`, () => {
      const updates = Array.from({ length: MAX_NOTICES + 10 }, (_, i) => presence(update([`P${i}`], { joined: `P${i}` }), T0 + i));
      const state = run(connected(), ...updates);
      expect(state.notices).toHaveLength(MAX_NOTICES);
      expect(state.notices[0].name).toBe('P10');
    });

    it('keeps the notices list itself for an update that notes nothing', () => {
      const before = run(connected(), presence(update(['Bob'], { joined: 'Bob' })));
      const state = run(before, presence(update(['Bob'])));
      expect(state.notices).toBe(before.notices);
    });
  });

  describe('unread messages', () => {
    it('counts messages by others after the history shown on connect and since the last read', () => {
      let state = run(connected(), newest([message('100-0'), message('100-1')]));
      expect(state.unread).toBe(0);

      state = run(state, live(message('100-2', 'Bob')), live(message('100-3', 'Ada')), live(message('100-4', 'Grace')));
      expect(state.unread).toBe(2);

      state = run(state, { type: 'read' });
      expect(state.unread).toBe(0);
      expect(state.readUpTo).toBe('100-4');
      state = run(state, live(message('100-5', 'Bob')));
      expect(state.unread).toBe(1);
    });

    it('tells the reader by their session: a namesake is someone else, and a session learned later recounts', () => {
      const by = (id: string, authorId: string) => ({ ...message(id, 'Ada'), authorId });
      let state = run(connected(), newest([]), live(by('1-0', 'me')), live(by('2-0', 'other-ada')));
      // Before the session is known, the name decides: both look like the reader's.
      expect(state.unread).toBe(0);
      state = run(state, { type: 'reader', authorId: 'me' });
      expect(state.unread).toBe(1);
      state = run(state, live(by('3-0', 'me')), live(by('4-0', 'other-ada')));
      expect(state.unread).toBe(2);
    });

    it('counts every message by others in a room that was empty', () => {
      const state = run(connected(), newest([]), live(message('1-0', 'Bob')), live(message('2-0', 'Ada')));
      expect(state.unread).toBe(1);
    });

    it('never counts an older page', () => {
      const state = run(connected(), newest(numbered(51, 100), true), older(numbered(1, 50)));
      expect(state.unread).toBe(0);
    });

    it('recounts under a new name in the same room', () => {
      const state = run(connected(), newest([message('1-0')]), live(message('2-0', 'Bob')), live(message('3-0', 'Ada')));
      expect(state.unread).toBe(1);
      expect(run(state, { type: 'connect', room: 'lobby', name: 'Bob' }).unread).toBe(1);
      expect(run(state, { type: 'connect', room: 'lobby', name: null }).unread).toBe(2);
    });

    it('does not mark a later page of history read: only the first one shown is', () => {
      const state = run(connected(), newest([]), newest([message('1-0', 'Bob')]));
      expect(state.unread).toBe(1);
    });

    it('returns the same state when there is nothing new to mark read', () => {
      const state = run(connected(), newest([message('1-0')]));
      expect(chatReducer(state, { type: 'read' })).toBe(state);
      const empty = connected();
      expect(chatReducer(empty, { type: 'read' })).toBe(empty);
    });
  });

  describe('connecting', () => {
    it('starts over in another room, keeping only the cap and the notice keys', () => {
      const lobby = run(connected(7), newest([message('1-0')], true), live(message('2-0')), presence(update(['Bob'], { joined: 'Bob' })), {
        type: 'older-failed',
        message: 'down',
      });
      const news = run(lobby, { type: 'connect', room: 'news', name: 'Ada' });
      expect(news).toEqual({ ...initialChatState(7), room: 'news', name: 'Ada', nextNoticeKey: 2 });
    });

    it('keeps what it holds in the same room under a new name, connecting afresh', () => {
      const denied = run(connected(), newest([message('1-0')], true), {
        type: 'denied',
        error: new ChatApiError('send a token', 401),
      });
      expect(denied.status).toBe('offline');
      expect(denied.accessDenied?.status).toBe(401);

      const state = run(denied, { type: 'connect', room: 'lobby', name: 'Ada L' });
      expect(ids(state)).toEqual(['1-0']);
      expect(state.hasMore).toBe(true);
      expect(state.name).toBe('Ada L');
      expect(state.status).toBe('connecting');
      expect(state.accessDenied).toBeNull();
    });

    it('takes the first page’s word on older messages; a later page (resuming an empty room) does not change it', () => {
      const state = run(connected(), newest([message('1-0')], true));
      expect(state.hasMore).toBe(true);
      expect(run(state, newest([message('1-0')], false)).hasMore).toBe(true);
    });

    it('follows the status, and forgets a refusal once live', () => {
      const denied = run(connected(), { type: 'denied', error: new ChatApiError('no', 403) });
      expect(run(denied, { type: 'status', status: 'reconnecting' }).accessDenied?.status).toBe(403);
      const state = run(denied, { type: 'status', status: 'live' });
      expect(state.status).toBe('live');
      expect(state.accessDenied).toBeNull();
      expect(chatReducer(state, { type: 'status', status: 'live' })).toBe(state);
    });
  });

  describe('messages the reader sent', () => {
    const sent = (key: string, text = `text of ${key}`): ChatAction => ({
      type: 'send-started',
      message: { key, author: 'Ada', text, at: '2025-01-01T12:00:05.000Z' },
    });
    const states = (state: ChatState) => state.pending.map((p) => `${p.key}:${p.state}`);

    it('shows a message as sending at once, in the order sent, then as sent once accepted', () => {
      const state = run(connected(), sent('a', 'first'), sent('b', 'second'));
      expect(state.pending.map((p) => [p.text, p.state, p.author])).toEqual([
        ['first', 'sending', 'Ada'],
        ['second', 'sending', 'Ada'],
      ]);
      expect(states(run(state, { type: 'send-accepted', key: 'a', id: '7-0' }))).toEqual(['a:sent', 'b:sending']);
    });

    it('drops an accepted message once the stream delivers it, and it is never unread', () => {
      const accepted = run(connected(), newest([]), sent('a', 'hello'), { type: 'send-accepted', key: 'a', id: '7-0' });
      const delivered = run(accepted, live(message('7-0', 'Ada', 'hello')));
      expect(delivered.pending).toEqual([]);
      expect(ids(delivered)).toEqual(['7-0']);
      expect(delivered.unread).toBe(0);
    });

    it('drops it at once when the stream delivered it before the post was answered', () => {
      const state = run(connected(), sent('a'), live(message('7-0', 'Ada')), { type: 'send-accepted', key: 'a', id: '7-0' });
      expect(state.pending).toEqual([]);
    });

    it('keeps a failed message with the reason until it is retried or discarded', () => {
      const error = new ChatApiError('text must not contain control characters', 400);
      const failed = run(connected(), sent('a'), sent('b'), { type: 'send-failed', key: 'a', error });
      expect(failed.pending[0]).toMatchObject({ key: 'a', state: 'failed', error });

      const retried = run(failed, { type: 'send-retried', key: 'a' });
      expect(retried.pending[0]).toMatchObject({ state: 'sending', error: null });
      expect(states(run(failed, { type: 'send-discarded', key: 'a' }))).toEqual(['b:sending']);
    });

    it('forgets "could not reach the server" once the stream is live again, but not a refusal by the server', () => {
      const unreachable = new ChatApiError('Could not reach the server. Check your connection and try again.', 0);
      const refused = new ChatApiError('Too many posts: try again in 3 s', 429);
      const offline = run(
        connected(),
        { type: 'status', status: 'reconnecting' },
        sent('a'),
        sent('b'),
        { type: 'send-failed', key: 'a', error: unreachable },
        { type: 'send-failed', key: 'b', error: refused },
      );
      const back = run(offline, { type: 'status', status: 'live' });
      expect(back.pending.map((p) => [p.state, p.error?.message ?? null])).toEqual([
        ['failed', null],
        ['failed', refused.message],
      ]);
    });

    it('keeps pending messages under a new name in the same room, a reset too, and forgets them in another room', () => {
      const state = run(connected(), sent('a'), { type: 'send-accepted', key: 'a', id: '7-0' });
      expect(states(run(state, { type: 'connect', room: 'lobby', name: 'Ada L' }))).toEqual(['a:sent']);
      expect(states(run(state, resetTo('1-0')))).toEqual(['a:sent']);
      expect(run(state, { type: 'connect', room: 'news', name: 'Ada' }).pending).toEqual([]);
    });

    it('changes nothing for a key it does not know, or a retry of a message that did not fail', () => {
      const state = run(connected(), sent('a'));
      for (const action of [
        { type: 'send-accepted', key: 'x', id: '1-0' },
        { type: 'send-failed', key: 'x', error: new ChatApiError('no', 0) },
        { type: 'send-retried', key: 'a' },
        { type: 'send-discarded', key: 'x' },
        sent('a'),
      ] satisfies ChatAction[]) {
        expect(chatReducer(state, action)).toBe(state);
      }
    });
  });

  describe('older pages', () => {
    it('is loading from request to answer, and says why a page failed until the next request', () => {
      const held = run(connected(), newest(numbered(51, 100), true));
      const loading = run(held, { type: 'older-requested' });
      expect(loading.loadingOlder).toBe(true);

      const failed = run(loading, { type: 'older-failed', message: 'Could not reach the server.' });
      expect(failed.loadingOlder).toBe(false);
      expect(failed.olderPageError).toBe('Could not reach the server.');
      expect(failed.hasMore).toBe(true);

      expect(run(failed, { type: 'older-requested' }).olderPageError).toBeNull();
    });

    it('forgets why a page failed once the stream is live again: the reader may simply scroll up again', () => {
      const failed = run(
        connected(),
        newest(numbered(51, 100), true),
        { type: 'status', status: 'reconnecting' },
        { type: 'older-requested' },
        { type: 'older-failed', message: 'Could not reach the server.' },
      );
      expect(run(failed, { type: 'status', status: 'live' }).olderPageError).toBeNull();
    });

    it('stops loading when the stream closes, and changes nothing on a close otherwise', () => {
      const loading = run(connected(), newest(numbered(51, 100), true), { type: 'older-requested' });
      expect(run(loading, { type: 'closed' }).loadingOlder).toBe(false);
      const idle = connected();
      expect(chatReducer(idle, { type: 'closed' })).toBe(idle);
    });
  });

  describe('deleted messages', () => {
    it('takes a deleted message out of the list, and out of the unread count', () => {
      const state = run(connected(), newest([message('1-0')]), live(message('2-0')), live(message('3-0')));
      expect(state.unread).toBe(2);
      const after = run(state, deleted('2-0'));
      expect(ids(after)).toEqual(['1-0', '3-0']);
      expect(after.unread).toBe(1);
    });

    it('never brings a deleted message back: not with a page or a replay that was on its way, nor a gap filled', () => {
      const state = run(connected(), newest(numbered(51, 100), true), deleted('60-0'), deleted('99-0'), { type: 'older-requested' });
      const after = run(
        state,
        older(numbered(1, 60), false),
        { type: 'gap-filled', messages: numbered(90, 100) },
        live(message('99-0')),
        newest(numbered(95, 100)),
      );
      expect(ids(after)).not.toContain('60-0');
      expect(ids(after)).not.toContain('99-0');
      expect(after.messages).toHaveLength(98);
    });

    it('keeps out a message whose tombstone came first (another tab relayed it before this tab had the page)', () => {
      const early = run(connected(), deleted('2-0'));
      expect(early.messages).toEqual([]);
      expect(ids(run(early, newest(numbered(1, 3))))).toEqual(['1-0', '3-0']);
    });

    it('changes nothing for a deletion it has already taken, or one of another room', () => {
      const state = run(connected(), newest(numbered(1, 3)), deleted('2-0'));
      expect(chatReducer(state, deleted('2-0'))).toBe(state);
      expect(ids(run(state, deleted('3-0', 'news')))).toEqual(['1-0', '3-0']);
    });

    it('drops the reader’s accepted message that was deleted before the stream delivered it', () => {
      const state = run(
        connected(),
        { type: 'send-started', message: { key: 'a', author: 'Ada', text: 'oops', at: '2025-01-01T12:00:05.000Z' } },
        { type: 'send-accepted', key: 'a', id: '7-0' },
        deleted('7-0'),
        live(message('7-0', 'Ada', 'oops')),
      );
      expect(state.pending).toEqual([]);
      expect(state.messages).toEqual([]);
    });

    it('keeps the notices that followed a deleted message where they were, after the message before it', () => {
      const state = run(
        connected(),
        newest(numbered(1, 2)),
        presence(update(['Ada', 'Bob'], { joined: 'Bob' })),
        live(message('3-0')),
        deleted('2-0'),
      );
      expect(state.notices.map((n) => [n.name, n.afterId])).toEqual([['Bob', '1-0']]);
    });

    it(`remembers the last ${MAX_DELETED_IDS} deletions of the room, and forgets them in another room`, () => {
      let state = connected();
      for (let n = 1; n <= MAX_DELETED_IDS + 1; n++) state = chatReducer(state, deleted(`${n}-0`));
      expect(state.deletedIds).toHaveLength(MAX_DELETED_IDS);
      expect(state.deletedIds[0]).toBe('2-0');
      expect(run(state, { type: 'connect', room: 'news', name: 'Ada' }).deletedIds).toEqual([]);
    });
  });

  describe('bans', () => {
    const banned = new ChatApiError(
      'you are banned from the room "lobby" until 2025-01-01T12:10:00.000Z (spam)',
      403,
      '2025-01-01T12:10:00.000Z',
    );
    const sent: ChatAction = { type: 'send-started', message: { key: 'a', author: 'Ada', text: 'hi', at: '2025-01-01T12:00:05.000Z' } };

    it('holds the ban a post was refused for, and keeps the message to retry', () => {
      const state = run(connected(), sent, { type: 'send-failed', key: 'a', error: banned });
      expect(state.ban).toBe(banned);
      expect(state.pending[0]).toMatchObject({ state: 'failed', error: banned });
    });

    it('holds no ban for other refusals', () => {
      const state = run(connected(), sent, { type: 'send-failed', key: 'a', error: new ChatApiError('Too many posts', 429) });
      expect(state.ban).toBeNull();
    });

    it('holds the ban a stream was refused for, whether the feed goes on or stopped', () => {
      expect(run(connected(), { type: 'banned', error: banned }).ban).toBe(banned);
      const denied = run(connected(), { type: 'denied', error: banned });
      expect(denied).toMatchObject({ ban: banned, accessDenied: banned, status: 'offline' });
    });

    it('ends the ban at its time, but not a newer one', () => {
      const later = new ChatApiError('you are banned …', 403, '2025-01-01T13:00:00.000Z');
      const state = run(connected(), { type: 'banned', error: banned });
      expect(run(state, { type: 'ban-ended', ban: banned }).ban).toBeNull();
      expect(run(state, { type: 'banned', error: later }, { type: 'ban-ended', ban: banned }).ban).toBe(later);
    });

    it('ends the ban once a post is accepted again (a moderator lifted it), and in another room', () => {
      const state = run(connected(), sent, { type: 'send-failed', key: 'a', error: banned });
      expect(run(state, { type: 'send-retried', key: 'a' }, { type: 'send-accepted', key: 'a', id: '7-0' }).ban).toBeNull();
      expect(run(state, { type: 'connect', room: 'lobby', name: 'Ada' }).ban).toBe(banned);
      expect(run(state, { type: 'connect', room: 'news', name: 'Ada' }).ban).toBeNull();
    });
  });
  describe('read marks kept across visits', () => {
    const at = (lastRead: string | null, name = 'Ada') => run(initialChatState(), { type: 'connect', room: 'lobby', name, lastRead });

    it('counts what came after the mark as unread from the first page on, and marks where it begins', () => {
      const state = run(at('2-0'), newest([message('1-0'), message('2-0'), message('3-0', 'Ada'), message('4-0'), message('5-0')]));
      expect(state.unread).toBe(2);
      expect(state.newSince).toBe('4-0');
      expect(state.readUpTo).toBe('2-0');
    });

    it('marks nothing new when the mark covers the whole page, and reads the page by definition without a mark', () => {
      expect(run(at('2-0'), newest([message('1-0'), message('2-0')]))).toMatchObject({ unread: 0, newSince: null });
      expect(run(at(null), newest([message('1-0'), message('2-0')]))).toMatchObject({ unread: 0, newSince: null, readUpTo: '2-0' });
    });

    it('keeps the line where it was while the reader reads on and new messages come', () => {
      const state = run(at('1-0'), newest([message('1-0'), message('2-0')]), { type: 'read' }, live(message('3-0')));
      expect(state).toMatchObject({ newSince: '2-0', unread: 1, readUpTo: '2-0' });
    });

    it('marks a revisit of a room followed meanwhile from the mark it is given, never moving a mark back', () => {
      let state = run(at(null), newest([message('1-0')]), live(message('2-0')), live(message('3-0')));
      state = run(state, { type: 'revisit', lastRead: '2-0' });
      expect(state).toMatchObject({ newSince: '3-0', unread: 1, readUpTo: '2-0' });
      state = run(state, { type: 'revisit', lastRead: '1-0' });
      expect(state).toMatchObject({ newSince: '3-0', readUpTo: '2-0' });
      expect(run(state, { type: 'revisit', lastRead: '3-0' })).toMatchObject({ newSince: null, unread: 0 });
    });

    it('leaves the line to the first page when the room is revisited before it came', () => {
      const state = run(at(null), { type: 'revisit', lastRead: '1-0' }, newest([message('1-0'), message('2-0')]));
      expect(state).toMatchObject({ newSince: '2-0', unread: 1 });
    });

    it('marks read up to a given id only (read in another tab), and never back', () => {
      let state = run(at('1-0'), newest([message('1-0'), message('2-0'), message('3-0'), message('4-0')]));
      state = run(state, { type: 'read', upTo: '3-0' });
      expect(state).toMatchObject({ unread: 1, readUpTo: '3-0' });
      expect(run(state, { type: 'read', upTo: '2-0' })).toBe(state);
      // A mark past what is held (the id of a deletion, say) holds too.
      expect(run(state, { type: 'read', upTo: '9-0' })).toMatchObject({ unread: 0, readUpTo: '9-0' });
    });

    it('moves the line to the next new message when the first is deleted, and drops it on a reset', () => {
      const state = run(at('1-0'), newest([message('1-0'), message('2-0'), message('3-0', 'Ada'), message('4-0')]), deleted('2-0'));
      expect(state.newSince).toBe('4-0');
      expect(run(state, resetTo('1-0')).newSince).toBeNull();
    });

    it('takes a later mark on a connect to the same room, and starts from the mark given in another', () => {
      const state = run(at('1-0'), newest([message('1-0'), message('2-0'), message('3-0')]));
      expect(run(state, { type: 'connect', room: 'lobby', name: 'Ada', lastRead: '2-0' })).toMatchObject({ unread: 1, readUpTo: '2-0' });
      expect(run(state, { type: 'connect', room: 'news', name: 'Ada', lastRead: '7-0' })).toMatchObject({ readUpTo: '7-0', messages: [] });
    });
  });

  describe('mentions of the reader', () => {
    const says = (id: string, text: string, author = 'Bob') => message(id, author, text);

    it('lists the unread messages by others that mention the reader, in any case, until they are read', () => {
      const state = run(
        connected(),
        newest([says('1-0', '@Ada old news')]),
        live(says('2-0', 'hi @ada')),
        live(says('3-0', 'no mention here')),
        live(says('4-0', 'talking to myself @Ada', 'Ada')),
        live(says('5-0', '@Ada again')),
      );
      expect(state.mentions.map((m) => m.id)).toEqual(['2-0', '5-0']);
      expect(run(state, { type: 'read' }).mentions).toEqual([]);
    });

    it('does not count a longer name the room knows that starts with the reader’s', () => {
      const state = run(
        connected(),
        newest([]),
        presence(update(['Ada', 'Ada Lovelace'])),
        live(says('2-0', '@Ada Lovelace, your notes')),
        live(says('3-0', '@Ada, yours')),
      );
      expect(state.mentions.map((m) => m.id)).toEqual(['3-0']);
    });

    it('follows edits and deletions of the messages that mention the reader', () => {
      let state = run(connected(), newest([]), live(says('2-0', 'hi @Ada')), live(says('3-0', 'hello')));
      state = run(state, edited(withEdit(says('3-0', 'hello'), 'hello @Ada')), deleted('2-0'));
      expect(state.mentions.map((m) => [m.id, m.text])).toEqual([['3-0', 'hello @Ada']]);
    });

    it('keeps the same list while nothing about it changed, and has none without a name', () => {
      const state = run(connected(), newest([]), live(says('2-0', 'hi @Ada')));
      expect(run(state, { type: 'status', status: 'live' }).mentions).toBe(state.mentions);
      expect(run(state, live(says('3-0', 'plain'))).mentions).toBe(state.mentions);
      expect(run(connected(undefined, null), newest([]), live(says('2-0', 'hi @Ada'))).mentions).toEqual([]);
    });
  });

  describe('typing', () => {
    it('shows who is typing, in the order they started, each once', () => {
      const state = run(connected(), typing('Bob'), typing('Cy'), typing('Bob', 'id-Bob', T0 + 1_000));
      expect(state.typists.map((t) => t.name)).toEqual(['Bob', 'Cy']);
    });

    it('never shows the reader their own typing, nor typing in another room', () => {
      const state = run(connected(), { type: 'reader', authorId: 'id-Ada' }, typing('Ada'), typing('Bob', 'id-Bob', T0, 'news'));
      expect(state.typists).toEqual([]);
    });

    it('ends each at its time, and at once when their message arrives', () => {
      let state = run(connected(), typing('Bob'), typing('Cy', 'id-Cy', T0 + 2_000));
      state = run(state, { type: 'typing-expired', at: T0 + TYPING_HOLD_MS });
      expect(state.typists.map((t) => t.name)).toEqual(['Cy']);
      state = run(state, live({ ...message('2-0', 'Cy'), authorId: 'id-Cy' }));
      expect(state.typists).toEqual([]);
      expect(run(state, { type: 'typing-expired', at: T0 + 60_000 })).toBe(state);
    });

    it('forgets who was typing in another room', () => {
      const state = run(connected(), typing('Bob'), { type: 'connect', room: 'news', name: 'Ada' });
      expect(state.typists).toEqual([]);
    });
  });

  describe('edited messages', () => {
    it('puts the new text in place of the message held, keeping its place, and it is not unread again', () => {
      const state = run(connected(), newest([message('1-0'), message('2-0')]), edited(withEdit(message('1-0'), 'fixed')));
      expect(state.messages.map((m) => [m.id, m.text, m.editedAt])).toEqual([
        ['1-0', 'fixed', '2025-01-01T12:05:00.000Z'],
        ['2-0', 'text 2-0', undefined],
      ]);
      expect(state.unread).toBe(0);
    });

    it('changes nothing for a message not held, deleted, of another room, or an edit already taken', () => {
      const state = run(connected(), newest([message('1-0'), message('2-0')]), deleted('2-0'), edited(withEdit(message('1-0'), 'fixed')));
      expect(run(state, edited(withEdit(message('3-0'), 'unknown')))).toBe(state);
      expect(run(state, edited(withEdit(message('2-0'), 'back from the dead')))).toBe(state);
      expect(run(state, edited({ ...withEdit(message('1-0'), 'elsewhere', '2025-01-01T12:09:00.000Z'), room: 'news' }))).toBe(state);
      expect(run(state, edited(withEdit(message('1-0'), 'fixed')))).toBe(state);
    });

    it('takes the latest text from a page or a replay, never an earlier one', () => {
      let state = run(connected(), newest([message('1-0'), message('2-0')]));
      state = run(state, {
        type: 'gap-filled',
        messages: [withEdit(message('1-0'), 'second', '2025-01-01T12:06:00.000Z'), message('2-0')],
      });
      expect(state.messages[0].text).toBe('second');
      state = run(state, edited(withEdit(message('1-0'), 'first', '2025-01-01T12:05:00.000Z')));
      expect(state.messages[0].text).toBe('second');
      expect(run(state, { type: 'gap-filled', messages: [message('1-0')] })).toBe(state);
    });
  });
});
