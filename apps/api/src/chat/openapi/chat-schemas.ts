import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import {
  type MessageOrigin,
  AUTHOR_MAX_LENGTH,
  AUTHOR_MIN_LENGTH,
  ChatMessage,
  type ChatSettings,
  HistoryPage,
  MESSAGE_TEXT_MAX_LENGTH,
  MESSAGE_TEXT_MIN_LENGTH,
  type MessageDeleted,
  type MessageDeletedBy,
  PostAccepted,
  PresencePerson,
  PresenceUpdate,
  type RoomOverview,
  RoomSummary,
  type RoomsChanged,
  type RoomsSnapshot,
  StreamReset,
  type StreamResetReason,
  type TypingUpdate,
} from '@herald/contracts';
import { CreateMessageDto, EditMessageDto } from '@herald/contracts/dto';

/*
 * OpenAPI schemas for the shared contracts. The contracts library stays free of Swagger; these classes
 * `implements` its interfaces, so a contract change that the documentation misses breaks the build.
 */

const ID_EXAMPLE = '1732450000000-0';

// The request DTOs are the real classes the ValidationPipe checks; they are described here, from outside.
ApiProperty({
  description:
    'Display name of the author, trimmed. Required in the open chat without a session; with a guest session or sign-in ' +
    'the token names the author, and this may be left out (when given, it must be that name).',
  required: false,
  minLength: AUTHOR_MIN_LENGTH,
  maxLength: AUTHOR_MAX_LENGTH,
  example: 'Ada',
})(CreateMessageDto.prototype, 'author');
const messageText = ApiProperty({
  description: 'Message text, trimmed; line feeds and tabs allowed, other control characters refused.',
  minLength: MESSAGE_TEXT_MIN_LENGTH,
  maxLength: MESSAGE_TEXT_MAX_LENGTH,
  example: 'Hello, room!',
});
messageText(CreateMessageDto.prototype, 'text');
messageText(EditMessageDto.prototype, 'text');
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
  @ApiProperty({
    required: false,
    description:
      'Stable, non-secret id of the verified author: a guest session, a signed-in subject or an API key. Absent when nothing ' +
      'verified the author (posted without a session in the open chat): anyone may have typed that name.',
    example: 'q8Yv3c1nT0dM2kX9pL4wZa',
  })
  authorId?: string;
  @ApiProperty({ required: false, description: 'When its author last edited it; absent for a message never edited.' })
  editedAt?: string;
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

@ApiSchema({ name: 'PresencePerson' })
export class PresencePersonSchema implements PresencePerson {
  @ApiProperty({ example: 'Ada' })
  name!: string;
  @ApiProperty({
    required: false,
    description: 'The author id of a verified stream (a guest session or a token); absent for a stream opened with a bare `?name=`.',
    example: 'q8Yv3c1nT0dM2kX9pL4wZa',
  })
  authorId?: string;
  @ApiProperty({ required: false, description: 'When its author last edited it; absent for a message never edited.' })
  editedAt?: string;
}

@ApiSchema({ name: 'PresenceUpdate' })
export class PresenceUpdateSchema implements PresenceUpdate {
  @ApiProperty({ example: 'lobby' })
  room!: string;
  @ApiProperty({ type: [String], description: 'Distinct display names with an open stream in the room, sorted.', example: ['Ada', 'Bob'] })
  online!: string[];
  @ApiProperty({
    type: [PresencePersonSchema],
    description:
      'The people online, one per identity (two guests both called "Ada" are two entries; a bare `?name=` counts once per ' +
      'name), sorted by name and then author id.',
  })
  people!: PresencePersonSchema[];
  @ApiProperty({ description: 'Open streams in the room, named or not.', example: 3 })
  connections!: number;
  @ApiProperty({ required: false, description: 'The name of the person who just came online.' })
  joined?: string;
  @ApiProperty({ required: false, description: 'The name of the person who just went offline.' })
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
  @ApiProperty({ description: 'People online in the room, one per identity: two people with the same name count twice.', example: 2 })
  people!: number;
}

@ApiSchema({ name: 'MessageDeleted' })
export class MessageDeletedSchema implements MessageDeleted {
  @ApiProperty({ description: "The deleted message's id (the `deleted` event has an id of its own).", example: ID_EXAMPLE })
  id!: string;
  @ApiProperty({ example: 'lobby' })
  room!: string;
  @ApiProperty({ enum: ['author', 'moderator'], description: 'Which moderator is in the audit trail, not here.' })
  deletedBy!: MessageDeletedBy;
  @ApiProperty({ example: '2026-11-24T12:05:00.000Z' })
  deletedAt!: string;
}

@ApiSchema({ name: 'ChatSettings' })
export class ChatSettingsSchema implements ChatSettings {
  @ApiProperty({
    description:
      'For how long after posting an author may delete their own message, in seconds (MESSAGE_DELETE_WINDOW_S); 0: only moderators.',
    example: 900,
  })
  messageDeleteWindowS!: number;
  @ApiProperty({
    description: 'For how long after posting an author may edit their own message, in seconds (MESSAGE_EDIT_WINDOW_S); 0: no edits.',
    example: 900,
  })
  messageEditWindowS!: number;
}

@ApiSchema({ name: 'RoomOverview' })
export class RoomOverviewSchema extends RoomSummarySchema implements RoomOverview {
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The id of the room's newest message (deletions and edits do not move it); null when it holds none.",
    example: ID_EXAMPLE,
  })
  lastId!: string | null;
}

@ApiSchema({ name: 'RoomsSnapshot' })
export class RoomsSnapshotSchema implements RoomsSnapshot {
  @ApiProperty({ type: [RoomOverviewSchema] })
  rooms!: RoomOverview[];
}

@ApiSchema({ name: 'RoomsChanged' })
export class RoomsChangedSchema implements RoomsChanged {
  @ApiProperty({ type: [RoomOverviewSchema], description: 'The rooms that changed, as they are now.' })
  rooms!: RoomOverview[];
  @ApiProperty({ type: [String], description: 'Names of the rooms no longer listed.' })
  removed!: string[];
}

@ApiSchema({ name: 'TypingUpdate' })
export class TypingUpdateSchema implements TypingUpdate {
  @ApiProperty({ example: 'lobby' })
  room!: string;
  @ApiProperty({ example: 'Ada' })
  name!: string;
  @ApiProperty({ example: 'q8Yv3c1nT0dM2kX9pL4wZa' })
  authorId!: string;
  @ApiProperty({ description: 'Show it until then, unless they type on or post.', example: '2026-11-24T12:00:06.000Z' })
  until!: string;
}
