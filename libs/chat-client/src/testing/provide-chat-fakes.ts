import type { Provider } from '@angular/core';
import { EVENT_SOURCE, type EventSourceConstructor } from '../lib/event-source.token';
import { TAB_CHANNEL, TAB_LOCKS, type TabChannelConstructor } from '../lib/tabs/tab-coordination';
import { FakeBroadcastChannel } from './fake-broadcast-channel';
import { FakeEventSource } from './fake-event-source';
import type { FakeLocks } from './fake-locks';

/** Options of {@link provideChatFakes}. */
export interface ChatFakesOptions {
  /** Web Locks for the tabs to elect a leader with. Null (the default, as in jsdom) gives each stream its own EventSource. */
  locks?: FakeLocks | null;
}

/**
 * The browser APIs a `ChatStream` uses, as test doubles: {@link FakeEventSource}, {@link FakeBroadcastChannel}
 * and, when given, {@link FakeLocks}. Call it in each test's setup: it also forgets the fakes that earlier
 * tests opened, so `FakeEventSource.latest` is always this test's own.
 */
export function provideChatFakes(options: ChatFakesOptions = {}): Provider[] {
  FakeEventSource.reset();
  FakeBroadcastChannel.reset();
  return [
    { provide: EVENT_SOURCE, useValue: FakeEventSource as unknown as EventSourceConstructor },
    { provide: TAB_CHANNEL, useValue: FakeBroadcastChannel as TabChannelConstructor },
    { provide: TAB_LOCKS, useValue: options.locks ?? null },
  ];
}
