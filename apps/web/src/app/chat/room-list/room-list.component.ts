import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { RoomEntry } from '../rooms.store';

/**
 * The rooms, each a link with who is online and, for rooms not in view, what is unread: how many messages (and how
 * many of them mention the reader) in the rooms followed live, a dot where the overview only knows that something
 * came since the reader's mark.
 */
@Component({
  selector: 'herald-room-list',
  imports: [RouterLink],
  templateUrl: './room-list.component.html',
  styleUrl: './room-list.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RoomListComponent {
  readonly rooms = input.required<readonly RoomEntry[]>();

  protected mentionCount(count: number): string {
    return `${count} ${count === 1 ? 'mention' : 'mentions'}`;
  }
}
