import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateMessageDto } from './create-message.dto';
import { AUTHOR_MAX_LENGTH, MESSAGE_TEXT_MAX_LENGTH } from './limits';

/** Validates as the API's ValidationPipe does: transform, whitelist, forbid unknown fields. */
function check(body: unknown): { dto: CreateMessageDto; errors: string[] } {
  const dto = plainToInstance(CreateMessageDto, body);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }).flatMap((e) => Object.values(e.constraints ?? {}));
  return { dto, errors };
}

describe('CreateMessageDto', () => {
  it('accepts a display name and a message, trimmed', () => {
    const { dto, errors } = check({ author: '  Ada ', text: '\n hello world \t' });
    expect(errors).toEqual([]);
    expect(dto.author).toBe('Ada');
    expect(dto.text).toBe('hello world');
  });

  it('counts characters as code points: 40 emoji are a name, 2000 emoji a message; names are NFC', () => {
    expect(check({ author: '\u{1F600}'.repeat(AUTHOR_MAX_LENGTH), text: '\u{1F600}'.repeat(MESSAGE_TEXT_MAX_LENGTH) }).errors).toEqual([]);
    // "é" as e + combining acute is stored as the one precomposed character, so both spellings are one name.
    expect(check({ author: 'Rene\u0301', text: 'hi' }).dto.author).toBe('Ren\u00e9');
    // Right-to-left text and emoji joined with U+200D stay possible in messages.
    expect(check({ author: 'Ada', text: '\u05E9\u05DC\u05D5\u05DD world \u{1F469}\u200D\u{1F4BB}' }).errors).toEqual([]);
  });

  it('accepts text at the maximum length and multi-line text', () => {
    expect(check({ author: 'a', text: 'x'.repeat(MESSAGE_TEXT_MAX_LENGTH) }).errors).toEqual([]);
    expect(check({ author: 'a', text: 'line one\nline two\ttabbed' }).errors).toEqual([]);
  });

  it.each([
    ['empty text', { author: 'Ada', text: '' }, 'text must be 1 to 2000'],
    ['whitespace-only text', { author: 'Ada', text: ' \n\t ' }, 'text must be 1 to 2000'],
    ['text one character too long', { author: 'Ada', text: 'x'.repeat(MESSAGE_TEXT_MAX_LENGTH + 1) }, 'text must be 1 to 2000'],
    ['empty author', { author: '', text: 'hi' }, 'author must be 1 to 40'],
    ['whitespace-only author', { author: '   ', text: 'hi' }, 'author must be 1 to 40'],
    ['author one character too long', { author: 'a'.repeat(AUTHOR_MAX_LENGTH + 1), text: 'hi' }, 'author must be 1 to 40'],
    ['a number as text', { author: 'Ada', text: 42 }, 'text must be a string'],
    ['an object as author', { author: { name: 'Ada' }, text: 'hi' }, 'author must be a string'],
    ['missing text', { author: 'Ada' }, 'text must be a string'],
    ['an extra field', { author: 'Ada', text: 'hi', room: 'other' }, 'property room should not exist'],
    ['a line break in the author', { author: 'Ada\nevent: x', text: 'hi' }, 'author must not contain control'],
    ['a bidi override in the author', { author: 'Ada\u202Eevil', text: 'hi' }, 'author must not contain control, bidi-control'],
    ['a bidi isolate in the author', { author: '\u2066Ada\u2069', text: 'hi' }, 'author must not contain control, bidi-control'],
    ['a zero-width space in the author', { author: 'A\u200Bda', text: 'hi' }, 'author must not contain control, bidi-control or zero'],
    ['a lone surrogate in the author', { author: 'Ada\uD83D', text: 'hi' }, 'author must not contain'],
    ['41 emoji as author', { author: '\u{1F600}'.repeat(AUTHOR_MAX_LENGTH + 1), text: 'hi' }, 'author must be 1 to 40'],
    ['a lone surrogate in the text', { author: 'Ada', text: 'broken \uDE00 pair' }, 'text must not contain control characters'],
    ['2001 emoji as text', { author: 'Ada', text: '\u{1F600}'.repeat(MESSAGE_TEXT_MAX_LENGTH + 1) }, 'text must be 1 to 2000'],
    ['a NUL in the text', { author: 'Ada', text: 'a\u0000b' }, 'text must not contain control characters'],
    ['a carriage return in the text', { author: 'Ada', text: 'a\rb' }, 'text must not contain control characters'],
  ])('rejects %s', (_case, body, expected) => {
    const { errors } = check(body);
    expect(errors.some((message) => message.startsWith(expected))).toBe(true);
  });
});
