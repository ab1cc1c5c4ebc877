'use strict';
/**
 * The raw baseline's check of a post body: the rules Herald applies (JSON body middleware, then the ValidationPipe
 * with CreateMessageDto: whitelist, forbid unknown fields, trim, lengths, control characters; see
 * libs/contracts/src/lib/limits.ts), so that the posts/s comparison prices the same work, not a laxer server.
 */
const MAX_BODY_BYTES = 16 * 1024;
const AUTHOR = { min: 1, max: 40, forbidden: /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/ }; // eslint-disable-line no-control-regex
const TEXT = { min: 1, max: 2000, forbidden: /[\u0000-\u0008\u000b-\u001f\u007f]/ }; // eslint-disable-line no-control-regex
const FIELDS = new Set(['author', 'text']);

/** Length as class-validator's `Length` counts it: surrogate pairs and variation selectors count once / not at all. */
function length(s) {
  const pairs = s.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g);
  const selectors = s.match(/[\uFE0E\uFE0F]/g);
  return s.length - (pairs ? pairs.length : 0) - (selectors ? selectors.length : 0);
}

function field(body, name, rule) {
  const value = body[name];
  if (typeof value !== 'string') return { error: `${name} must be a string` };
  const v = value.trim();
  const n = length(v);
  if (n < rule.min || n > rule.max) return { error: `${name} must be ${rule.min} to ${rule.max} characters long (after trimming)` };
  if (rule.forbidden.test(v)) return { error: `${name} must not contain control characters` };
  return { value: v };
}

/** `{ author, text }` trimmed, or `{ status, error }` (415 for a body that is not JSON, else 400). */
function checkPost(contentType, raw) {
  if (!/^application\/json\s*(?:;|$)/i.test(contentType)) return { status: 415, error: 'Send the body as JSON.' };
  let body;
  try {
    body = JSON.parse(raw);
  } catch {
    return { status: 400, error: 'The body is not JSON.' };
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { status: 400, error: 'The body must be a JSON object.' };
  const extra = Object.keys(body).filter((k) => !FIELDS.has(k));
  if (extra.length) return { status: 400, error: extra.map((k) => `property ${k} should not exist`).join(', ') };
  const author = field(body, 'author', AUTHOR);
  const text = field(body, 'text', TEXT);
  const errors = [author.error, text.error].filter(Boolean);
  if (errors.length) return { status: 400, error: errors.join(', ') };
  return { author: author.value, text: text.value };
}

module.exports = { MAX_BODY_BYTES, AUTHOR, TEXT, checkPost };
