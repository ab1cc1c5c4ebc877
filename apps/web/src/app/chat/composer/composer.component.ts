import { ChangeDetectionStrategy, Component, type ElementRef, computed, input, model, output, viewChild } from '@angular/core';
import { checkMessageText } from '../message-text-check';

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
  /** Emits the draft each time the reader changes it by typing (not when it is set from outside). */
  readonly typed = output<string>();

  private readonly field = viewChild.required<ElementRef<HTMLTextAreaElement>>('field');

  protected readonly check = computed(() => checkMessageText(this.text()));
  protected readonly canSend = computed(() => this.blocked() === null && this.check().valid);

  /** Puts the cursor in the message field. */
  focus(): void {
    this.field().nativeElement.focus();
  }

  protected onInput(value: string): void {
    this.text.set(value);
    this.typed.emit(value);
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
