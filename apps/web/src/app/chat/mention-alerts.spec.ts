import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { ChatMessage } from '@herald/contracts';
import { MentionAlerts, NOTIFICATIONS } from './mention-alerts';
import { PageVisibility } from './page-visibility';

/** A Notification that records what it was asked to show, with a permission a test sets. */
class FakeNotification {
  static permission: NotificationPermission = 'default';
  static answer: NotificationPermission = 'granted';
  static readonly shown: FakeNotification[] = [];
  static readonly requestPermission = jest.fn(async () => (FakeNotification.permission = FakeNotification.answer));
  onclick: (() => void) | null = null;
  readonly close = jest.fn();

  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    FakeNotification.shown.push(this);
  }
}

const mention = (id: string, text = 'over to you @Ada'): ChatMessage => ({
  id,
  room: 'lobby',
  author: 'Bob',
  text,
  sentAt: '2025-01-01T12:00:00.000Z',
});

describe('MentionAlerts', () => {
  const hidden = { hidden: jest.fn(() => true) };
  let alerts: MentionAlerts;

  function setUp(notifications: typeof FakeNotification | null = FakeNotification) {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), { provide: NOTIFICATIONS, useValue: notifications }, { provide: PageVisibility, useValue: hidden }],
    });
    alerts = TestBed.inject(MentionAlerts);
  }

  beforeEach(() => {
    localStorage.clear();
    FakeNotification.permission = 'default';
    FakeNotification.answer = 'granted';
    FakeNotification.shown.length = 0;
    FakeNotification.requestPermission.mockClear();
    hidden.hidden.mockReturnValue(true);
  });

  afterEach(() => TestBed.resetTestingModule());

  it('asks the browser only when the reader turns them on, and remembers the choice', async () => {
    setUp();
    expect(FakeNotification.requestPermission).not.toHaveBeenCalled();
    expect(alerts.enabled()).toBe(false);

    await alerts.enable();
    expect(FakeNotification.requestPermission).toHaveBeenCalledTimes(1);
    expect(alerts.enabled()).toBe(true);

    TestBed.resetTestingModule();
    setUp();
    expect(alerts.enabled()).toBe(true);
    alerts.disable();
    expect(alerts.enabled()).toBe(false);
  });

  it('says when the browser refuses, and stays off', async () => {
    FakeNotification.answer = 'denied';
    setUp();
    await alerts.enable();
    expect(alerts.enabled()).toBe(false);
    expect(alerts.blocked()).toBe(true);
  });

  it('raises one notification per new mention while the tab is hidden, and none for what was there on arrival', async () => {
    setUp();
    await alerts.enable();
    alerts.note('lobby', [mention('1-0')], false);
    alerts.note('lobby', [mention('1-0')], true);
    expect(FakeNotification.shown).toEqual([]);

    alerts.note('lobby', [mention('1-0'), mention('2-0', 'and @Ada again')], true);
    alerts.note('lobby', [mention('1-0'), mention('2-0', 'and @Ada again')], true);
    expect(FakeNotification.shown.map((n) => [n.title, n.options.body, n.options.tag])).toEqual([
      ['Bob mentioned you in #lobby', 'and @Ada again', 'herald-mention:lobby:2-0'],
    ]);
  });

  it('raises none while the tab is in view, or while they are off', () => {
    setUp();
    FakeNotification.permission = 'granted';
    alerts.note('lobby', [], true);
    alerts.note('lobby', [mention('1-0')], true);
    hidden.hidden.mockReturnValue(false);
    alerts.note('lobby', [mention('1-0'), mention('2-0')], true);
    expect(FakeNotification.shown).toEqual([]);
  });

  it('opens the room when the notification is clicked, and shows the start of a long message', async () => {
    setUp();
    await alerts.enable();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const focus = jest.spyOn(window, 'focus').mockImplementation(() => undefined);
    alerts.note('news', [], true);
    alerts.note('news', [mention('3-0', `@Ada ${'x'.repeat(300)}`)], true);

    const [shown] = FakeNotification.shown;
    expect(shown.options.body).toHaveLength(140);
    shown.onclick?.();
    expect(focus).toHaveBeenCalled();
    expect(navigate).toHaveBeenCalledWith(['/r', 'news']);
    expect(shown.close).toHaveBeenCalled();
  });

  it('offers nothing in a browser without notifications', async () => {
    setUp(null);
    expect(alerts.supported).toBe(false);
    await alerts.enable();
    expect(alerts.enabled()).toBe(false);
  });
});
