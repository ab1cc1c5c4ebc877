import { ChangeDetectionStrategy, Component, computed, input, linkedSignal, output } from '@angular/core';
import { AUTHOR_FORBIDDEN_PATTERN, AUTHOR_MAX_LENGTH, AUTHOR_MIN_LENGTH } from '@herald/contracts';

/** Asks for the display name others will see, with the server's limits. */
@Component({
  selector: 'herald-name-form',
  templateUrl: './name-form.component.html',
  styleUrl: './name-form.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NameFormComponent {
  /** The current name, shown for editing. */
  readonly name = input<string | null>(null);
  /** Whether the reader may back out (they already have a name). */
  readonly cancellable = input(false);
  readonly join = output<string>();
  readonly cancelled = output<void>();

  protected readonly maxLength = AUTHOR_MAX_LENGTH;
  protected readonly value = linkedSignal(() => this.name() ?? '');
  protected readonly trimmed = computed(() => this.value().trim());
  protected readonly problem = computed(() => {
    const name = this.trimmed();
    if (name.length > AUTHOR_MAX_LENGTH) return `Use at most ${AUTHOR_MAX_LENGTH} characters.`;
    if (AUTHOR_FORBIDDEN_PATTERN.test(name)) return 'Remove the control characters.';
    return null;
  });
  protected readonly valid = computed(() => this.trimmed().length >= AUTHOR_MIN_LENGTH && this.problem() === null);

  protected submit(event: Event): void {
    event.preventDefault();
    if (this.valid()) this.join.emit(this.trimmed());
  }
}
