import { CHAT_EVENT, type ChatMessage, type StreamEvent, compareEventIds } from '@herald/contracts';
import type { ChatAction } from './chat-action';
import { type ChatState, MAX_DELETED_IDS, initialChatState } from './chat-state';
import { exhaustive } from './exhaustive';
import { knownNames, mentionsName } from './mentions';
import { mergeById } from './merge-messages';
import {
  acceptSend,
  discardSend,
  dropDeleted,
  dropDelivered,
  failSend,
  forgetNetworkFailures,
  retrySend,
  startSend,
} from './pending-messages';
import { notePresence } from './presence-notices';
import type { PendingMessage } from './pending-message';
import { type Reader, isOwn } from './reader';
import type { ResetNotice } from './reset-notice';
import { dropTypists, expireTypists, noteTyping } from './typist';

/**
 * The whole of a room's client-side state as a pure function: `(state, action) => state`, with no Angular, no
 * timers and no I/O. Returns `state` itself when an action changes nothing (a duplicate message, say), so a
 * signal holding it does not notify.
 */
export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  const next = reduce(state, action);
  return next === state ? state : withMentions(state, next);
}

function reduce(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'connect': {
      if (action.room !== state.room) {
        return {
          ...initialChatState(state.maxMessages),
          nextNoticeKey: state.nextNoticeKey,
          room: action.room,
          name: action.name,
          readerId: state.readerId,
          readUpTo: action.lastRead ?? null,
        };
      }
      const readUpTo = later(state.readUpTo, action.lastRead ?? null);
      const recount = action.name !== state.name || readUpTo !== state.readUpTo;
      return {
        ...state,
        name: action.name,
        status: 'connecting',
        accessDenied: null,
        readUpTo,
        unread: recount ? countUnread(state.messages, readUpTo, readerOf(state, action.name)) : state.unread,
      };
    }
    case 'revisit': {
      const readUpTo = later(state.readUpTo, action.lastRead);
      // Before the first page, the page sets it: see 'newest-page'.
      const newSince = state.historyShown ? firstUnread(state.messages, readUpTo, readerOf(state)) : null;
      const unread = countUnread(state.messages, readUpTo, readerOf(state));
      if (readUpTo === state.readUpTo && newSince === state.newSince && unread === state.unread) return state;
      return { ...state, readUpTo, newSince, unread };
    }
    case 'reader':
      if (action.authorId === state.readerId) return state;
      return {
        ...state,
        readerId: action.authorId,
        unread: countUnread(state.messages, state.readUpTo, { name: state.name, authorId: action.authorId }),
      };
    case 'closed':
      return state.loadingOlder ? { ...state, loadingOlder: false } : state;
    case 'status': {
      if (action.status === state.status) return state;
      if (action.status !== 'live') return { ...state, status: action.status };
      // Live again: whatever refusal was shown is over, and so is any failure to reach the server.
      return {
        ...state,
        status: action.status,
        accessDenied: null,
        olderPageError: null,
        pending: forgetNetworkFailures(state.pending),
      };
    }
    case 'denied':
      return { ...state, status: 'offline', accessDenied: action.error, ban: action.error.bannedUntil !== null ? action.error : state.ban };
    case 'received':
      return receive(state, action.event, action.at);
    case 'newest-page': {
      const next = addNewer(state, action.page.messages);
      if (state.historyShown) return next;
      // Older messages exist if the page says so, or if the window already had to drop some (then `next.hasMore` is set).
      const shown = { ...next, historyShown: true, hasMore: action.page.hasMore || next.hasMore };
      // With a read mark, what came after it is new since the reader was here; without one, what was there on
      // arrival is read by definition.
      if (state.readUpTo !== null) return { ...shown, newSince: firstUnread(shown.messages, state.readUpTo, readerOf(state)) };
      return markRead(shown);
    }
    case 'gap-filled':
      return addNewer(state, action.messages);
    case 'older-requested':
      return { ...state, loadingOlder: true, olderPageError: null };
    case 'older-loaded': {
      const next = add(state, action.page.messages, Infinity);
      return { ...next, capacity: Math.max(state.capacity, next.messages.length), hasMore: action.page.hasMore, loadingOlder: false };
    }
    case 'older-failed':
      return { ...state, loadingOlder: false, olderPageError: action.message };
    case 'read':
      return markRead(state, action.upTo);
    case 'typing-expired': {
      const typists = expireTypists(state.typists, action.at);
      return typists === state.typists ? state : { ...state, typists };
    }
    case 'send-started':
      return withPending(state, startSend(state.pending, action.message));
    case 'send-retried':
      return withPending(state, retrySend(state.pending, action.key));
    case 'send-accepted': {
      const next = withPending(state, acceptSend(state.pending, action.key, action.id, state.messages));
      return next.ban === null ? next : { ...next, ban: null };
    }
    case 'send-failed': {
      const next = withPending(state, failSend(state.pending, action.key, action.error));
      return action.error.bannedUntil !== null ? { ...next, ban: action.error } : next;
    }
    case 'send-discarded':
      return withPending(state, discardSend(state.pending, action.key));
    case 'banned':
      return { ...state, ban: action.error };
    case 'ban-ended':
      return action.ban === state.ban ? { ...state, ban: null } : state;
    default:
      return exhaustive(action, state);
  }
}

