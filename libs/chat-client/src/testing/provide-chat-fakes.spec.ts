import { TestBed } from '@angular/core/testing';
import { EVENT_SOURCE } from '../lib/event-source.token';
import { TAB_CHANNEL, TAB_LOCKS } from '../lib/tabs/tab-coordination';
import { FakeBroadcastChannel, FakeEventSource, FakeLocks, provideChatFakes } from './index';

describe('provideChatFakes', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('provides the fake EventSource and BroadcastChannel, and no Web Locks unless given some', () => {
    TestBed.configureTestingModule({ providers: [provideChatFakes()] });
    expect(TestBed.inject(EVENT_SOURCE)).toBe(FakeEventSource);
    expect(TestBed.inject(TAB_CHANNEL)).toBe(FakeBroadcastChannel);
    expect(TestBed.inject(TAB_LOCKS)).toBeNull();

    TestBed.resetTestingModule();
    const locks = new FakeLocks();
    TestBed.configureTestingModule({ providers: [provideChatFakes({ locks })] });
    expect(TestBed.inject(TAB_LOCKS)).toBe(locks);
  });

  it('forgets the EventSources and closes the channels of earlier tests', async () => {
    new FakeEventSource('/api/rooms/lobby/events');
    const earlier = new FakeBroadcastChannel('room');
    const heard = jest.fn();
    earlier.onmessage = heard;

    provideChatFakes();
    new FakeBroadcastChannel('room').postMessage('hello');
    await Promise.resolve();

    expect(FakeEventSource.instances).toEqual([]);
    expect(() => FakeEventSource.latest).toThrow('no EventSource was opened');
    expect(heard).not.toHaveBeenCalled();
  });
});

describe('FakeEventSource', () => {
  beforeEach(() => FakeEventSource.reset());

  it('finds the newest open connection of a room', () => {
    const lobby = new FakeEventSource('/api/rooms/lobby/events');
    const news = new FakeEventSource('/api/rooms/news/events?lastEventId=1-0');
    new FakeEventSource('/api/rooms/lobby/events?name=Ada').close();

    expect(FakeEventSource.openFor('lobby')).toBe(lobby);
    expect(FakeEventSource.openFor('news')).toBe(news);
    expect(() => FakeEventSource.openFor('lobby-2')).toThrow('no open EventSource for room "lobby-2"');
  });

  it('stays silent until driven, then delivers what it is told to', () => {
    const source = new FakeEventSource('/api/rooms/lobby/events');
    const seen: string[] = [];
    source.addEventListener('open', () => seen.push('open'));
    source.addEventListener('message', (event) => seen.push((event as MessageEvent<string>).data));
    source.addEventListener('error', () => seen.push(`error ${source.readyState}`));
    expect(source.readyState).toBe(0);
    expect(seen).toEqual([]);

    source.open();
    source.emit('message', { id: '1-0' });
    source.fail();
    source.fail(true);
    expect(seen).toEqual(['open', '{"id":"1-0"}', 'error 0', 'error 2']);
  });
});
