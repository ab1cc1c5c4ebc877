/** A post would open a room beyond the configured number of rooms. */
export class TooManyRoomsError extends Error {
  constructor(readonly maxRooms: number) {
    super(`This server already holds its maximum of ${maxRooms} rooms; post to an existing room.`);
    this.name = 'TooManyRoomsError';
  }
}
