import type { ChatMessage } from '@herald/contracts';
import { BAN_CHOICES, type MessagePowers, messageActions, nextWindowEnd } from './message-actions';

const T0 = Date.parse('2026-12-02T10:00:00.000Z');
const message = (authorId: string | undefined, sentAfter = 0): ChatMessage => ({
  id: `${T0 + sentAfter}-0`,
  room: 'lobby',
  author: 'Ada',
  text: 'hi',
  sentAt: new Date(T0 + sentAfter).toISOString(),
  ...(authorId !== undefined ? { authorId } : {}),
});
const ada = { name: 'Ada', authorId: 'ada-id' };
const reader: MessagePowers = { moderator: null, deleteWindowS: 300, editWindowS: 0 };
const moderator: MessagePowers = {
  moderator: { name: 'Grace', authorId: 'grace-key', roles: ['moderator'] },
  deleteWindowS: 300,
  editWindowS: 0,
};
const kinds = (actions: readonly { kind: string }[]) => actions.map((a) => a.kind);

describe('messageActions', () => {
  it('lets an author delete their own verified message until the window closes', () => {
    expect(kinds(messageActions(message('ada-id'), ada, reader, T0 + 299_999))).toEqual(['delete']);
    expect(messageActions(message('ada-id'), ada, reader, T0 + 300_000)).toEqual([]);
  });

  it('offers a reader nothing on messages of others, on unverified ones under their name, or where only moderators delete', () => {
    expect(messageActions(message('bob-id'), ada, reader, T0)).toEqual([]);
    expect(messageActions(message(undefined), ada, reader, T0)).toEqual([]);
    expect(messageActions(message('ada-id'), ada, { ...reader, deleteWindowS: 0 }, T0)).toEqual([]);
    expect(messageActions(message('ada-id'), null, reader, T0)).toEqual([]);
  });

  it('lets a moderator delete any message at any time, and ban the author of a verified one', () => {
    expect(messageActions(message('bob-id', -86_400_000), ada, moderator, T0)).toEqual([{ kind: 'delete' }, ...BAN_CHOICES]);
    expect(BAN_CHOICES.map((choice) => (choice.kind === 'ban' ? choice.seconds : 0))).toEqual([600, 3600, 86_400]);
  });

  it('lets an author edit their own verified message until the edit window closes, after Delete', () => {
    const both = { ...reader, editWindowS: 900 };
    expect(kinds(messageActions(message('ada-id'), ada, both, T0 + 299_999))).toEqual(['delete', 'edit']);
    expect(kinds(messageActions(message('ada-id'), ada, both, T0 + 300_000))).toEqual(['edit']);
    expect(messageActions(message('ada-id'), ada, both, T0 + 900_000)).toEqual([]);
    expect(messageActions(message('bob-id'), ada, both, T0)).toEqual([]);
    expect(messageActions(message(undefined), ada, both, T0)).toEqual([]);
    expect(kinds(messageActions(message('ada-id'), ada, { ...moderator, editWindowS: 900 }, T0))).toEqual(['delete', 'edit']);
  });

  it('offers a moderator no ban of an unverified author, whom only the server knows, nor of themselves', () => {
    expect(messageActions(message(undefined), ada, moderator, T0)).toEqual([{ kind: 'delete' }]);
    expect(messageActions(message('grace-key'), ada, moderator, T0)).toEqual([{ kind: 'delete' }]);
    expect(messageActions(message('ada-id'), ada, moderator, T0)).toEqual([{ kind: 'delete' }]);
  });
});

describe('nextWindowEnd', () => {
  it('is the soonest end of a window still open among the reader’s own messages', () => {
    const messages = [message('ada-id', -200_000), message('bob-id', 0), message('ada-id', -100_000), message('ada-id', -400_000)];
    expect(nextWindowEnd(messages, ada, reader, T0)).toBe(T0 + 100_000);
    expect(nextWindowEnd(messages, ada, reader, T0 + 200_000)).toBeNull();
    expect(nextWindowEnd(messages, ada, { ...reader, deleteWindowS: 0 }, T0)).toBeNull();
  });

  it('counts the edit window as well as the delete window', () => {
    const messages = [message('ada-id', -200_000)];
    const powers = { ...reader, editWindowS: 900 };
    expect(nextWindowEnd(messages, ada, powers, T0)).toBe(T0 + 100_000);
    expect(nextWindowEnd(messages, ada, powers, T0 + 100_000)).toBe(T0 + 700_000);
  });
});
