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
import { checkMessageText } from '../message-text-check';

let editors = 0;

/**
 * Edits a message in place, under the composer's rules (the same limits, counted the same way, and the same
 * countdown): Enter saves, Shift+Enter starts a new line, Escape or Cancel gives up. It takes the focus when it
 * opens, with the cursor after the text. Saving the text unchanged is giving up.
 */
@Component({
  selector: 'herald-message-editor',
  templateUrl: './message-editor.component.html',
  styleUrl: './message-editor.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MessageEditorComponent {
  /** The message's text as it is now. */
  readonly text = input.required<string>();
  /** True while the edit is on its way: Save waits. */
  readonly saving = input(false);
  /** Emits the trimmed new text. */
  readonly save = output<string>();
  readonly cancelled = output<void>();

  protected readonly id = `message-editor-${++editors}`;
  protected readonly draft = linkedSignal(() => this.text());
  protected readonly check = computed(() => checkMessageText(this.draft()));
  private readonly field = viewChild.required<ElementRef<HTMLTextAreaElement>>('field');

  constructor() {
    afterNextRender(() => {
      const field = this.field().nativeElement;
      field.focus();
      field.setSelectionRange(field.value.length, field.value.length);
    });
  }

  protected onEnter(event: Event): void {
    // Shift+Enter inserts a line break; Enter while an input method is composing confirms the composition.
    if (!(event instanceof KeyboardEvent) || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    this.submit();
  }

  protected onEscape(event: Event): void {
    // The editor's Escape only: the page's own (closing the rooms panel) is not for it.
    event.preventDefault();
    event.stopPropagation();
    this.cancelled.emit();
  }

  protected submit(event?: Event): void {
    event?.preventDefault();
    if (this.saving() || !this.check().valid) return;
    const text = this.draft().trim();
    if (text === this.text().trim()) this.cancelled.emit();
    else this.save.emit(text);
  }
}
