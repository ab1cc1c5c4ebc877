/** Why a post was refused, as the `reason` label of `herald_messages_rejected_total`. */
export const REJECTION_REASONS = [
  'validation',
  'bad_json',
  'too_large',
  'unsupported_media_type',
  'unauthorized',
  'forbidden',
  'rate_limited',
  'too_many_rooms',
  'unavailable',
  'internal',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

const BY_STATUS: Record<number, RejectionReason> = {
  401: 'unauthorized',
  403: 'forbidden',
  413: 'too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'unavailable',
  507: 'too_many_rooms',
};

/**
 * The one place a refused post gets its reason, from how it was answered: every refusal has its own status,
 * except 400, which is `bad_json` when the request carried no JSON object at all and `validation` when it
 * did (a field broke the rules, or the room name is invalid). Reading the answer rather than the exception
 * also covers the refusals the body parser answers before any route runs (413, 415, malformed JSON).
 */
export function rejectionReason(statusCode: number, body: unknown): RejectionReason {
  if (statusCode === 400) return isJsonObject(body) ? 'validation' : 'bad_json';
  return BY_STATUS[statusCode] ?? (statusCode >= 500 ? 'internal' : 'validation');
}

function isJsonObject(body: unknown): boolean {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}