/** One event of the room's stream. A new event type in the contracts fails to compile here until it is handled. */
function receive(state: ChatState, event: StreamEvent, at: number): ChatState {
  switch (event.type) {
    case CHAT_EVENT.message: {
      const next = addNewer(state, [event.data]);
      // Their message is what they were typing.
      const typists = dropTypists(next.typists, new Set([event.data.authorId]));
      return typists === next.typists ? next : { ...next, typists };
    }
    case CHAT_EVENT.reset: {
      // The server no longer knows our position and replays all it holds next: the view starts over, under
      // one line that says so. The notices of the view it replaces go too: the messages they follow are
      // gone, and the joins the server now announces anew would show twice.
      const resetNotice: ResetNotice = { key: state.nextNoticeKey, reason: event.data.reason, at: new Date(at).toISOString() };
      return {
        ...state,
        messages: [],
        capacity: state.maxMessages,
        hasMore: false,
        unread: 0,
        notices: [],
        resetNotice,
        nextNoticeKey: resetNotice.key + 1,
        newSince: null,
      };
    }
    case CHAT_EVENT.presence: {
      const lastId = state.messages.at(-1)?.id ?? null;
      const { notices, nextKey } = notePresence(state.notices, event.data, lastId, at, state.nextNoticeKey);
      return { ...state, presence: event.data, notices, nextNoticeKey: nextKey };
    }
    case CHAT_EVENT.expired:
      // The connection reopens at once with a fresh token (see RoomConnection): nothing changes in the view.
      return state;
    case CHAT_EVENT.deleted:
      return event.data.room === state.room ? remove(state, event.data.id) : state;
    case CHAT_EVENT.typing: {
      const typist = event.data;
      // The reader's own typing, echoed by the server to every stream of the room, is not news to them.
      if (typist.room !== state.room || typist.authorId === state.readerId) return state;
      return { ...state, typists: noteTyping(state.typists, typist, at) };
    }
    case CHAT_EVENT.edited:
      return event.data.room === state.room ? edit(state, event.data) : state;
    default:
      return exhaustive(event, state);
  }
}

/** Puts an edited message in place of the one held with its id; one not held (or deleted) changes nothing. */
function edit(state: ChatState, edited: ChatMessage): ChatState {
  const messages = withEdits(state.messages, [edited]);
  return messages === state.messages ? state : { ...state, messages };
}

/**
 * `messages` with every held message that `incoming` carries a later edit of replaced by it: a page or a replay
 * brings the latest text, where a merge by id would keep the copy held. The list itself when none is newer.
 */
function withEdits(messages: readonly ChatMessage[], incoming: readonly ChatMessage[]): readonly ChatMessage[] {
  let next = messages;
  for (const message of incoming) {
    if (message.editedAt === undefined) continue;
    const index = indexOfId(next, message.id);
    const held = next[index];
    if (held === undefined || !isLaterEdit(message, held)) continue;
    if (next === messages) next = [...messages];
    (next as ChatMessage[])[index] = message;
  }
  return next;
}

/** Whether `edited` is a later edit than `held` (its first version, or an earlier edit). */
function isLaterEdit(edited: ChatMessage, held: ChatMessage): boolean {
  return held.editedAt === undefined || Date.parse(edited.editedAt ?? '') > Date.parse(held.editedAt);
}

/** Index of the message `id` in `messages`, or -1; edits are mostly of recent messages, so the search starts at the end. */
function indexOfId(messages: readonly ChatMessage[], id: string): number {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i].id === id) return i;
  return -1;
}

/**
 * Takes a deleted message out of everything that holds it: the list, the unread count, the pending messages, and
 * the notices that followed it (they now follow the message before). Its id is remembered, so that a page or a
 * replay already on its way cannot bring it back. A deletion of a message not held changes nothing shown.
 */
function remove(state: ChatState, id: string): ChatState {
  const remembered = state.deletedIds.includes(id);
  const deletedIds = remembered ? state.deletedIds : [...state.deletedIds, id].slice(-MAX_DELETED_IDS);
  const pending = dropDeleted(state.pending, id);
  const index = state.messages.findIndex((message) => message.id === id);
  if (index < 0) return remembered && pending === state.pending ? state : { ...state, deletedIds, pending };
  const gone = state.messages[index];
  const before = state.messages[index - 1]?.id ?? null;
  const messages = [...state.messages.slice(0, index), ...state.messages.slice(index + 1)];
  const unread = state.unread - (isUnread(gone, state.readUpTo, readerOf(state)) ? 1 : 0);
  const notices = state.notices.some((notice) => notice.afterId === id)
    ? state.notices.map((notice) => (notice.afterId === id ? { ...notice, afterId: before } : notice))
    : state.notices;
  // The line of what is new moves to the next new message.
  const newSince = state.newSince === id ? firstUnread(messages, state.readUpTo, readerOf(state), index) : state.newSince;
  return { ...state, messages, unread, pending, notices, deletedIds, newSince };
}

