import { findMentions } from '@herald/chat-client';
import type { TextPart } from './message-links';

/** A run of message text as shown: plain, a link, or a mention of the reader (`you`) or of someone else. */
export interface MessagePart extends TextPart {
  mention: 'you' | 'other' | null;
}

/**
 * Cuts the plain runs of `parts` (the runs and links of `text`, as `linkify` makes them) at each `@name` of the
 * names the room knows. Links stay whole: an `@` inside an address is no mention. Everything stays text.
 */
export function markMentions(text: string, parts: readonly TextPart[], names: readonly string[], readerName: string | null): MessagePart[] {
  const mentions = findMentions(text, names);
  const you = readerName?.toLowerCase();
  const marked: MessagePart[] = [];
  let offset = 0;
  for (const part of parts) {
    const start = offset;
    offset += part.text.length;
    if (part.href !== null) {
      marked.push({ ...part, mention: null });
      continue;
    }
    let from = start;
    for (const mention of mentions) {
      if (mention.start < from || mention.end > offset) continue;
      if (mention.start > from) marked.push({ text: text.slice(from, mention.start), href: null, mention: null });
      const who = mention.name.toLowerCase() === you ? 'you' : 'other';
      marked.push({ text: text.slice(mention.start, mention.end), href: null, mention: who });
      from = mention.end;
    }
    if (from < offset) marked.push({ text: text.slice(from, offset), href: null, mention: null });
  }
  return marked;
}
