import { InjectionToken } from '@angular/core';

/** The EventSource constructor, swappable so tests can drive the stream by hand. */
export type EventSourceConstructor = new (url: string) => EventSource;

export const EVENT_SOURCE = new InjectionToken<EventSourceConstructor>('EVENT_SOURCE', {
  providedIn: 'root',
  factory: () => globalThis.EventSource,
});
