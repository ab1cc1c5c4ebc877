import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateSessionDto } from './create-session.dto';

/** Validates as the API's ValidationPipe does: transform, whitelist, forbid unknown fields. */
function check(body: unknown): { dto: CreateSessionDto; errors: string[] } {
  const dto = plainToInstance(CreateSessionDto, body);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }).flatMap((e) => Object.values(e.constraints ?? {}));
  return { dto, errors };
}

describe('CreateSessionDto', () => {
  it('takes a display name, normalised to NFC and trimmed as authors are', () => {
    const { dto, errors } = check({ name: '  Rene\u0301 ' });
    expect(errors).toEqual([]);
    expect(dto.name).toBe('Ren\u00e9');
  });

  it.each([
    ['no name', {}, 'name must be a string'],
    ['an empty name', { name: '  ' }, 'name must be 1 to 40'],
    ['a name of 41 characters', { name: 'a'.repeat(41) }, 'name must be 1 to 40'],
    ['a bidi override', { name: 'Ada\u202Eevil' }, 'name must not contain control, bidi-control'],
    ['a number', { name: 7 }, 'name must be a string'],
    ['an extra field', { name: 'Ada', sub: 'someone-else' }, 'property sub should not exist'],
  ])('refuses %s', (_case, body, expected) => {
    expect(check(body).errors.some((message) => message.startsWith(expected))).toBe(true);
  });
});
