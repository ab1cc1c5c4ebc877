/** The request DTO classes, with their validation rules: for the server's ValidationPipe. */
export { CreateMessageDto, EditMessageDto } from './lib/create-message.dto';
export { CreateStreamTicketDto } from './lib/create-stream-ticket.dto';
export { CreateSessionDto } from './lib/create-session.dto';
export { CreateBanDto, KickDto, ModerationTargetDto } from './lib/moderation.dto';
