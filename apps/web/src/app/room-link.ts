import { DEFAULT_ROOM, ROOM_NAME_MAX_LENGTH, isRoomName, textLength } from '@herald/contracts';
import { charactersTooMany } from './chat/character-count';

/** What a link that leads to no room gets instead: what was wrong with it, and the room it most likely meant. */
export interface BadLink {
  heading: string;
  problems: string[];
  /** A valid room name to offer. */
  suggestion: string;
}

/**
 * A room name made of `raw`: accents dropped, lower case, every run of other characters a dash, at most
 * {@link ROOM_NAME_MAX_LENGTH} characters; the lobby when nothing is left. `My_Room` → `my-room`.
 */
export function suggestRoomName(raw: string): string {
  const name = raw
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, ROOM_NAME_MAX_LENGTH)
    .replace(/-+$/, '');
  return isRoomName(name) ? name : DEFAULT_ROOM;
}

/** Why `raw` is not a room name, in words; empty when it is one. */
export function roomNameProblems(raw: string): string[] {
  if (raw === '') return ['The link names no room.'];
  const problems: string[] = [];
  const length = textLength(raw);
  if (length > ROOM_NAME_MAX_LENGTH) {
    const over = charactersTooMany(length - ROOM_NAME_MAX_LENGTH);
    problems.push(`The name has ${length} characters, ${over}: room names have at most ${ROOM_NAME_MAX_LENGTH}.`);
  }
  if (/\p{Lu}/u.test(raw)) problems.push('Room names are in lower case.');
  const others = [...new Set(raw.toLowerCase().replace(/[a-z0-9-]/g, ''))];
  if (others.length > 0) {
    const listed = others.map((c) => (c === ' ' ? 'spaces' : `“${c}”`)).join(', ');
    problems.push(`Room names hold only letters a to z, digits and dashes, not ${listed}.`);
  }
  return problems;
}

/**
 * Describes a path the app has no page for, from its segments: a room link (`/r/<name>`) with a name that is
 * not one, or any other path, which is offered as a room name too (`/nonsense` → `#nonsense`).
 */
export function describeBadLink(segments: readonly string[]): BadLink {
  if (segments[0] === 'r') {
    const raw = segments.slice(1).join('/');
    return { heading: 'This room link does not work', problems: roomNameProblems(raw), suggestion: suggestRoomName(raw) };
  }
  const path = `/${segments.join('/')}`;
  return {
    heading: 'There is no page here',
    problems: [`Herald has no page at ${path}.`],
    suggestion: suggestRoomName(segments.join('-')),
  };
}
