import { InjectionToken } from '@angular/core';

/** The part of the Web Locks API (`navigator.locks`) that the tabs use to elect one leader per room. */
export interface TabLocks {
  request(name: string, options: { signal?: AbortSignal }, callback: (lock: unknown) => Promise<void>): Promise<unknown>;
}

/** The part of BroadcastChannel that carries a room's events from the leader tab to the others. */
export interface TabChannel {
  postMessage(message: unknown): void;
  close(): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

export type TabChannelConstructor = new (name: string) => TabChannel;

/** Web Locks of this browser, or null where there are none (then every tab opens its own stream). */
export const TAB_LOCKS = new InjectionToken<TabLocks | null>('TAB_LOCKS', {
  providedIn: 'root',
  factory: () => (globalThis.navigator?.locks as TabLocks | undefined) ?? null,
});

/** The BroadcastChannel constructor, or null where there is none. */
export const TAB_CHANNEL = new InjectionToken<TabChannelConstructor | null>('TAB_CHANNEL', {
  providedIn: 'root',
  factory: () => (globalThis.BroadcastChannel as TabChannelConstructor | undefined) ?? null,
});
