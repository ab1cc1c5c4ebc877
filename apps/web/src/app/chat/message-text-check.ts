import { MESSAGE_TEXT_MAX_LENGTH, MESSAGE_TEXT_MIN_LENGTH, TEXT_FORBIDDEN_PATTERN, textLength } from '@herald/contracts';
import { charactersLeft, charactersTooMany } from './character-count';

/** Show the countdown once the writer gets this close to the limit. */
export const COUNTDOWN_FROM = 200;

/** What the server's rule for a message's text says of a draft, for the composer and the editor alike. */
export interface MessageTextCheck {
  /** Characters left below the limit, counted after trimming, in code points as the server counts; negative: too many. */
  remaining: number;
  /** It holds control characters the server refuses. */
  forbidden: boolean;
  /** The line to show near or over the limit ("10 characters left"), or null while far from it. */
  countdown: string | null;
  /** Whether the server would take it. */
  valid: boolean;
}

export function checkMessageText(text: string): MessageTextCheck {
  const length = textLength(text.trim());
  const remaining = MESSAGE_TEXT_MAX_LENGTH - length;
  const forbidden = TEXT_FORBIDDEN_PATTERN.test(text);
  const countdown =
    remaining > COUNTDOWN_FROM ? null : remaining < 0 ? `${charactersTooMany(-remaining)}: remove them to send` : charactersLeft(remaining);
  return { remaining, forbidden, countdown, valid: length >= MESSAGE_TEXT_MIN_LENGTH && remaining >= 0 && !forbidden };
}
