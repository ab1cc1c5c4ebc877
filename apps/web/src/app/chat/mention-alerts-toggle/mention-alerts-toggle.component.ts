import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MentionAlerts } from '../mention-alerts';

/**
 * "Notify me of mentions": a toggle button that turns desktop notifications of mentions on and off. The browser's
 * permission is asked for from this click only; where the browser refuses them, it says where to allow them.
 * Nothing shows in a browser without notifications.
 */
@Component({
  selector: 'herald-mention-alerts-toggle',
  template: `
    @if (alerts.supported) {
      <div class="alerts">
        <button type="button" class="ghost toggle" [attr.aria-pressed]="alerts.enabled()" [disabled]="asking()" (click)="toggle()">
          <span class="switch" aria-hidden="true"></span>
          Notify me of mentions
        </button>
        @if (alerts.blocked()) {
          <p class="note" data-testid="notifications-blocked">
            This browser blocks notifications from this site: allow them in its settings.
          </p>
        }
      </div>
    }
  `,
  styles: `
    .alerts {
      display: grid;
      gap: 0.35rem;
      padding: 0 0.5rem;
    }

    .toggle {
      display: flex;
      align-items: center;
      gap: 0.6rem;
      min-height: 2.75rem;
      padding: 0.4rem 0.75rem;
      font-size: 0.875rem;
      text-align: start;
    }

    /* The state in shape as well as colour: the knob moves over when on. */
    .switch {
      position: relative;
      flex: none;
      width: 2rem;
      height: 1.1rem;
      border: 2px solid var(--muted);
      border-radius: 999px;
    }

    .switch::after {
      content: '';
      position: absolute;
      top: 0.1rem;
      left: 0.12rem;
      width: 0.65rem;
      height: 0.65rem;
      border-radius: 50%;
      background: var(--muted);
    }

    [aria-pressed='true'] .switch {
      border-color: var(--accent);
      background: var(--accent);
    }

    [aria-pressed='true'] .switch::after {
      left: auto;
      right: 0.12rem;
      background: var(--on-accent);
    }

    .note {
      margin: 0;
      font-size: 0.8125rem;
      color: var(--muted);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MentionAlertsToggleComponent {
  protected readonly alerts = inject(MentionAlerts);
  /** The browser's permission prompt is open. */
  protected readonly asking = signal(false);

  protected async toggle(): Promise<void> {
    if (this.alerts.enabled()) return this.alerts.disable();
    this.asking.set(true);
    try {
      await this.alerts.enable();
    } finally {
      this.asking.set(false);
    }
  }
}
