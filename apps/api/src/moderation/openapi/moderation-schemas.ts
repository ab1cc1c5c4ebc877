import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import {
  BAN_MAX_SECONDS,
  type Ban,
  type KickResult,
  MODERATION_REASON_MAX_LENGTH,
  type ModerationAction,
  type ModerationActionKind,
  type ModerationLog,
  type ModeratorSelf,
} from '@herald/contracts';
import { CreateBanDto, KickDto, ModerationTargetDto } from '@herald/contracts/dto';

/* OpenAPI schemas of the moderation contracts; each class implements its contract, so a change the docs miss breaks the build. */

const AUTHOR_ID = { description: 'An author id, as messages carry it (`authorId`).', example: 'mQ3v0yq3yYb1cW9u', required: false };
const ADDRESS = { description: 'A client address, as the server sees it (after TRUST_PROXY).', example: '203.0.113.7', required: false };
const ROOM = { description: 'The room; left out (null in answers), every room.', example: 'lobby', required: false };

// The request DTOs are the real classes the ValidationPipe checks; they are described here, from outside.
ApiProperty(AUTHOR_ID)(ModerationTargetDto.prototype, 'authorId');
ApiProperty(ADDRESS)(ModerationTargetDto.prototype, 'address');
ApiProperty(ROOM)(ModerationTargetDto.prototype, 'room');
ApiProperty({ description: 'How long the ban lasts.', minimum: 1, maximum: BAN_MAX_SECONDS, example: 600 })(
  CreateBanDto.prototype,
  'seconds',
);
ApiProperty({ description: 'Why, shown to the banned.', required: false, maxLength: MODERATION_REASON_MAX_LENGTH, example: 'spam' })(
  CreateBanDto.prototype,
  'reason',
);
ApiSchema({ name: 'CreateBan', description: 'At least one of authorId and address; either matches.' })(CreateBanDto);
ApiSchema({ name: 'Kick', description: 'At least one of authorId and address; either matches.' })(KickDto);

/** Whom and where, as every ban and action carries it. */
abstract class TargetedSchema {
  @ApiProperty(AUTHOR_ID)
  authorId?: string;
  @ApiProperty(ADDRESS)
  address?: string;
  @ApiProperty({ ...ROOM, type: String, nullable: true, required: true })
  room!: string | null;
}

@ApiSchema({ name: 'Ban' })
export class BanSchema extends TargetedSchema implements Ban {
  @ApiProperty({ example: 'o0bQmVd6o9hXk3aZ' })
  id!: string;
  @ApiProperty({ description: 'When it ends of itself (ISO 8601).', example: '2026-12-02T10:10:00.000Z' })
  until!: string;
  @ApiProperty({ required: false, example: 'spam' })
  reason?: string;
  @ApiProperty({ description: 'When it was made (ISO 8601).', example: '2026-12-02T10:00:00.000Z' })
  at!: string;
  @ApiProperty({ description: "The moderator's name.", example: 'Grace' })
  by!: string;
  @ApiProperty({ description: "The moderator's author id.", example: 'k2Jd9xq0b7ZmPq1s' })
  byId!: string;
}

@ApiSchema({ name: 'ModerationAction' })
export class ModerationActionSchema extends TargetedSchema implements ModerationAction {
  @ApiProperty({ enum: ['ban', 'unban', 'kick', 'delete'] })
  action!: ModerationActionKind;
  @ApiProperty({ example: '2026-12-02T10:00:00.000Z' })
  at!: string;
  @ApiProperty({ example: 'Grace' })
  by!: string;
  @ApiProperty({ example: 'k2Jd9xq0b7ZmPq1s' })
  byId!: string;
  @ApiProperty({ required: false, description: 'The ban made or lifted.' })
  banId?: string;
  @ApiProperty({ required: false, description: 'The message deleted; its author is the target.', example: '1732450000000-0' })
  messageId?: string;
  @ApiProperty({ required: false })
  until?: string;
  @ApiProperty({ required: false })
  reason?: string;
}

@ApiSchema({ name: 'ModerationLog' })
export class ModerationLogSchema implements ModerationLog {
  @ApiProperty({ type: [ModerationActionSchema], description: 'Newest first.' })
  actions!: ModerationAction[];
}

@ApiSchema({ name: 'KickResult' })
export class KickResultSchema implements KickResult {
  @ApiProperty({ description: 'Streams closed on the instance that answered; the others close theirs too.', example: 2 })
  closedHere!: number;
}

@ApiSchema({ name: 'ModeratorSelf' })
export class ModeratorSelfSchema implements ModeratorSelf {
  @ApiProperty({ example: 'Grace' })
  name!: string;
  @ApiProperty({ example: 'k2Jd9xq0b7ZmPq1s' })
  authorId!: string;
  @ApiProperty({ type: [String], example: ['moderator'] })
  roles!: string[];
}
