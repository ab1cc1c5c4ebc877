import { InjectionToken } from '@angular/core';
import { DEFAULT_MAX_MESSAGES } from './chat-state';

/**
 * Messages a `ChatStream` holds as it streams: beyond them the oldest go (and can be paged in again). Set it
 * with `provideHerald({ maxMessages })`, or per view next to `providers: [ChatStream]`.
 */
export const CHAT_MAX_MESSAGES = new InjectionToken<number>('CHAT_MAX_MESSAGES', {
  providedIn: 'root',
  factory: () => DEFAULT_MAX_MESSAGES,
});
