/** Limits shared by the server's validation and the web client's form, so both reject the same input. */

/** Message text, counted after trimming. */
export const MESSAGE_TEXT_MIN_LENGTH = 1;
export const MESSAGE_TEXT_MAX_LENGTH = 2000;

/** Display names, counted after trimming. */
export const AUTHOR_MIN_LENGTH = 1;
export const AUTHOR_MAX_LENGTH = 40;

/** Request bodies above this many bytes are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = 16 * 1024;

/** History pages: default and largest `limit`. */
export const HISTORY_PAGE_DEFAULT_LIMIT = 50;
export const HISTORY_PAGE_MAX_LIMIT = 200;

/**
 * Control characters that may not appear in a display name: none at all, so a name can never break a
 * line of the event stream or of a log.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const AUTHOR_FORBIDDEN_PATTERN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * Control characters that may not appear in message text. Line feeds and tabs are allowed (multi-line
 * messages); the event stream carries the text JSON-encoded on one line, so they cannot break a frame.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const TEXT_FORBIDDEN_PATTERN = /[\u0000-\u0008\u000b-\u001f\u007f]/;
