import type { ChatMessage, PresenceUpdate } from '@herald/contracts';
import { findMentions, knownNames, mentionsName } from './mentions';

const mentioned = (text: string, names: string[]) => findMentions(text, names).map((m) => [text.slice(m.start, m.end), m.name]);

describe('findMentions', () => {
  it('finds @name of a known name, whatever its case, at word boundaries', () => {
    expect(mentioned('@ada, are you there? (@Bob)', ['Ada', 'Bob'])).toEqual([
      ['@ada', 'Ada'],
      ['@Bob', 'Bob'],
    ]);
    expect(mentioned('thanks @Ada!', ['Ada'])).toEqual([['@Ada', 'Ada']]);
  });

  it('matches names with spaces, the longest known name first', () => {
    expect(mentioned('@Ada Lovelace wrote it, not @Ada', ['Ada', 'Ada Lovelace'])).toEqual([
      ['@Ada Lovelace', 'Ada Lovelace'],
      ['@Ada', 'Ada'],
    ]);
  });

  it('ignores addresses, names that run into a word, and names the room does not know', () => {
    expect(mentioned('mail ada@example.com', ['example'])).toEqual([]);
    expect(mentioned('@Adam is here', ['Ada'])).toEqual([]);
    expect(mentioned('@Zed and @@Ada', ['Ada'])).toEqual([]);
    expect(mentioned('no at sign', ['Ada'])).toEqual([]);
  });

  it('takes names in any script, and ends a name at punctuation but not at a letter', () => {
    expect(mentioned('שלום @דנה.', ['דנה'])).toEqual([['@דנה', 'דנה']]);
    expect(mentioned('@Zoëlle', ['Zoë'])).toEqual([]);
  });
});

describe('mentionsName', () => {
  it('is true for the name itself, not for a longer known name that starts with it', () => {
    expect(mentionsName('hi @ada', ['Bob'], 'Ada')).toBe(true);
    expect(mentionsName('hi @Ada Lovelace', ['Ada Lovelace'], 'Ada')).toBe(false);
    expect(mentionsName('hi Ada', [], 'Ada')).toBe(false);
  });
});

describe('knownNames', () => {
  const message = (author: string, origin?: ChatMessage['origin']): ChatMessage => ({
    id: '1-0',
    room: 'lobby',
    author,
    text: 'hi',
    sentAt: '2025-01-01T12:00:00.000Z',
    ...(origin ? { origin } : {}),
  });
  const presence: PresenceUpdate = { room: 'lobby', online: ['Cy'], people: [{ name: 'Cy' }, { name: 'Ada' }], connections: 2 };

  it('are the people online, the authors held and the reader, each once and sorted; never the system', () => {
    expect(knownNames([message('Bob'), message('Ada'), message('system', 'system')], presence, 'Dee')).toEqual(['Ada', 'Bob', 'Cy', 'Dee']);
    expect(knownNames([], null, null)).toEqual([]);
  });
});
