import { TYPING_HOLD_MS, type TypingUpdate } from '@herald/contracts';
import { dropTypists, expireTypists, noteTyping } from './typist';

const T0 = Date.parse('2025-01-01T12:00:00.000Z');
const typing = (name: string, until: number, authorId = `id-${name}`): TypingUpdate => ({
  room: 'lobby',
  name,
  authorId,
  until: new Date(until).toISOString(),
});

describe('typists', () => {
  it('holds a typist until the time the server gave', () => {
    expect(noteTyping([], typing('Bob', T0 + 4_000), T0)).toEqual([{ name: 'Bob', authorId: 'id-Bob', until: T0 + 4_000 }]);
  });

  it('never holds longer than the hold from now, nor drops at once when this clock is ahead of the server', () => {
    expect(noteTyping([], typing('Bob', T0 + 60_000), T0)[0].until).toBe(T0 + TYPING_HOLD_MS);
    expect(noteTyping([], typing('Bob', T0 - 2_000), T0)[0].until).toBe(T0 + TYPING_HOLD_MS);
  });

  it('keeps one entry per author id, in its place with its new time, and drops those over meanwhile', () => {
    let typists = noteTyping([], typing('Bob', T0 + 1_000), T0);
    typists = noteTyping(typists, typing('Cy', T0 + 5_000), T0);
    typists = noteTyping(typists, typing('Bob', T0 + 6_000), T0 + 500);
    expect(typists.map((t) => [t.name, t.until])).toEqual([
      ['Bob', T0 + 6_000],
      ['Cy', T0 + 5_000],
    ]);
    expect(noteTyping(typists, typing('Dee', T0 + 7_000), T0 + 5_500).map((t) => t.name)).toEqual(['Bob', 'Dee']);
  });

  it('ends each at its time, and drops those who posted, keeping the list itself when nothing changes', () => {
    const typists = [typing('Bob', T0 + 1_000), typing('Cy', T0 + 3_000)].reduce(
      (list, update) => noteTyping(list, update, T0),
      noteTyping([], typing('Ada', T0 + 2_000), T0),
    );
    expect(expireTypists(typists, T0 + 2_000).map((t) => t.name)).toEqual(['Cy']);
    expect(expireTypists(typists, T0)).toBe(typists);
    expect(dropTypists(typists, new Set(['id-Cy', undefined])).map((t) => t.name)).toEqual(['Ada', 'Bob']);
    expect(dropTypists(typists, new Set([undefined]))).toBe(typists);
  });
});
