import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { ConnectionStatus } from '@herald/chat-client';

/**
 * A banner across the room while the live feed is down, saying what that means for the reader. The status
 * pill in the header is what screen readers hear (it is a status region); this is for the eyes, so the outage
 * is not announced twice.
 */
@Component({
  selector: 'herald-connection-banner',
  template: `
    @switch (status()) {
      @case ('offline') {
        <p class="banner" data-testid="connection-banner">
          <strong>You are offline.</strong> New messages will show up when your connection is back.
        </p>
      }
      @case ('reconnecting') {
        <p class="banner" data-testid="connection-banner">
          <strong>Reconnecting…</strong> The live feed of #{{ room() }} was interrupted; missed messages will follow once it is back.
        </p>
      }
    }
  `,
  styles: `
    .banner {
      margin: 0;
      padding: 0.5rem 1rem;
      border-bottom: 2px solid var(--warn);
      background: color-mix(in srgb, var(--warn) 14%, var(--surface));
      color: var(--text);
      font-size: 0.875rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConnectionBannerComponent {
  readonly status = input.required<ConnectionStatus>();
  readonly room = input.required<string>();
}
