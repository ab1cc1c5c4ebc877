export * from './lib/limits';
export * from './lib/rooms';
export * from './lib/rooms-overview';
export * from './lib/text-length';
export * from './lib/event-id';
export * from './lib/chat-events';
export * from './lib/api-responses';
export * from './lib/moderation';
// The class (with its class-validator decorators) is in '@herald/contracts/dto', so that code which only
// needs the shape, like the browser bundle, never pulls the validation library in.
export type { CreateMessageDto, EditMessageDto } from './lib/create-message.dto';
export type { CreateStreamTicketDto } from './lib/create-stream-ticket.dto';
export type { CreateSessionDto } from './lib/create-session.dto';
export type { CreateBanDto, KickDto } from './lib/moderation.dto';
