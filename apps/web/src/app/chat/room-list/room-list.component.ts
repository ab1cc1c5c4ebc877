import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { RoomEntry } from '../rooms.store';

/** The rooms, each a link with who is online and, for rooms not in view, how many messages are unread. */
@Component({
  selector: 'herald-room-list',
  imports: [RouterLink],
  templateUrl: './room-list.component.html',
  styleUrl: './room-list.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RoomListComponent {
  readonly rooms = input.required<readonly RoomEntry[]>();
}
