import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** Who is in the room now. */
@Component({
  selector: 'herald-presence-list',
  templateUrl: './presence-list.component.html',
  styleUrl: './presence-list.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PresenceListComponent {
  /** Distinct display names online, or null until the server has said. */
  readonly online = input.required<readonly string[] | null>();
  /** The reader's own name, marked "(you)". */
  readonly ownName = input<string | null>(null);
}
