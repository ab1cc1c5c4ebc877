/** Limits shared by the server's validation and the web client's form, so both reject the same input. */
import { isTextLengthWithin } from './text-length';

/** Message text, counted after trimming, in code points ({@link textLength}). */
export const MESSAGE_TEXT_MIN_LENGTH = 1;
export const MESSAGE_TEXT_MAX_LENGTH = 2000;

/** Display names, counted after normalising to NFC and trimming, in code points ({@link textLength}). */
export const AUTHOR_MIN_LENGTH = 1;
export const AUTHOR_MAX_LENGTH = 40;

/** Request bodies above this many bytes are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = 16 * 1024;

/** History pages: default and largest `limit`. */
export const HISTORY_PAGE_DEFAULT_LIMIT = 50;
export const HISTORY_PAGE_MAX_LIMIT = 200;

/** A high surrogate not followed by a low one, or a low one not preceded by a high one: half a character. */
const LONE_SURROGATE = '[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';

/**
 * What may not appear in a display name: control characters (C0, C1, line and paragraph separators), so a
 * name can never break a line of the event stream or of a log; bidi controls (U+202A–U+202E, U+2066–U+2069,
 * and the marks U+200E, U+200F), which can make one name read as another; zero-width characters (U+200B–U+200D,
 * U+2060–U+2064, U+FEFF), which make two names that look alike differ; and lone surrogates, which are no text.
 */
export const AUTHOR_FORBIDDEN_PATTERN = new RegExp(
  '[\\u0000-\\u001f\\u007f-\\u009f\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2069\\ufeff]|' + LONE_SURROGATE,
);

/**
 * Control characters that may not appear in message text, nor lone surrogates. Line feeds and tabs are allowed
 * (multi-line messages); the event stream carries the text JSON-encoded on one line, so they cannot break a frame.
 */
export const TEXT_FORBIDDEN_PATTERN = new RegExp('[\\u0000-\\u0008\\u000b-\\u001f\\u007f]|' + LONE_SURROGATE);

/** A display name as both sides compare it: NFC (so "é" typed two ways is one name), trimmed. */
export function normalizeName(name: string): string {
  return name.normalize('NFC').trim();
}

/** Why a display name, normalised, is refused; null when it is good: the one rule for authors, stream names and token names. */
export function displayNameProblem(name: string): string | null {
  if (!isTextLengthWithin(name, AUTHOR_MIN_LENGTH, AUTHOR_MAX_LENGTH)) {
    return `must be ${AUTHOR_MIN_LENGTH} to ${AUTHOR_MAX_LENGTH} characters long (after trimming)`;
  }
  if (AUTHOR_FORBIDDEN_PATTERN.test(name)) return 'must not contain control, bidi-control or zero-width characters';
  return null;
}
