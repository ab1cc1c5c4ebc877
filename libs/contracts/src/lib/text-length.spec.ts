import fc from 'fast-check';
import { MESSAGE_TEXT_MAX_LENGTH } from './limits';
import { isTextLengthWithin, textLength } from './text-length';

describe('textLength', () => {
  it('counts plain text as its characters', () => {
    expect(textLength('')).toBe(0);
    expect(textLength('Hello')).toBe(5);
    expect(textLength('x'.repeat(MESSAGE_TEXT_MAX_LENGTH))).toBe(MESSAGE_TEXT_MAX_LENGTH);
  });

  it('counts a character outside the Basic Multilingual Plane once, where String length counts two', () => {
    const grinning = '\u{1F600}';
    expect(grinning.length).toBe(2);
    expect(textLength(grinning)).toBe(1);
    expect(textLength('\u{20BB7}\u{20BB7}!')).toBe(3);
  });

  it('counts code points, not what a reader sees as one glyph', () => {
    // e + combining acute accent, and a family emoji joined by zero-width joiners.
    expect(textLength('e\u0301')).toBe(2);
    expect(textLength('\u{1F468}\u200d\u{1F469}\u200d\u{1F467}')).toBe(5);
  });

  it('counts Hebrew, Arabic and other text of the Basic Multilingual Plane like Latin', () => {
    expect(textLength('שלום world')).toBe(10);
    expect(textLength('مرحبا')).toBe(5);
  });

  it('counts each lone surrogate once', () => {
    expect(textLength('\ud83d')).toBe(1);
    expect(textLength('a\ude00b')).toBe(3);
    expect(textLength('\ude00\ud83d')).toBe(2);
  });

  it('agrees with the string iterator on any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => textLength(s) === [...s].length));
    fc.assert(fc.property(fc.string({ unit: 'grapheme-composite' }), (s) => textLength(s) === Array.from(s).length));
  });
});

describe('isTextLengthWithin', () => {
  it('takes a text of emoji by its code points, where its UTF-16 length is twice that', () => {
    expect(isTextLengthWithin('\u{1F600}'.repeat(3), 1, 3)).toBe(true);
    expect(isTextLengthWithin('\u{1F600}'.repeat(4), 1, 3)).toBe(false);
    expect(isTextLengthWithin('\u{1F600}', 2, 5)).toBe(false);
    expect(isTextLengthWithin('', 1, 5)).toBe(false);
  });

  it('agrees with counting the code points, for any string and bounds', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.nat(20), fc.nat(30), (s, min, extra) => {
        const length = [...s].length;
        return isTextLengthWithin(s, min, min + extra) === (length >= min && length <= min + extra);
      }),
      { numRuns: 2000 },
    );
  });
});
