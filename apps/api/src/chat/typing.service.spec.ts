import type { TypingUpdate } from '@herald/contracts';
import type { Identity } from '../access/identity';
import type { HubService } from '../hub/hub.service';
import { TYPING_INTERVAL_MS, Typing } from './typing.service';

const person = (name: string, authorId: string): Identity => ({ name, authorId, rooms: new Set() });

describe('Typing', () => {
  const told: TypingUpdate[] = [];
  const typing = new Typing({ typing: async (update: TypingUpdate) => void told.push(update) } as unknown as HubService);
  const ada = person('Ada', 'a1');
  const bob = person('Bob', 'b2');

  beforeEach(() => (told.length = 0));

  it('tells the room once per interval per person, and holds back the calls in between', async () => {
    expect(await typing.typing('lobby', ada, 10_000)).toBe(true);
    expect(await typing.typing('lobby', ada, 10_000 + TYPING_INTERVAL_MS - 1)).toBe(false);
    expect(await typing.typing('lobby', ada, 10_000 + TYPING_INTERVAL_MS)).toBe(true);
    expect(told).toEqual([
      { room: 'lobby', name: 'Ada', authorId: 'a1', until: new Date(16_000).toISOString() },
      { room: 'lobby', name: 'Ada', authorId: 'a1', until: new Date(18_000).toISOString() },
    ]);
  });

  it('counts each person and each room apart', async () => {
    expect(await typing.typing('design', ada, 50_000)).toBe(true);
    expect(await typing.typing('design', bob, 50_001)).toBe(true);
    expect(await typing.typing('release', ada, 50_002)).toBe(true);
    expect(told.map((update) => `${update.room}/${update.name}`)).toEqual(['design/Ada', 'design/Bob', 'release/Ada']);
  });
});