/** Merges messages at the newest end: beyond the window's capacity the oldest go. */
function addNewer(state: ChatState, incoming: readonly ChatMessage[]): ChatState {
  return add(state, incoming, state.capacity);
}

/**
 * Merges `incoming` (but for messages deleted meanwhile), then keeps the newest `capacity`, with the unread count
 * and the notices to match.
 */
function add(state: ChatState, incoming: readonly ChatMessage[], capacity: number): ChatState {
  const deleted = state.deletedIds;
  const wanted = deleted.length === 0 ? incoming : incoming.filter((message) => !deleted.includes(message.id));
  const current = withEdits(state.messages, wanted);
  const { messages: merged, added } = mergeById(current, wanted);
  if (added.length === 0) return current === state.messages ? state : { ...state, messages: current };
  const excess = merged.length - capacity;
  const dropped = excess > 0 ? merged.slice(0, excess) : [];
  const messages = excess > 0 ? merged.slice(excess) : merged;
  const reader = readerOf(state);
  const counts = (message: ChatMessage) => isUnread(message, state.readUpTo, reader);
  const unread = state.unread + added.filter(counts).length - dropped.filter(counts).length;
  const pending = dropDelivered(state.pending, added);
  if (dropped.length === 0) return { ...state, messages, unread, pending };
  // Notices about the dropped messages' time would otherwise drift to the end of the timeline. A reset's line
  // stood before the first of them: older pages may now be loaded above where it was.
  const oldest = messages[0].id;
  const notices = state.notices.filter((notice) => notice.afterId !== null && compareEventIds(notice.afterId, oldest) >= 0);
  const kept = notices.length === state.notices.length ? state.notices : notices;
  return { ...state, messages, unread, pending, hasMore: true, notices: kept, resetNotice: null };
}

function withPending(state: ChatState, pending: readonly PendingMessage[]): ChatState {
  return pending === state.pending ? state : { ...state, pending };
}

/** Everything held is read, or everything up to `upTo`; a mark never moves back. */
function markRead(state: ChatState, upTo?: string): ChatState {
  const readUpTo = later(state.readUpTo, upTo ?? state.messages.at(-1)?.id ?? null);
  if (readUpTo === state.readUpTo) return state;
  return { ...state, readUpTo, unread: upTo === undefined ? 0 : countUnread(state.messages, readUpTo, readerOf(state)) };
}

/** The later of two read marks (null: none). */
function later(a: string | null, b: string | null): string | null {
  return b !== null && (a === null || compareEventIds(b, a) > 0) ? b : a;
}

/** The first message by others after `readUpTo`, looking from index `from` on; null when there is none. */
function firstUnread(messages: readonly ChatMessage[], readUpTo: string | null, reader: Reader, from = 0): string | null {
  for (let i = from; i < messages.length; i++) if (isUnread(messages[i], readUpTo, reader)) return messages[i].id;
  return null;
}

/**
 * Keeps {@link ChatState.mentions} in step with what changed: the unread messages by others whose text mentions the
 * reader's name among the names the room knows (so "@Ada Lovelace" is not a mention of an "Ada"). The list is the same
 * one while its messages are.
 */
function withMentions(before: ChatState, after: ChatState): ChatState {
  const unchanged =
    after.messages === before.messages &&
    after.readUpTo === before.readUpTo &&
    after.name === before.name &&
    after.readerId === before.readerId &&
    after.presence === before.presence;
  if (unchanged) return after;
  const mentions = unreadMentions(after);
  const same = mentions.length === after.mentions.length && mentions.every((message, i) => message === after.mentions[i]);
  return same ? after : { ...after, mentions };
}

function unreadMentions(state: ChatState): readonly ChatMessage[] {
  const name = state.name;
  if (name === null || state.unread === 0) return [];
  const reader = readerOf(state);
  const found: ChatMessage[] = [];
  let names: string[] | null = null;
  for (let i = state.messages.length - 1; i >= 0; i--) {
    const message = state.messages[i];
    if (state.readUpTo !== null && compareEventIds(message.id, state.readUpTo) <= 0) break;
    if (isOwn(message, reader) || !message.text.includes('@')) continue;
    names ??= knownNames(state.messages, state.presence, name);
    if (mentionsName(message.text, names, name)) found.unshift(message);
  }
  return found;
}

/** Who reads, as the "own" rule ({@link isOwn}) takes it; `name` when it is about to change. */
function readerOf(state: ChatState, name: string | null = state.name): Reader {
  return { name, authorId: state.readerId };
}

function isUnread(message: ChatMessage, readUpTo: string | null, reader: Reader): boolean {
  return !isOwn(message, reader) && (readUpTo === null || compareEventIds(message.id, readUpTo) > 0);
}

/** Unread messages among `messages`: the ones by others after `readUpTo`, which are the newest. */
function countUnread(messages: readonly ChatMessage[], readUpTo: string | null, reader: Reader): number {
  let count = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    if (readUpTo !== null && compareEventIds(messages[i].id, readUpTo) <= 0) break;
    if (!isOwn(messages[i], reader)) count++;
  }
  return count;
}
