import { ChangeDetectionStrategy, Component, type ElementRef, computed, input, model, output, viewChild } from '@angular/core';
import { MESSAGE_TEXT_MAX_LENGTH, MESSAGE_TEXT_MIN_LENGTH, TEXT_FORBIDDEN_PATTERN } from '@herald/contracts';

/** Show the countdown once the reader gets this close to the limit. */
const COUNTDOWN_FROM = 200;

/** Writes a message within the server's limits. Enter sends, Shift+Enter starts a new line. */
@Component({
  selector: 'herald-composer',
  templateUrl: './composer.component.html',
  styleUrl: './composer.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ComposerComponent {
  /** The draft, two-way bound so the container can clear it once the server accepted it. */
  readonly text = model('');
  /** True while a post is in flight. */
  readonly sending = input(false);
  /** The server's explanation of the last failed post. */
  readonly error = input<string | null>(null);
  /** Emits the trimmed text to send. */
  readonly send = output<string>();

  private readonly field = viewChild.required<ElementRef<HTMLTextAreaElement>>('field');

  protected readonly maxLength = MESSAGE_TEXT_MAX_LENGTH;
  protected readonly length = computed(() => this.text().trim().length);
  protected readonly remaining = computed(() => MESSAGE_TEXT_MAX_LENGTH - this.length());
  protected readonly showCountdown = computed(() => this.remaining() <= COUNTDOWN_FROM);
  protected readonly forbidden = computed(() => TEXT_FORBIDDEN_PATTERN.test(this.text()));
  protected readonly canSend = computed(
    () => !this.sending() && this.length() >= MESSAGE_TEXT_MIN_LENGTH && this.remaining() >= 0 && !this.forbidden(),
  );

  /** Puts the cursor in the message field. */
  focus(): void {
    this.field().nativeElement.focus();
  }

  protected onEnter(event: Event): void {
    // Shift+Enter inserts a line break; Enter while an input method is composing confirms the composition.
    if (!(event instanceof KeyboardEvent) || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    this.submit();
  }

  protected submit(event?: Event): void {
    event?.preventDefault();
    if (this.canSend()) this.send.emit(this.text().trim());
  }
}
