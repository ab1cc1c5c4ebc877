import { ChangeDetectionStrategy, Component, computed, output, signal } from '@angular/core';
import { ROOM_NAME_MAX_LENGTH, isRoomName, textLength } from '@herald/contracts';
import { charactersTooMany } from '../character-count';

/**
 * Joins a room by name, or creates it: a room exists once someone posts or listens there. A name that is too
 * long is kept as typed, with how many characters are too many.
 */
@Component({
  selector: 'herald-room-form',
  templateUrl: './room-form.component.html',
  styleUrl: './room-form.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RoomFormComponent {
  /** Emits a valid room name to go to. */
  readonly open = output<string>();

  protected readonly value = signal('');
  /** Typed names are taken in lower case, as room names are. */
  protected readonly room = computed(() => this.value().trim().toLowerCase());
  protected readonly problem = computed(() => {
    const room = this.room();
    if (room === '' || isRoomName(room)) return null;
    const rule = `${ROOM_NAME_MAX_LENGTH} lower-case letters, digits and dashes (no spaces)`;
    const over = textLength(room) - ROOM_NAME_MAX_LENGTH;
    return over > 0 ? `${charactersTooMany(over)}: use up to ${rule}.` : `Use up to ${rule}.`;
  });

  protected submit(event: Event): void {
    event.preventDefault();
    if (this.room() === '' || this.problem() !== null) return;
    this.open.emit(this.room());
    this.value.set('');
  }
}
