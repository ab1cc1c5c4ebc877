import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import {
  AUTHOR_FORBIDDEN_PATTERN,
  AUTHOR_MAX_LENGTH,
  AUTHOR_MIN_LENGTH,
  MESSAGE_TEXT_MAX_LENGTH,
  MESSAGE_TEXT_MIN_LENGTH,
  TEXT_FORBIDDEN_PATTERN,
} from './limits';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Body of a post: who writes, and what. Both are trimmed before they are checked. */
export class CreateMessageDto {
  /** Display name of the author; with sign-in, the token's name is the author and this may be left out. */
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'author must be a string' })
  @Length(AUTHOR_MIN_LENGTH, AUTHOR_MAX_LENGTH, {
    message: `author must be ${AUTHOR_MIN_LENGTH} to ${AUTHOR_MAX_LENGTH} characters long (after trimming)`,
  })
  @Matches(negate(AUTHOR_FORBIDDEN_PATTERN), { message: 'author must not contain control characters' })
  author?: string;

  /** The message text. */
  @Transform(trim)
  @IsString({ message: 'text must be a string' })
  @Length(MESSAGE_TEXT_MIN_LENGTH, MESSAGE_TEXT_MAX_LENGTH, {
    message: `text must be ${MESSAGE_TEXT_MIN_LENGTH} to ${MESSAGE_TEXT_MAX_LENGTH} characters long (after trimming)`,
  })
  @Matches(negate(TEXT_FORBIDDEN_PATTERN), {
    message: 'text must not contain control characters other than line feed and tab',
  })
  text!: string;
}

/** A pattern that matches the strings in which `forbidden` matches nowhere. */
function negate(forbidden: RegExp): RegExp {
  return new RegExp(`^(?:(?!${forbidden.source})[\\s\\S])*$`);
}
