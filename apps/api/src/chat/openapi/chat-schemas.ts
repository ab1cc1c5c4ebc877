import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import {
  type MessageOrigin,
  AUTHOR_MAX_LENGTH,
  AUTHOR_MIN_LENGTH,
  ChatMessage,
  HistoryPage,
  MESSAGE_TEXT_MAX_LENGTH,
  MESSAGE_TEXT_MIN_LENGTH,
  PostAccepted,
  PresenceUpdate,
  RoomSummary,
  StreamReset,
  type StreamResetReason,
} from '@herald/contracts';
import { CreateMessageDto } from '@herald/contracts/dto';

/*
 * OpenAPI schemas for the shared contracts. The contracts library stays free of Swagger; these classes
 * `implements` its interfaces, so a contract change that the documentation misses breaks the build.
 */

const ID_EXAMPLE = '1732450000000-0';

// The request DTO is the real class the ValidationPipe checks; it is described here, from outside.
ApiProperty({
  description:
    'Display name of the author, trimmed. Required in the open chat; with sign-in the token names the author, ' +
    'and this may be left out (when given, it must be that name).',
  required: false,
  minLength: AUTHOR_MIN_LENGTH,
  maxLength: AUTHOR_MAX_LENGTH,
  example: 'Ada',
})(CreateMessageDto.prototype, 'author');
ApiProperty({
  description: 'Message text, trimmed; line feeds and tabs allowed, other control characters refused.',
  minLength: MESSAGE_TEXT_MIN_LENGTH,
  maxLength: MESSAGE_TEXT_MAX_LENGTH,
  example: 'Hello, room!',
})(CreateMessageDto.prototype, 'text');
ApiSchema({ name: 'CreateMessageDto' })(CreateMessageDto);

@ApiSchema({ name: 'ChatMessage' })
export class ChatMessageSchema implements ChatMessage {
  @ApiProperty({ description: 'Event id, monotonic per room; send it back as Last-Event-ID to resume.', example: ID_EXAMPLE })
  id!: string;
  @ApiProperty({ example: 'lobby' })
  room!: string;
  @ApiProperty({ example: 'Ada' })
  author!: string;
  @ApiProperty({ example: 'Hello, room!' })
  text!: string;
  @ApiProperty({ description: 'ISO 8601 time at which the server accepted the message.', example: '2026-11-24T12:00:00.000Z' })
  sentAt!: string;
  @ApiProperty({
    required: false,
    enum: ['bot', 'system'],
    description: 'Set when a backend posted the message with an API key (as a bot under its name, or as "system"); absent for people.',
  })
  origin?: MessageOrigin;
}

@ApiSchema({ name: 'StreamReset' })
export class StreamResetSchema implements StreamReset {
  @ApiProperty({ enum: ['unknown-id', 'history-trimmed'] })
  reason!: StreamResetReason;
  @ApiProperty({ description: 'The Last-Event-ID the client sent.' })
  lastEventId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Oldest id still held, null for an empty room.' })
  oldestId!: string | null;
}

@ApiSchema({ name: 'PostAccepted' })
export class PostAcceptedSchema implements PostAccepted {
  @ApiProperty({ example: ID_EXAMPLE })
  id!: string;
  @ApiProperty({ example: 'lobby' })
  room!: string;
  @ApiProperty({ example: '2026-11-24T12:00:00.000Z' })
  sentAt!: string;
}

@ApiSchema({ name: 'HistoryPage' })
export class HistoryPageSchema implements HistoryPage {
  @ApiProperty({ example: 'lobby' })
  room!: string;
  @ApiProperty({ type: [ChatMessageSchema], description: 'Oldest first, newest last.' })
  messages!: ChatMessageSchema[];
  @ApiProperty({ description: 'True when older messages exist before the first one of this page.' })
  hasMore!: boolean;
}

@ApiSchema({ name: 'PresenceUpdate' })
export class PresenceUpdateSchema implements PresenceUpdate {
  @ApiProperty({ example: 'lobby' })
  room!: string;
  @ApiProperty({ type: [String], description: 'Distinct display names with an open stream in the room, sorted.', example: ['Ada', 'Bob'] })
  online!: string[];
  @ApiProperty({ description: 'Open streams in the room, named or not.', example: 3 })
  connections!: number;
  @ApiProperty({ required: false, description: 'The name that just came online.' })
  joined?: string;
  @ApiProperty({ required: false, description: 'The name that just went offline.' })
  left?: string;
}

@ApiSchema({ name: 'RoomSummary' })
export class RoomSummarySchema implements RoomSummary {
  @ApiProperty({ example: 'lobby' })
  name!: string;
  @ApiProperty({ description: 'Open streams in the room.', example: 3 })
  connections!: number;
  @ApiProperty({ description: 'Distinct display names online in the room.', example: 2 })
  online!: number;
}
