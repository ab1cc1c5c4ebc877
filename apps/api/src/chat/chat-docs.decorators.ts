import { applyDecorators } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiSecurity,
  ApiBadRequestResponse,
  ApiBody,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiQuery,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiResponse,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiServiceUnavailableResponse,
  ApiUnsupportedMediaTypeResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { CreateMessageDto, EditMessageDto } from '@herald/contracts/dto';
import { ApiErrorSchema } from '../errors/api-error.schema';
import {
  ChatMessageSchema,
  ChatSettingsSchema,
  HistoryPageSchema,
  MessageDeletedSchema,
  PostAcceptedSchema,
  PresenceUpdateSchema,
  RoomOverviewSchema,
  RoomSummarySchema,
  RoomsChangedSchema,
  RoomsSnapshotSchema,
  StreamResetSchema,
  TypingUpdateSchema,
} from './openapi/chat-schemas';

const error = { type: ApiErrorSchema };
const FULL =
  'The room is new and MAX_ROOMS rooms hold messages already (the lobby and the configured rooms are always open; ' +
  'rooms with no messages left and no open streams give their slot back).';
const inRoom = (lobby: boolean) => (lobby ? 'the default room, `lobby`' : 'the room');

/** OpenAPI description of posting a message. */
export function DocPostMessage(lobby = false) {
  return applyDecorators(
    ApiOperation({
      summary: `Post a message to ${inRoom(lobby)}`,
      description: 'The message is stored in the room history and broadcast to every open stream of the room, in order.',
    }),
    ApiBearerAuth(),
    ApiSecurity('apiKey'),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'A key of your own (1 to 255 visible ASCII characters, a UUID for example) to retry a post safely: a post with a key ' +
        'already used in this room within IDEMPOTENCY_WINDOW_MS stores nothing and gets the first answer again, with ' +
        '`Idempotent-Replayed: true` (across instances with Redis, and across restarts with SQLite).',
    }),
    ApiBody({ type: CreateMessageDto }),
    ApiAcceptedResponse({ description: 'Stored and on its way to every subscriber.', type: PostAcceptedSchema }),
    ApiBadRequestResponse({
      description: 'Invalid room name, malformed JSON, or a body that breaks the rules of CreateMessageDto (unknown fields included).',
      ...error,
    }),
    ApiUnauthorizedResponse({
      description:
        'With sign-in configured (AUTH_JWT_*), or for a private room: missing, invalid or expired Bearer token. In the open ' +
        "chat: a Bearer token that is not a valid, unexpired guest session of this server's (POST /api/session).",
      ...error,
    }),
    ApiForbiddenResponse({
      description: "The author is not the token's (or guest session's) name, or the token does not allow this private room.",
      ...error,
    }),
    ApiPayloadTooLargeResponse({ description: 'Body larger than 16 KiB.', ...error }),
    ApiTooManyRequestsResponse({
      description:
        'Too many posts from this address or by this author (RATE_LIMIT_POSTS per RATE_LIMIT_WINDOW_MS), or too many new ' +
        'rooms opened from this address (RATE_LIMIT_NEW_ROOMS per RATE_LIMIT_NEW_ROOMS_WINDOW_MS); see Retry-After.',
      ...error,
    }),
    ApiUnsupportedMediaTypeResponse({ description: 'Body that is not application/json.', ...error }),
    ApiResponse({ status: 507, description: FULL, ...error }),
    ApiServiceUnavailableResponse({
      description:
        'The message store is unreachable (Redis down, or the SQLite writer stopped: nothing was stored) or did not answer ' +
        "in time (the message may still be stored). Retry after the Retry-After header's seconds.",
      ...error,
    }),
  );
}

/** OpenAPI description of a history page. */
export function DocHistory(lobby = false) {
  return applyDecorators(
    ApiOperation({ summary: `Read a page of ${inRoom(lobby)}'s history`, description: 'Messages oldest first (newest last).' }),
    ApiBearerAuth(),
    ApiOkResponse({ type: HistoryPageSchema }),
    ApiBadRequestResponse({ description: 'Invalid room name, `before` or `limit`, or an unknown query parameter.', ...error }),
    ApiUnauthorizedResponse({ description: 'A private room, without a valid Bearer token.', ...error }),
    ApiForbiddenResponse({ description: 'The token does not allow this private room.', ...error }),
  );
}

