import type { Reader } from '@herald/chat-client';
import type { ChatMessage, ModeratorSelf } from '@herald/contracts';

/** What a reader can do to a message from its menu. */
export type MessageAction = { kind: 'delete' } | { kind: 'ban'; seconds: number; label: string };

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

/** What the reader may do beyond reading: moderate (while signed in as a moderator), and delete their own for a while. */
export interface MessagePowers {
  moderator: ModeratorSelf | null;
  /** The server's window for authors to delete their messages, in seconds; 0: only moderators delete. */
  deleteWindowS: number;
}

/**
 * The actions `message` offers the reader at `now` (milliseconds): a moderator deletes any message and bans the
 * author of a verified one (only the server knows who posted an unverified one: their address), though not
 * themselves; an author deletes their own verified message within the server's window.
 */
export function messageActions(message: ChatMessage, reader: Reader | null, powers: MessagePowers, now: number): readonly MessageAction[] {
  const { moderator } = powers;
  if (moderator !== null) {
    const authorId = message.authorId;
    const bannable = authorId !== undefined && authorId !== moderator.authorId && authorId !== reader?.authorId;
    return bannable ? [{ kind: 'delete' }, ...BAN_CHOICES] : [{ kind: 'delete' }];
  }
  const ends = ownDeleteEnds(message, reader, powers);
  return ends !== null && now < ends ? [{ kind: 'delete' }] : [];
}

/** When the reader's window to delete `message` closes (milliseconds), or null when it is not theirs to delete. */
export function ownDeleteEnds(message: ChatMessage, reader: Reader | null, powers: MessagePowers): number | null {
  const own = message.authorId !== undefined && message.authorId === reader?.authorId;
  if (!own || powers.deleteWindowS <= 0) return null;
  const sentAt = Date.parse(message.sentAt);
  return Number.isNaN(sentAt) ? null : sentAt + powers.deleteWindowS * 1000;
}

/** The next moment after `now` at which one of the reader's own messages stops being theirs to delete, or null. */
export function nextDeleteWindowEnd(
  messages: readonly ChatMessage[],
  reader: Reader | null,
  powers: MessagePowers,
  now: number,
): number | null {
  let next: number | null = null;
  for (const message of messages) {
    const ends = ownDeleteEnds(message, reader, powers);
    if (ends !== null && ends > now && (next === null || ends < next)) next = ends;
  }
  return next;
}
