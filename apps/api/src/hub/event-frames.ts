import {
  CHAT_EVENT,
  ChatMessage,
  MessageDeleted,
  PresenceUpdate,
  RoomsStreamEvent,
  StreamEvent,
  StreamExpired,
  StreamReset,
  TypingUpdate,
} from '@herald/contracts';
import type { EditEvent, FeedFrame, MessageEvent, TombstoneEvent } from './hub-event';

/**
 * The only place that turns stream events into bytes of the event stream, once per event for every
 * subscriber. Ids and event names never carry CR, LF or NUL (ids are generated, names are constants) and
 * `data:` is one line of JSON, which escapes every line break, so no field can start another field or event.
 */
export function encodeEvent(event: StreamEvent | RoomsStreamEvent, id: string | null = null): Buffer {
  return Buffer.from(`${id === null ? '' : `id: ${id}\n`}event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
}

/** A stored message with its frame; its event id is the message's. */
export function toHubEvent(message: ChatMessage): MessageEvent {
  return { id: message.id, room: message.room, message, frame: encodeEvent({ type: CHAT_EVENT.message, data: message }, message.id) };
}

/** A deletion with its frame, under the tombstone's own event id `id`; `covers`, the ids it took out besides. */
export function toTombstone(id: string, deleted: MessageDeleted, covers?: readonly string[]): TombstoneEvent {
  const frame = encodeEvent({ type: CHAT_EVENT.deleted, data: deleted }, id);
  return { id, room: deleted.room, deleted, frame, ...(covers && covers.length > 0 ? { covers } : {}) };
}

/** An edit with its frame, under the edit's own event id `id`; `edited` is the message as it now is. */
export function toEditEvent(id: string, edited: ChatMessage): EditEvent {
  return { id, room: edited.room, edited, frame: encodeEvent({ type: CHAT_EVENT.edited, data: edited }, id) };
}

/** The `reset` event; it carries no id, so the client's last event id stays as it was. */
export function resetFrame(reset: StreamReset): Buffer {
  return encodeEvent({ type: CHAT_EVENT.reset, data: reset });
}

/** The `presence` event; no id, like `reset`. */
export function presenceFrame(update: PresenceUpdate): FeedFrame {
  return { id: null, frame: encodeEvent({ type: CHAT_EVENT.presence, data: update }) };
}

/** The `typing` event; no id, like presence. */
export function typingFrame(update: TypingUpdate): FeedFrame {
  return { id: null, frame: encodeEvent({ type: CHAT_EVENT.typing, data: update }) };
}

/** The `expired` event, a stream's last: the token it was opened with is no longer accepted. No id. */
export function expiredFrame(expired: StreamExpired): Buffer {
  return encodeEvent({ type: CHAT_EVENT.expired, data: expired });
}
