import type { ChatMessage } from '@herald/contracts';
import { mergeById, mergeMessages } from './merge-messages';

const m = (id: string): ChatMessage => ({ id, room: 'lobby', author: 'Ada', text: id, sentAt: '2025-01-01T00:00:00.000Z' });
const ids = (list: readonly ChatMessage[]) => list.map((x) => x.id);

describe('mergeMessages', () => {
  it('appends newer, prepends older and interleaves the rest, by id', () => {
    const held = [m('5-0'), m('7-0')];
    expect(ids(mergeMessages(held, [m('8-0')]))).toEqual(['5-0', '7-0', '8-0']);
    expect(ids(mergeMessages(held, [m('2-0'), m('1-0')]))).toEqual(['1-0', '2-0', '5-0', '7-0']);
    expect(ids(mergeMessages(held, [m('6-0'), m('9-0')]))).toEqual(['5-0', '6-0', '7-0', '9-0']);
  });

  it('keeps each id once, within the incoming batch too', () => {
    expect(ids(mergeMessages([m('5-0')], [m('5-0'), m('6-0'), m('6-0')]))).toEqual(['5-0', '6-0']);
  });

  it('returns the same list when nothing is new, so a signal holding it does not change', () => {
    const held = [m('5-0')];
    expect(mergeMessages(held, [m('5-0')])).toBe(held);
  });

  it('places a single message between the held ones, and finds one it already holds without copying the list', () => {
    const held = [m('1-0'), m('3-0'), m('5-0'), m('7-0')];
    expect(ids(mergeMessages(held, [m('4-0')]))).toEqual(['1-0', '3-0', '4-0', '5-0', '7-0']);
    expect(mergeMessages(held, [m('3-0')])).toBe(held);
    expect(mergeMessages(held, [m('1-0')])).toBe(held);
  });

  it('merges overlapping ranges in one pass, keeping the copy already held', () => {
    const held = [m('2-0'), m('4-0')];
    const again = { ...m('4-0'), text: 'again' };
    const merged = mergeMessages(held, [m('1-0'), again, m('3-0'), m('5-0')]);
    expect(ids(merged)).toEqual(['1-0', '2-0', '3-0', '4-0', '5-0']);
    expect(merged[3]).toBe(held[1]);
  });

  it('tells which messages were new, in order', () => {
    const { added } = mergeById([m('2-0'), m('4-0')], [m('5-0'), m('4-0'), m('1-0'), m('5-0')]);
    expect(ids(added)).toEqual(['1-0', '5-0']);
    expect(mergeById([m('2-0')], [m('2-0')]).added).toEqual([]);
  });

  it('leaves out messages whose id is not an event id', () => {
    expect(ids(mergeMessages([], [m('x'), m('1-0'), m('')]))).toEqual(['1-0']);
  });
});
