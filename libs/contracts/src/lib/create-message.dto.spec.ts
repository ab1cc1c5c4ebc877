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
    ['a line break in the author', { author: 'Ada\nevent: x', text: 'hi' }, 'author must not contain control characters'],
    ['a NUL in the text', { author: 'Ada', text: 'a\u0000b' }, 'text must not contain control characters'],
    ['a carriage return in the text', { author: 'Ada', text: 'a\rb' }, 'text must not contain control characters'],
  ])('rejects %s', (_case, body, expected) => {
    const { errors } = check(body);
    expect(errors.some((message) => message.startsWith(expected))).toBe(true);
  });
});
