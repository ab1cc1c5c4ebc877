import { ChangeDetectionStrategy, Component, computed, output, signal } from '@angular/core';
import { ROOM_NAME_MAX_LENGTH, isRoomName } from '@herald/contracts';

/** Joins a room by name, or creates it: a room exists once someone posts or listens there. */
@Component({
  selector: 'herald-room-form',
  templateUrl: './room-form.component.html',
  styleUrl: './room-form.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RoomFormComponent {
  /** Emits a valid room name to go to. */
  readonly open = output<string>();

  protected readonly maxLength = ROOM_NAME_MAX_LENGTH;
  protected readonly value = signal('');
  /** Typed names are taken in lower case, as room names are. */
  protected readonly room = computed(() => this.value().trim().toLowerCase());
  protected readonly problem = computed(() =>
    this.room() === '' || isRoomName(this.room())
      ? null
      : `Use up to ${ROOM_NAME_MAX_LENGTH} lower-case letters, digits and dashes (no spaces).`,
  );

  protected submit(event: Event): void {
    event.preventDefault();
    if (this.room() === '' || this.problem() !== null) return;
    this.open.emit(this.room());
    this.value.set('');
  }
}
