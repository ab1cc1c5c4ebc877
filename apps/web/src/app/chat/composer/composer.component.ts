import { ChangeDetectionStrategy, Component, type ElementRef, computed, input, model, output, viewChild } from '@angular/core';
import { MESSAGE_TEXT_MAX_LENGTH, MESSAGE_TEXT_MIN_LENGTH, TEXT_FORBIDDEN_PATTERN, textLength } from '@herald/contracts';
import { charactersLeft, charactersTooMany } from '../character-count';

/** Show the countdown once the reader gets this close to the limit. */
const COUNTDOWN_FROM = 200;

/**
 * Writes a message within the server's limits, counted in code points as the server counts them. Enter sends,
 * Shift+Enter starts a new line. A text over the limit is kept as it is, with how much is too many. While
 * `blocked` says why (a ban), nothing can be written or sent; the draft stays.
 */
@Component({
  selector: 'herald-composer',
  templateUrl: './composer.component.html',
  styleUrl: './composer.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ComposerComponent {
  /** The draft, two-way bound so the container can keep it per room and clear it once sent. */
  readonly text = model('');
  /** Why the reader cannot post now (a moderator's ban, until when), or null. */
  readonly blocked = input<string | null>(null);
  /** Emits the trimmed text to send. */
  readonly send = output<string>();

  private readonly field = viewChild.required<ElementRef<HTMLTextAreaElement>>('field');

  protected readonly length = computed(() => textLength(this.text().trim()));
  protected readonly remaining = computed(() => MESSAGE_TEXT_MAX_LENGTH - this.length());
  protected readonly showCountdown = computed(() => this.remaining() <= COUNTDOWN_FROM);
  protected readonly countdown = computed(() =>
    this.remaining() < 0 ? `${charactersTooMany(-this.remaining())}: remove them to send` : charactersLeft(this.remaining()),
  );
  protected readonly forbidden = computed(() => TEXT_FORBIDDEN_PATTERN.test(this.text()));
  protected readonly canSend = computed(
    () => this.blocked() === null && this.length() >= MESSAGE_TEXT_MIN_LENGTH && this.remaining() >= 0 && !this.forbidden(),
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
