import type { ChatMessage, PresencePerson } from '@herald/contracts';

/** The person reading: the display name they chose, and the author id of their guest session once they have one. */
export interface Reader {
  name: string | null;
  authorId: string | null;
}

/**
 * Whether the reader wrote `message`: by the author id of their guest session when they have one, never by name
 * (anyone may pick the same name). Without one (before it is made, or in an app that signs its users in through
 * its token provider, whose names are the tokens'), the name decides. The one rule for "own": the unread count and
 * the app's styling both use it.
 */
export function isOwn(message: ChatMessage, reader: Reader | null): boolean {
  if (reader === null) return false;
  if (reader.authorId !== null) return message.authorId === reader.authorId;
  return reader.name !== null && message.author === reader.name;
}

/** Whether `person` online is the reader, by the same rule as {@link isOwn}. */
export function isReader(person: PresencePerson, reader: Reader | null): boolean {
  if (reader === null) return false;
  if (reader.authorId !== null) return person.authorId === reader.authorId;
  return reader.name !== null && person.name === reader.name;
}
