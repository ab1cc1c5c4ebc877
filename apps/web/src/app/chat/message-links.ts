/** A run of message text: plain, or a web address to open (`href` is always http: or https:). */
export interface TextPart {
  text: string;
  href: string | null;
}

/**
 * Where a web address may start: `http://`, `https://` or `www.`, at the start of the text or after anything
 * but a letter, digit or URL punctuation (so `e-mail@www.example` or `xhttp://` are not links). It runs to
 * the next space or a character that cannot be part of an address in running text.
 */
const CANDIDATE = /(?<![\p{L}\p{N}._@/:-])(?:https?:\/\/|www\.)[^\s<>"]+/giu;
/** Punctuation that ends a sentence rather than the address: "see https://example.com." */
const TRAILING = /[.,:;!?'’"”*]+$/u;
const CLOSING: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/**
 * Splits message text into plain runs and web addresses, for auto-links. Only http(s) addresses are links
 * (`www.` ones open as https), so no `javascript:` or other scheme can become one; the parts are rendered as
 * text, never as HTML.
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let plainFrom = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const address = trimEnd(match[0]);
    const href = webHref(address);
    if (href === null) continue;
    if (match.index > plainFrom) parts.push({ text: text.slice(plainFrom, match.index), href: null });
    parts.push({ text: address, href });
    plainFrom = match.index + address.length;
  }
  if (plainFrom < text.length) parts.push({ text: text.slice(plainFrom), href: null });
  return parts;
}

/** Drops sentence punctuation and unmatched closing brackets from the end: "(see https://x.example/a_(b))". */
function trimEnd(candidate: string): string {
  let address = candidate;
  for (;;) {
    const trimmed = address.replace(TRAILING, '');
    const last = trimmed.at(-1) ?? '';
    const opener = CLOSING[last];
    const unmatched = opener !== undefined && count(trimmed, opener) < count(trimmed, last);
    const next = unmatched ? trimmed.slice(0, -1) : trimmed;
    if (next === address) return address;
    address = next;
  }
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** The address to open, or null when it is not a usable http(s) address. */
function webHref(address: string): string | null {
  const absolute = /^www\./i.test(address) ? `https://${address}` : address;
  try {
    const url = new URL(absolute);
    const web = url.protocol === 'http:' || url.protocol === 'https:';
    // "www." alone, or "https://." are not somewhere to go.
    return web && /[\p{L}\p{N}]/u.test(url.hostname.replace(/^www\./i, '')) ? absolute : null;
  } catch {
    return null;
  }
}
