import type { Reader } from '@herald/chat-client';
import type { ChatMessage, ModeratorSelf } from '@herald/contracts';

/** What a reader can do to a message from its menu. */
export type MessageAction = { kind: 'edit' } | { kind: 'delete' } | { kind: 'ban'; seconds: number; label: string };

/** A choice made in a message's menu, for the page to carry out. */
export interface MessageActionRequest {
  message: ChatMessage;
  action: MessageAction;
}

/** The bans a moderator can set from a message: its author, in its room. */
export const BAN_CHOICES: readonly MessageAction[] = [
  { kind: 'ban', seconds: 10 * 60, label: 'Ban author for 10 minutes' },
  { kind: 'ban', seconds: 60 * 60, label: 'Ban author for 1 hour' },
  { kind: 'ban', seconds: 24 * 60 * 60, label: 'Ban author for 1 day' },
];

/**
 * What the reader may do beyond reading: moderate (while signed in as a moderator), and edit and delete their own
 * for a while.
 */
export interface MessagePowers {
  moderator: ModeratorSelf | null;
  /** The server's window for authors to delete their messages, in seconds; 0: only moderators delete. */
  deleteWindowS: number;
  /** The server's window for authors to edit their messages, in seconds; 0: no edits. */
  editWindowS: number;
}

/**
 * The actions `message` offers the reader at `now` (milliseconds): an author deletes and edits their own verified
 * message within the server's windows; a moderator deletes any message and bans the author of a verified one (only
 * the server knows who posted an unverified one: their address), though not themselves. Delete comes first, where
 * the menu opens (it asks for a second press), as it did before there were edits.
 */
export function messageActions(message: ChatMessage, reader: Reader | null, powers: MessagePowers, now: number): readonly MessageAction[] {
  const open = (windowS: number) => {
    const ends = ownWindowEnds(message, reader, windowS);
    return ends !== null && now < ends;
  };
  const edit: MessageAction[] = open(powers.editWindowS) ? [{ kind: 'edit' }] : [];
  const { moderator } = powers;
  if (moderator !== null) {
    const authorId = message.authorId;
    const bannable = authorId !== undefined && authorId !== moderator.authorId && authorId !== reader?.authorId;
    return [{ kind: 'delete' }, ...edit, ...(bannable ? BAN_CHOICES : [])];
  }
  return open(powers.deleteWindowS) ? [{ kind: 'delete' }, ...edit] : edit;
}

/**
 * When a window of `windowS` seconds after posting closes for the reader's own `message` (milliseconds), or null
 * when it is not theirs (by their session's author id) or there is no such window.
 */
export function ownWindowEnds(message: ChatMessage, reader: Reader | null, windowS: number): number | null {
  const own = message.authorId !== undefined && message.authorId === reader?.authorId;
  if (!own || windowS <= 0) return null;
  const sentAt = Date.parse(message.sentAt);
  return Number.isNaN(sentAt) ? null : sentAt + windowS * 1000;
}

/** The next moment after `now` at which one of the reader's own messages stops being theirs to edit or delete, or null. */
export function nextWindowEnd(messages: readonly ChatMessage[], reader: Reader | null, powers: MessagePowers, now: number): number | null {
  let next: number | null = null;
  for (const message of messages) {
    for (const windowS of [powers.deleteWindowS, powers.editWindowS]) {
      const ends = ownWindowEnds(message, reader, windowS);
      if (ends !== null && ends > now && (next === null || ends < next)) next = ends;
    }
  }
  return next;
}
