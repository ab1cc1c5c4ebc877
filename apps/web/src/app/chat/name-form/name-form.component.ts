import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  afterNextRender,
  computed,
  input,
  linkedSignal,
  output,
  viewChild,
} from '@angular/core';
import { AUTHOR_FORBIDDEN_PATTERN, AUTHOR_MAX_LENGTH, AUTHOR_MIN_LENGTH, textLength } from '@herald/contracts';
import { charactersTooMany } from '../character-count';

/**
 * Asks for the display name others will see, with the server's limits. It takes the focus when it appears: on a
 * first visit there is nothing else to do, and "Change name" asked for it.
 */
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

  private readonly field = viewChild.required<ElementRef<HTMLInputElement>>('field');

  protected readonly value = linkedSignal(() => this.name() ?? '');
  /** As the server takes it: NFC (an "é" typed as e + accent is the same name), trimmed. */
  protected readonly trimmed = computed(() => this.value().normalize('NFC').trim());
  protected readonly problem = computed(() => {
    const name = this.trimmed();
    const length = textLength(name);
    if (length > AUTHOR_MAX_LENGTH) return `${charactersTooMany(length - AUTHOR_MAX_LENGTH)}: use at most ${AUTHOR_MAX_LENGTH}.`;
    if (AUTHOR_FORBIDDEN_PATTERN.test(name)) return 'Remove the control and invisible characters (such as direction marks).';
    return null;
  });
  protected readonly valid = computed(() => this.trimmed().length >= AUTHOR_MIN_LENGTH && this.problem() === null);

  constructor() {
    afterNextRender(() => this.field().nativeElement.focus());
  }

  protected submit(event: Event): void {
    event.preventDefault();
    if (this.valid()) this.join.emit(this.trimmed());
  }
}