/** OpenAPI description of the event stream. */
export function DocEvents(lobby = false) {
  return applyDecorators(
    ApiExtraModels(ChatMessageSchema, StreamResetSchema, PresenceUpdateSchema, MessageDeletedSchema, TypingUpdateSchema),
    ApiOperation({
      summary: `Subscribe to ${inRoom(lobby)} (Server-Sent Events)`,
      description: [
        'A `text/event-stream` that stays open. It starts with a `retry:` field, then sends:',
        '',
        `- \`event: message\`, with \`id:\` the event id and \`data:\` one line of JSON, a ` +
          `[ChatMessage](${getSchemaPath(ChatMessageSchema)});`,
        `- \`event: reset\`, without id, with \`data:\` a [StreamReset](${getSchemaPath(StreamResetSchema)}): ` +
          `the Last-Event-ID sent was unknown or older than the history held; every message still held ` +
          `follows, so replace what you show with it;`,
        `- \`event: presence\`, without id, with \`data:\` a ` +
          `[PresenceUpdate](${getSchemaPath(PresenceUpdateSchema)}): who is in the room; sent once the replay ` +
          `is done, then whenever a person comes online or goes offline;`,
        `- \`event: deleted\`, with an \`id:\` of its own and \`data:\` a [MessageDeleted](${getSchemaPath(MessageDeletedSchema)}): ` +
          `the message with the id in \`data\` was deleted by its author or a moderator; remove it. A resuming client ` +
          `receives it too (a deleted message is no longer replayed);`,
        '- `event: expired`, without id, the last event of a stream opened with a token that is no longer accepted;',
        `- \`event: typing\`, without id, with \`data:\` a [TypingUpdate](${getSchemaPath(TypingUpdateSchema)}): someone is ` +
          'typing; show it until `until`, or until their message arrives;',
        `- \`event: edited\`, with an \`id:\` of its own and \`data:\` the [ChatMessage](${getSchemaPath(ChatMessageSchema)}) ` +
          'as its author edited it (same id, new text, `editedAt`): replace the one held; a resuming client receives it too;',
        '- a comment line (`:`) every HEARTBEAT_INTERVAL_MS, which keeps proxies from closing an idle stream.',
        '',
        'With `Last-Event-ID` (the header EventSource sends when it reconnects) or `?lastEventId=` (for a new ' +
          'EventSource, e.g. after loading history), the stream first replays the messages after that id, ' +
          'then continues live, each message exactly once and in order. Without either, it sends only what is posted from now on.',
      ].join('\n'),
    }),
    ApiProduces('text/event-stream'),
    ApiBearerAuth(),
    ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this event id; wins over the query parameter.' }),
    ApiQuery({ name: 'lastEventId', required: false, description: 'Resume after this event id.', example: '1732450000000-0' }),
    ApiQuery({
      name: 'ticket',
      required: false,
      description:
        "Single-use ticket from POST /api/stream-tickets: how a browser opens a private room's stream (a Bearer header works " +
        'too), or a stream that counts as its guest session in presence.',
    }),
    ApiQuery({
      name: 'name',
      required: false,
      description:
        "Display name to count this stream under in the room's presence (checked like an author), unverified: " +
        "to count as a guest session's person, open the stream with a ticket asked for with its token instead.",
      example: 'Ada',
    }),
    ApiOkResponse({ description: 'The event stream.', content: { 'text/event-stream': { schema: { type: 'string' } } } }),
    ApiBadRequestResponse({ description: 'Invalid room name or display name.', ...error }),
    ApiUnauthorizedResponse({
      description: 'A private room without a valid ticket or token; or a ticket that is unknown, used or expired.',
      ...error,
    }),
    ApiForbiddenResponse({ description: 'The token does not allow this private room.', ...error }),
    ApiTooManyRequestsResponse({ description: 'This address holds MAX_CONNECTIONS_PER_IP streams already; see Retry-After.', ...error }),
    ApiServiceUnavailableResponse({
      description: 'The server holds MAX_CONNECTIONS streams, or the message store is unreachable; see Retry-After.',
      ...error,
    }),
    ApiResponse({ status: 507, description: FULL, ...error }),
  );
}

/** OpenAPI description of the room list. */
export function DocRooms() {
  return applyDecorators(
    ApiOperation({
      summary: 'List the rooms',
      description:
        'The lobby, the configured public rooms (ROOMS), and the rooms with history or open streams, by name, with who is in ' +
        'them now. Private rooms are listed only with a Bearer token that allows them.',
    }),
    ApiOkResponse({ type: [RoomSummarySchema] }),
  );
}

/** OpenAPI description of deleting a message. */
export function DocDeleteMessage(lobby = false) {
  return applyDecorators(
    ApiOperation({
      summary: `Delete a message of ${inRoom(lobby)}`,
      description:
        'Its author (the guest session, token or API key it was posted with) within MESSAGE_DELETE_WINDOW_S of posting it, or a ' +
        'moderator at any time. Every open stream of the room gets `event: deleted`, resuming clients too; history pages ' +
        "no longer return the message, and its text leaves the store. A moderator's deletion of another's message is in " +
        'the audit trail.',
    }),
    ApiBearerAuth(),
    ApiSecurity('apiKey'),
    ApiOkResponse({ description: 'Deleted.', type: MessageDeletedSchema }),
    ApiBadRequestResponse({ description: 'Invalid room name or message id.', ...error }),
    ApiUnauthorizedResponse({ description: 'No guest session, token or API key, or a bad one.', ...error }),
    ApiForbiddenResponse({
      description: "Not the message's author nor a moderator; or its author after MESSAGE_DELETE_WINDOW_S (0: only moderators).",
      ...error,
    }),
    ApiNotFoundResponse({ description: 'The room holds no message with this id: never posted, deleted already, or trimmed.', ...error }),
    ApiServiceUnavailableResponse({ description: 'The message store is unreachable; see Retry-After.', ...error }),
  );
}

