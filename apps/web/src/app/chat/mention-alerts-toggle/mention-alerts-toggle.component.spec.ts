import { TestBed } from '@angular/core/testing';
import { MentionAlerts } from '../mention-alerts';
import { MentionAlertsToggleComponent } from './mention-alerts-toggle.component';
import { computed, signal } from '@angular/core';

describe('MentionAlertsToggleComponent', () => {
  const permission = signal<NotificationPermission>('default');
  const wanted = signal(false);
  const alerts = {
    supported: true,
    enabled: computed(() => wanted() && permission() === 'granted'),
    blocked: computed(() => permission() === 'denied'),
    enable: jest.fn(async () => {
      permission.set('granted');
      wanted.set(true);
    }),
    disable: jest.fn(() => wanted.set(false)),
  };

  async function render(supported = true) {
    TestBed.configureTestingModule({ providers: [{ provide: MentionAlerts, useValue: { ...alerts, supported } }] });
    const fixture = TestBed.createComponent(MentionAlertsToggleComponent);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    return { fixture, element, button: () => element.querySelector('button') };
  }

  beforeEach(() => {
    permission.set('default');
    wanted.set(false);
    alerts.enable.mockClear();
  });

  it('is a toggle button "Notify me of mentions" that asks for notifications when pressed, and turns them off again', async () => {
    const { fixture, button } = await render();
    expect(button()?.textContent?.trim()).toBe('Notify me of mentions');
    expect(button()?.getAttribute('aria-pressed')).toBe('false');
    expect(alerts.enable).not.toHaveBeenCalled();

    button()!.click();
    await fixture.whenStable();
    expect(alerts.enable).toHaveBeenCalledTimes(1);
    expect(button()?.getAttribute('aria-pressed')).toBe('true');

    button()!.click();
    await fixture.whenStable();
    expect(alerts.disable).toHaveBeenCalled();
    expect(button()?.getAttribute('aria-pressed')).toBe('false');
  });

  it('says where to allow notifications the browser blocks', async () => {
    permission.set('denied');
    const { element } = await render();
    expect(element.querySelector('[data-testid="notifications-blocked"]')?.textContent).toContain('allow them in its settings');
  });

  it('shows nothing in a browser without notifications', async () => {
    const { button } = await render(false);
    expect(button()).toBeNull();
  });
});
