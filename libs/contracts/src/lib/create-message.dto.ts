import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, ValidateBy } from 'class-validator';
import { applyDecorators } from './apply-decorators';
import { IsDisplayName, asDisplayName } from './display-name.validator';
import { MESSAGE_TEXT_MAX_LENGTH, MESSAGE_TEXT_MIN_LENGTH, TEXT_FORBIDDEN_PATTERN } from './limits';
import { isTextLengthWithin } from './text-length';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A length in code points, as the web client counts it ({@link textLength}). */
function CodePointLength(min: number, max: number, message: string): PropertyDecorator {
  return ValidateBy({
    name: 'codePointLength',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isTextLengthWithin(value, min, max),
      defaultMessage: () => message,
    },
  });
}

/** Body of a post: who writes, and what. The author is normalised to NFC and trimmed, the text trimmed, before they are checked. */
export class CreateMessageDto {
  /** Display name of the author; with sign-in, the token's name is the author and this may be left out. */
  @IsOptional()
  @Transform(asDisplayName)
  @IsString({ message: 'author must be a string' })
  @IsDisplayName('author')
  author?: string;

  /** The message text. */
  @MessageText()
  text!: string;
}

/** Body of an edit: the message's new text, under the same rule as a post's. */
export class EditMessageDto {
  @MessageText()
  text!: string;
}

/** The rule of a message's text: trimmed, 1 to 2000 code points, no control characters but line feed and tab. */
function MessageText(): PropertyDecorator {
  return applyDecorators(
    Transform(trim),
    IsString({ message: 'text must be a string' }),
    CodePointLength(
      MESSAGE_TEXT_MIN_LENGTH,
      MESSAGE_TEXT_MAX_LENGTH,
      `text must be ${MESSAGE_TEXT_MIN_LENGTH} to ${MESSAGE_TEXT_MAX_LENGTH} characters long (after trimming)`,
    ),
    Matches(negate(TEXT_FORBIDDEN_PATTERN), {
      message: 'text must not contain control characters other than line feed and tab, nor lone surrogates',
    }),
  );
}

/** A pattern that matches the strings in which `forbidden` matches nowhere. */
function negate(forbidden: RegExp): RegExp {
  return new RegExp(`^(?:(?!${forbidden.source})[\\s\\S])*$`);
}
