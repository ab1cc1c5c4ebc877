import { IsString, Matches } from 'class-validator';
import { ROOM_NAME_PATTERN } from './rooms';

/** Body of `POST /api/stream-tickets`: the room a ticket opens one stream of. */
export class CreateStreamTicketDto {
  @IsString({ message: 'room must be a string' })
  @Matches(ROOM_NAME_PATTERN, { message: 'room must be 1 to 32 characters of lower-case letters, digits and "-"' })
  room!: string;
}
