import { InjectionToken } from '@angular/core';

/** Where the Herald API lives; same origin under `/api` unless the app says otherwise. */
export const CHAT_API_BASE_URL = new InjectionToken<string>('CHAT_API_BASE_URL', {
  providedIn: 'root',
  factory: () => '/api',
});