/** OpenAPI description of the settings a client reads. */
export function DocSettings() {
  return applyDecorators(
    ApiOperation({ summary: "What a client needs to know of the server's configuration" }),
    ApiOkResponse({ type: ChatSettingsSchema }),
  );
}

/** OpenAPI description of the rooms overview stream. */
export function DocRoomsEvents() {
  return applyDecorators(
    ApiExtraModels(RoomOverviewSchema, RoomsSnapshotSchema, RoomsChangedSchema),
    ApiOperation({
      summary: 'Follow every room at once (Server-Sent Events): newest ids and who is in them',
      description: [
        'A `text/event-stream` for unread counts and room lists, cheap for the server: the rooms are read once a second for',
        'all its streams, not per stream. It sends, without ids (a reconnect starts over):',
        '',
        `- \`event: rooms\` first, with \`data:\` a [RoomsSnapshot](${getSchemaPath(RoomsSnapshotSchema)}): every room, each with`,
        '  the id of its newest message (`lastId`), connections, display names and people online;',
        `- \`event: rooms-changed\`, at most about once a second, with \`data:\` a [RoomsChanged](${getSchemaPath(RoomsChangedSchema)}):`,
        '  the rooms that changed, as they are now, and the names of those gone.',
        '',
        'Private rooms are in it only with a Bearer token that allows them.',
      ].join('\n'),
    }),
    ApiProduces('text/event-stream'),
    ApiBearerAuth(),
    ApiOkResponse({ description: 'The event stream.', content: { 'text/event-stream': { schema: { type: 'string' } } } }),
    ApiTooManyRequestsResponse({ description: 'This address holds MAX_CONNECTIONS_PER_IP streams already; see Retry-After.', ...error }),
    ApiServiceUnavailableResponse({ description: 'The server holds MAX_CONNECTIONS streams; see Retry-After.', ...error }),
  );
}

/** OpenAPI description of saying one is typing. */
export function DocTyping() {
  return applyDecorators(
    ApiOperation({
      summary: 'Say you are typing in the room',
      description:
        "Every open stream of the room gets `event: typing` with your name, not stored. A person's events go out at most " +
        'once per 2 s per room; calls in between are answered and dropped. Call it while the reader types, every 2 to 3 s.',
    }),
    ApiBearerAuth(),
    ApiSecurity('apiKey'),
    ApiNoContentResponse({ description: 'Told (or held back, as the room was told less than 2 s ago).' }),
    ApiBadRequestResponse({ description: 'Invalid room name.', ...error }),
    ApiUnauthorizedResponse({ description: 'No guest session, token or API key, or a bad one.', ...error }),
    ApiForbiddenResponse({ description: 'A private room the credentials do not allow, or a ban (bannedUntil).', ...error }),
    ApiServiceUnavailableResponse({ description: 'Redis is unreachable; see Retry-After.', ...error }),
  );
}

/** OpenAPI description of editing a message. */
export function DocEditMessage() {
  return applyDecorators(
    ApiOperation({
      summary: 'Edit your own message',
      description:
        'Its author only (the guest session, token or API key it was posted with), within MESSAGE_EDIT_WINDOW_S of posting ' +
        'it. Every open stream of the room gets `event: edited` with the message as it now is, resuming clients too; ' +
        'history returns the new text, with `editedAt`.',
    }),
    ApiBearerAuth(),
    ApiSecurity('apiKey'),
    ApiBody({ type: EditMessageDto }),
    ApiOkResponse({ description: 'Edited.', type: ChatMessageSchema }),
    ApiBadRequestResponse({ description: 'Invalid room name, message id or text.', ...error }),
    ApiUnauthorizedResponse({ description: 'No guest session, token or API key, or a bad one.', ...error }),
    ApiForbiddenResponse({
      description: 'Not its author, past MESSAGE_EDIT_WINDOW_S (0: no edits), or a ban keeps the author out (bannedUntil).',
      ...error,
    }),
    ApiNotFoundResponse({ description: 'The room holds no message with this id: never posted, deleted, or trimmed.', ...error }),
    ApiServiceUnavailableResponse({ description: 'The message store is unreachable; see Retry-After.', ...error }),
  );
}
