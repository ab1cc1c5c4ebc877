import {
  CHAT_EVENT,
  type ChatMessage,
  type MessageDeleted,
  type PresenceUpdate,
  type StreamReset,
  type TypingUpdate,
} from '@herald/contracts';
import { STREAM_EVENT_TYPES, parseStreamEvent } from './parse-stream-event';

const message: ChatMessage = { id: '100-0', room: 'lobby', author: 'Ada', text: 'hi', sentAt: '2025-01-01T12:00:00.000Z' };
const reset: StreamReset = { reason: 'unknown-id', lastEventId: '5-0', oldestId: null };
const presence: PresenceUpdate = {
  room: 'lobby',
  online: ['Ada', 'Bob'],
  people: [{ name: 'Ada', authorId: 'q8Yv3c1nT0dM2kX9pL4wZa' }, { name: 'Ada' }, { name: 'Bob', authorId: 'b0Bv3c1nT0dM2kX9pL4wZa' }],
  connections: 3,
  joined: 'Bob',
};
const deleted: MessageDeleted = { id: '100-0', room: 'lobby', deletedBy: 'moderator', deletedAt: '2025-01-01T12:05:00.000Z' };
const typing: TypingUpdate = { room: 'lobby', name: 'Bob', authorId: 'b0Bv3c1nT0dM2kX9pL4wZa', until: '2025-01-01T12:00:06.000Z' };
const edited: ChatMessage = { ...message, text: 'hi there', editedAt: '2025-01-01T12:01:00.000Z' };
const frame = (data: unknown) => JSON.stringify(data);

describe('parseStreamEvent', () => {
  it('listens for every event the contracts name', () => {
    expect([...STREAM_EVENT_TYPES].sort()).toEqual(Object.values(CHAT_EVENT).sort());
  });

  it('reads each event type into the contracts’ union', () => {
    expect(parseStreamEvent(CHAT_EVENT.message, frame(message))).toEqual({ type: 'message', data: message });
    expect(parseStreamEvent(CHAT_EVENT.reset, frame(reset))).toEqual({ type: 'reset', data: reset });
    expect(parseStreamEvent(CHAT_EVENT.presence, frame(presence))).toEqual({ type: 'presence', data: presence });
    expect(parseStreamEvent(CHAT_EVENT.deleted, frame(deleted))).toEqual({ type: 'deleted', data: deleted });
    expect(parseStreamEvent(CHAT_EVENT.typing, frame(typing))).toEqual({ type: 'typing', data: typing });
    expect(parseStreamEvent(CHAT_EVENT.edited, frame(edited))).toEqual({ type: 'edited', data: edited });
  });

  it('skips typing without the typist’s author id or its end, and an edit without its time', () => {
    expect(parseStreamEvent(CHAT_EVENT.typing, frame({ ...typing, authorId: undefined }))).toBeNull();
    expect(parseStreamEvent(CHAT_EVENT.typing, frame({ ...typing, until: 6000 }))).toBeNull();
    expect(parseStreamEvent(CHAT_EVENT.edited, frame(message))).toBeNull();
    expect(parseStreamEvent(CHAT_EVENT.message, frame({ ...edited, editedAt: 1 }))).toBeNull();
  });

  it('skips a deletion that does not name a message by its event id', () => {
    expect(parseStreamEvent(CHAT_EVENT.deleted, frame({ ...deleted, id: 'abc' }))).toBeNull();
    expect(parseStreamEvent(CHAT_EVENT.deleted, frame({ ...deleted, room: undefined }))).toBeNull();
  });

  it('applies a deletion whoever made it, even by a kind of deleter this release does not know', () => {
    const bySystem = { ...deleted, deletedBy: 'retention' };
    expect(parseStreamEvent(CHAT_EVENT.deleted, frame(bySystem))).toEqual({ type: 'deleted', data: bySystem });
  });

  it('skips a frame that is not JSON, or not text', () => {
    expect(parseStreamEvent(CHAT_EVENT.message, '{"id":')).toBeNull();
    expect(parseStreamEvent(CHAT_EVENT.message, undefined)).toBeNull();
    expect(parseStreamEvent(CHAT_EVENT.presence, 'null')).toBeNull();
  });

  it.each([
    ['an id that is not an event id', { ...message, id: 'abc' }],
    ['no text', { ...message, text: undefined }],
    ['an author that is not a string', { ...message, author: 42 }],
    ['an author id that is not a string', { ...message, authorId: 7 }],
    ['an array', [message]],
  ])('skips a message with %s', (_, data) => {
    expect(parseStreamEvent(CHAT_EVENT.message, frame(data))).toBeNull();
  });

  it.each([
    ['names that are not strings', { ...presence, online: ['Ada', 7] }],
    ['no connection count', { ...presence, connections: '3' }],
    ['a join that is not a name', { ...presence, joined: true }],
    ['people without names', { ...presence, people: [{ authorId: 'q8Yv3c1nT0dM2kX9pL4wZa' }] }],
    ['people that are not a list', { ...presence, people: 'Ada' }],
  ])('skips a presence update with %s', (_, data) => {
    expect(parseStreamEvent(CHAT_EVENT.presence, frame(data))).toBeNull();
  });

  it('keeps the author id of a verified message', () => {
    const verified = { ...message, authorId: 'q8Yv3c1nT0dM2kX9pL4wZa' };
    expect(parseStreamEvent(CHAT_EVENT.message, frame(verified))).toEqual({ type: 'message', data: verified });
  });

  it('reads presence from a server that predates identities as one unverified person per name', () => {
    const { people: _people, ...older } = presence;
    expect(parseStreamEvent(CHAT_EVENT.presence, frame(older))).toEqual({
      type: 'presence',
      data: { ...older, people: [{ name: 'Ada' }, { name: 'Bob' }] },
    });
  });

  it('skips a reset without the id it answers', () => {
    expect(parseStreamEvent(CHAT_EVENT.reset, frame({ reason: 'unknown-id', oldestId: null }))).toBeNull();
    expect(parseStreamEvent(CHAT_EVENT.reset, frame({ ...reset, oldestId: 5 }))).toBeNull();
  });
});
