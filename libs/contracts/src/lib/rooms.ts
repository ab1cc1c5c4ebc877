/** Room rules both sides apply: names, the default room, and which rooms are private by their name. */

/** The room that `/api/events` and `/api/messages` (no room in the path) stand for. */
export const DEFAULT_ROOM = 'lobby';

/** Room names: lower-case letters, digits and dashes, 1 to {@link ROOM_NAME_MAX_LENGTH} characters. */
export const ROOM_NAME_MAX_LENGTH = 32;
export const ROOM_NAME_PATTERN = new RegExp(`^[a-z0-9-]{1,${ROOM_NAME_MAX_LENGTH}}$`);

/** Is `name` a valid room name? */
export function isRoomName(name: unknown): name is string {
  return typeof name === 'string' && ROOM_NAME_PATTERN.test(name);
}

/** Rooms named `private-*` need a token allowing them on every server (operators can list more). */
export const PRIVATE_ROOM_PREFIX = 'private-';

/** Is `room` private by its name, whatever the server's configuration? */
export function isPrivateByName(room: string): boolean {
  return room.startsWith(PRIVATE_ROOM_PREFIX);
}

/** Is `room` private: by its name, or because the server lists it (PRIVATE_ROOMS)? */
export function isPrivateRoom(room: string, configured: ReadonlySet<string>): boolean {
  return isPrivateByName(room) || configured.has(room);
}
