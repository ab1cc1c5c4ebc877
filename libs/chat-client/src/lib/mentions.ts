import type { ChatMessage, PresenceUpdate } from '@herald/contracts';

/** One `@name` in a message's text: `text.slice(start, end)` is the `@` and the name as typed. */
export interface Mention {
  start: number;
  end: number;
  /** The known name it matched, as the room knows it (its case may differ from the text's). */
  name: string;
}

/** A letter, digit or mark: a name that runs into one ("@Adam" for "Ada") is not a mention of it. */
const WORD = /[\p{L}\p{N}\p{M}_]/u;

/**
 * The mentions of `names` in `text`: an `@` at the start or after a character that is not part of a word (so an
 * address like `ada@example.com` is none), then one of the names, compared case-insensitively, not running into
 * more of a word. Names may hold spaces ("@Ada Lovelace"): the longest name that fits wins. Only names given
 * count, so a stray `@` never marks anything the room does not know.
 */
export function findMentions(text: string, names: Iterable<string>): Mention[] {
  if (!text.includes('@')) return [];
  const known = [...new Set(names)]
    .filter((name) => name.length > 0)
    .sort((a, b) => b.length - a.length)
    .map((name) => ({ name, folded: name.toLowerCase() }));
  const found: Mention[] = [];
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    if (at > 0 && (WORD.test(text[at - 1]) || text[at - 1] === '@')) continue;
    const match = known.find(({ name, folded }) => {
      const end = at + 1 + name.length;
      return text.slice(at + 1, end).toLowerCase() === folded && !WORD.test(text.charAt(end));
    });
    if (match === undefined) continue;
    found.push({ start: at, end: at + 1 + match.name.length, name: match.name });
    at += match.name.length;
  }
  return found;
}

/** Whether `text` mentions `name` among the names the room knows (a longer known name is not a mention of it). */
export function mentionsName(text: string, names: Iterable<string>, name: string): boolean {
  const folded = name.toLowerCase();
  return findMentions(text, [...names, name]).some((mention) => mention.name.toLowerCase() === folded);
}

/** The names a room knows: the people online, the authors of the messages held, and the reader's own, sorted. */
export function knownNames(messages: readonly ChatMessage[], presence: PresenceUpdate | null, readerName: string | null): string[] {
  const names = new Set<string>(presence?.people.map((person) => person.name) ?? []);
  for (const message of messages) if (message.origin !== 'system') names.add(message.author);
  if (readerName !== null) names.add(readerName);
  return [...names].sort();
}
