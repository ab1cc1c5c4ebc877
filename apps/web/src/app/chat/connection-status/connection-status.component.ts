import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ConnectionStatus } from '@herald/chat-client';

const LABELS: Record<ConnectionStatus, string> = {
  connecting: 'Connecting',
  live: 'Live',
  reconnecting: 'Reconnecting',
  offline: 'Offline',
};

/** The live feed's state in words (and a coloured dot for a glance). */
@Component({
  selector: 'herald-connection-status',
  template: `
    <span class="status" [attr.data-state]="status()" role="status" title="Connection to the live feed">
      <span class="dot" aria-hidden="true"></span>
      <span data-testid="connection-status">{{ label() }}</span>
    </span>
  `,
  styleUrl: './connection-status.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConnectionStatusComponent {
  readonly status = input.required<ConnectionStatus>();
  protected readonly label = computed(() => LABELS[this.status()]);
}
