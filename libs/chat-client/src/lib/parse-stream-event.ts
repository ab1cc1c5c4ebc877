import {
  CHAT_EVENT,
  type ChatMessage,
  type MessageDeleted,
  type PresencePerson,
  type PresenceUpdate,
  type StreamEvent,
  type StreamExpired,
  type StreamReset,
  type TypingUpdate,
  isEventId,
} from '@herald/contracts';
import { exhaustive } from './exhaustive';
import { withPeople } from './presence-people';

/** The `event:` names of a room's stream. */
export type StreamEventType = StreamEvent['type'];

/** Every event name the contracts define: the ones a connection listens for. */
export const STREAM_EVENT_TYPES: readonly StreamEventType[] = Object.values(CHAT_EVENT);

/**
 * The one place where a frame of a room's stream (its `event:` name and `data:` text) becomes a
 * {@link StreamEvent}. A frame that is not what the contracts promise gives null and is skipped: one bad frame
 * must not stop the feed, and nothing downstream has to doubt the shapes it is given.
 */
export function parseStreamEvent(type: StreamEventType, data: unknown): StreamEvent | null {
  let payload: unknown;
  try {
    payload = typeof data === 'string' ? JSON.parse(data) : undefined;
  } catch {
    return null;
  }
  switch (type) {
    case CHAT_EVENT.message:
      return isChatMessage(payload) ? { type, data: payload } : null;
    case CHAT_EVENT.reset:
      return isStreamReset(payload) ? { type, data: payload } : null;
    case CHAT_EVENT.presence:
      return isPresenceUpdate(payload) ? { type, data: withPeople(payload) } : null;
    case CHAT_EVENT.expired:
      return isStreamExpired(payload) ? { type, data: payload } : null;
    case CHAT_EVENT.deleted:
      return isMessageDeleted(payload) ? { type, data: payload } : null;
    case CHAT_EVENT.typing:
      return isTypingUpdate(payload) ? { type, data: payload } : null;
    case CHAT_EVENT.edited:
      // Without the time of the edit, it could not be told from the version held.
      return isChatMessage(payload) && isString(payload.editedAt) ? { type, data: payload } : null;
    default:
      return exhaustive(type, null);
  }
}

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null;
const isString = (value: unknown): value is string => typeof value === 'string';
const isOptionalString = (value: unknown) => value === undefined || isString(value);

// An id that is not an event id could neither be placed in order nor resumed from.
function isChatMessage(value: unknown): value is ChatMessage {
  return (
    isObject(value) &&
    isEventId(value['id']) &&
    isString(value['room']) &&
    isString(value['author']) &&
    isString(value['text']) &&
    isString(value['sentAt']) &&
    isOptionalString(value['authorId']) &&
    isOptionalString(value['editedAt'])
  );
}

function isStreamReset(value: unknown): value is StreamReset {
  return (
    isObject(value) &&
    isString(value['reason']) &&
    isString(value['lastEventId']) &&
    (value['oldestId'] === null || isString(value['oldestId']))
  );
}

/** `people` may be missing (a server from before identities): {@link withPeople} fills it in from the names. */
function isPresenceUpdate(value: unknown): value is Omit<PresenceUpdate, 'people'> & { people?: PresencePerson[] } {
  return (
    isObject(value) &&
    isString(value['room']) &&
    Array.isArray(value['online']) &&
    value['online'].every(isString) &&
    (value['people'] === undefined || (Array.isArray(value['people']) && value['people'].every(isPresencePerson))) &&
    typeof value['connections'] === 'number' &&
    isOptionalString(value['joined']) &&
    isOptionalString(value['left'])
  );
}

function isPresencePerson(value: unknown): value is PresencePerson {
  return isObject(value) && isString(value['name']) && isOptionalString(value['authorId']);
}

function isStreamExpired(value: unknown): value is StreamExpired {
  return isObject(value) && isString(value['expiredAt']);
}

/** Whoever deleted it, a deletion is applied: a `deletedBy` this release does not know must not keep the text on screen. */
function isMessageDeleted(value: unknown): value is MessageDeleted {
  return (
    isObject(value) && isEventId(value['id']) && isString(value['room']) && isString(value['deletedBy']) && isString(value['deletedAt'])
  );
}

function isTypingUpdate(value: unknown): value is TypingUpdate {
  return isObject(value) && isString(value['room']) && isString(value['name']) && isString(value['authorId']) && isString(value['until']);
}
