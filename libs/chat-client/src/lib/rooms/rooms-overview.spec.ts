import { EnvironmentInjector, createEnvironmentInjector } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { RoomOverview } from '@herald/contracts';
import { FakeEventSource, FakeLocks, provideChatFakes } from '../../testing';
import { RoomsOverview } from './rooms-overview';

const room = (name: string, lastId: string | null = null, people = 0): RoomOverview => ({
  name,
  connections: people,
  online: people,
  people,
  lastId,
});
const open = () => FakeEventSource.instances.filter((source) => !source.closed);

/** Lets every queued promise, lock grant and channel delivery run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('RoomsOverview', () => {
  afterEach(() => {
    TestBed.resetTestingModule();
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  describe('in one tab', () => {
    let overview: RoomsOverview;

    beforeEach(() => {
      TestBed.configureTestingModule({ providers: [provideChatFakes()] });
      overview = TestBed.inject(RoomsOverview);
    });

    it('opens the overview stream once, knows no rooms until its snapshot, then follows the changes', () => {
      overview.start();
      overview.start();
      expect(open().map((source) => source.url)).toEqual(['/api/rooms/events']);
      expect(overview.rooms()).toBeNull();
      expect(overview.status()).toBe('connecting');

      FakeEventSource.overview().open();
      FakeEventSource.overview().emit('rooms', { rooms: [room('news', '2-0'), room('lobby', '1-0')] });
      expect(overview.status()).toBe('live');
      expect(overview.rooms()?.map((r) => r.name)).toEqual(['lobby', 'news']);

      FakeEventSource.overview().emit('rooms-changed', { rooms: [room('lobby', '3-0', 2)], removed: ['news'] });
      expect(overview.rooms()).toEqual([room('lobby', '3-0', 2)]);
    });

    it('says an empty server has no rooms once its snapshot said so', () => {
      overview.start();
      FakeEventSource.overview().emit('rooms', { rooms: [] });
      expect(overview.rooms()).toEqual([]);
    });

    it('leaves the browser’s own retry alone, and reopens with backoff once it gave up, from a new snapshot', async () => {
      jest.useFakeTimers();
      jest.spyOn(Math, 'random').mockReturnValue(1);
      overview.start();
      const first = FakeEventSource.overview();
      first.open();
      first.emit('rooms', { rooms: [room('lobby', '1-0')] });

      first.fail();
      expect(overview.status()).toBe('reconnecting');
      expect(first.closed).toBe(false);
      first.fail(true);
      expect(first.closed).toBe(true);
      // What was known stays shown meanwhile.
      expect(overview.rooms()).toEqual([room('lobby', '1-0')]);

      await jest.advanceTimersByTimeAsync(1_000);
      const second = FakeEventSource.overview();
      expect(second).not.toBe(first);
      second.emit('rooms', { rooms: [room('news', '5-0')] });
      expect(overview.rooms()).toEqual([room('news', '5-0')]);
      first.emit('rooms', { rooms: [] });
      expect(overview.rooms()).toEqual([room('news', '5-0')]);
    });

    it('closes its stream when stopped, keeping the rooms last known', () => {
      overview.start();
      FakeEventSource.overview().emit('rooms', { rooms: [room('lobby')] });
      overview.stop();
      expect(open()).toEqual([]);
      expect(overview.rooms()).toEqual([room('lobby')]);
    });
  });

  describe('shared by the tabs', () => {
    function tab() {
      const injector = createEnvironmentInjector([RoomsOverview], TestBed.inject(EnvironmentInjector));
      const overview = injector.get(RoomsOverview);
      overview.start();
      return { overview, close: () => injector.destroy() };
    }

    beforeEach(() => TestBed.configureTestingModule({ providers: [provideChatFakes({ locks: new FakeLocks() })] }));

    it('opens one stream for all tabs, and every tab shows its rooms, a tab that opens later too', async () => {
      const leader = tab();
      const follower = tab();
      await settle();
      expect(open()).toHaveLength(1);

      FakeEventSource.overview().open();
      FakeEventSource.overview().emit('rooms', { rooms: [room('lobby', '1-0')] });
      await settle();
      expect(follower.overview.rooms()).toEqual([room('lobby', '1-0')]);
      expect(follower.overview.status()).toBe('live');

      const late = tab();
      await settle();
      expect(late.overview.rooms()).toEqual([room('lobby', '1-0')]);
      expect(leader.overview.rooms()).toEqual([room('lobby', '1-0')]);
    });

    it('hands the stream to another tab when the leader closes, which starts from a fresh snapshot', async () => {
      const leader = tab();
      const follower = tab();
      await settle();
      FakeEventSource.overview().emit('rooms', { rooms: [room('lobby', '1-0')] });
      await settle();

      leader.close();
      await settle();
      expect(open()).toHaveLength(1);
      expect(follower.overview.status()).toBe('reconnecting');
      FakeEventSource.overview().open();
      FakeEventSource.overview().emit('rooms', { rooms: [room('lobby', '2-0')] });
      expect(follower.overview.rooms()).toEqual([room('lobby', '2-0')]);
      expect(follower.overview.status()).toBe('live');
    });
  });
});
