import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** Who is in the room now; greyed, and saying so, while the live feed is down and the list may be out of date. */
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
  /** True while the feed is not live: the names are the last ones the server sent. */
  readonly stale = input(false);

  /** The first character of a name for its avatar: a whole code point, not half of one. */
  protected initial(name: string): string {
    return String.fromCodePoint(name.codePointAt(0) ?? 0x20).toUpperCase();
  }
}
