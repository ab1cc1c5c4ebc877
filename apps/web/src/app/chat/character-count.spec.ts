import { charactersLeft, charactersTooMany } from './character-count';

describe('character counts', () => {
  it('says one character, or many', () => {
    expect(charactersTooMany(1)).toBe('1 character too many');
    expect(charactersTooMany(500)).toBe('500 characters too many');
    expect(charactersLeft(1)).toBe('1 character left');
    expect(charactersLeft(0)).toBe('0 characters left');
  });
});
