import { Transform } from 'class-transformer';
import { IsIP, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { AUTHOR_ID_PATTERN, BAN_MAX_SECONDS, MODERATION_REASON_MAX_LENGTH } from './moderation';
import { ROOM_NAME_PATTERN } from './rooms';

/** One line of text: no C0 or C1 controls, surrogates only in pairs. */
// eslint-disable-next-line no-control-regex -- the control characters are what it refuses
const ONE_LINE = new RegExp('^(?:[^\\u0000-\\u001f\\u007f-\\u009f\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$');

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Whom a moderation action is for; at least one of the two (checked by the server, which says so). */
export class ModerationTargetDto {
  @IsOptional()
  @IsString({ message: 'authorId must be a string' })
  @Matches(AUTHOR_ID_PATTERN, { message: 'authorId must be an author id as messages carry it (1 to 64 of A-Z, a-z, 0-9, "-", "_")' })
  authorId?: string;

  @IsOptional()
  @IsIP(undefined, { message: 'address must be an IPv4 or IPv6 address' })
  address?: string;

  /** The room; left out, the action is for every room. */
  @IsOptional()
  @IsString({ message: 'room must be a string' })
  @Matches(ROOM_NAME_PATTERN, { message: 'room must be 1 to 32 characters of lower-case letters, digits and "-"' })
  room?: string;
}

/** Body of `POST /api/moderation/bans`. */
export class CreateBanDto extends ModerationTargetDto {
  @IsInt({ message: 'seconds must be a whole number of seconds' })
  @Min(1, { message: 'seconds must be at least 1' })
  @Max(BAN_MAX_SECONDS, { message: `seconds must be at most ${BAN_MAX_SECONDS} (a year)` })
  seconds!: number;

  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'reason must be a string' })
  @MaxLength(MODERATION_REASON_MAX_LENGTH, { message: `reason must be at most ${MODERATION_REASON_MAX_LENGTH} characters` })
  @Matches(ONE_LINE, { message: 'reason must be one line, without control characters or lone surrogates' })
  reason?: string;
}

/** Body of `POST /api/moderation/kicks`. */
export class KickDto extends ModerationTargetDto {}
