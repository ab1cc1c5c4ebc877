import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  inject,
  input,
  output,
  signal,
  viewChild,
  viewChildren,
} from '@angular/core';
import type { MessageAction } from '../message-actions';

/** Room below the button, in px, under which the menu opens upwards instead (about four items). */
const ROOM_BELOW = 200;
/** The widest the menu gets, in px (18rem): with less room left of the button, it opens rightwards. */
const MENU_WIDTH = 288;

let menus = 0;

/**
 * A message's actions behind one button, as a menu (the WAI-ARIA menu button pattern): Enter, Space or the arrow
 * keys open it on an item; the arrows, Home and End move; Escape, Tab or a click elsewhere closes it, Escape and a
 * choice with the focus back on the button (Edit then moves it on into the editor). Deleting takes a second press
 * of the same item, which then reads "Confirm delete".
 */
@Component({
  selector: 'herald-message-actions',
  templateUrl: './message-actions.component.html',
  styleUrl: './message-actions.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:pointerdown)': 'onPointerDown($event)' },
})
export class MessageActionsComponent {
  readonly actions = input.required<readonly MessageAction[]>();
  /** Emits the action the reader chose (a delete once confirmed). */
  readonly chosen = output<MessageAction>();

  protected readonly menuId = `message-actions-${++menus}`;
  protected readonly open = signal(false);
  /** Too close to the bottom of the messages to open below. */
  protected readonly upwards = signal(false);
  /** Too close to the left edge of the messages to open leftwards, as it does by default. */
  protected readonly rightwards = signal(false);
  /** The delete item was pressed once, and now asks to be pressed again. */
  protected readonly confirming = signal(false);

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly trigger = viewChild.required<ElementRef<HTMLButtonElement>>('trigger');
  private readonly items = viewChildren<ElementRef<HTMLButtonElement>>('item');

  protected label(action: MessageAction): string {
    if (action.kind === 'ban') return action.label;
    if (action.kind === 'edit') return 'Edit';
    return this.confirming() ? 'Confirm delete' : 'Delete';
  }

  protected toggle(): void {
    if (this.open()) this.close(true);
    else this.show(0);
  }

  protected onTriggerKey(event: KeyboardEvent): void {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    this.show(event.key === 'ArrowDown' ? 0 : -1);
  }

  protected onMenuKey(event: KeyboardEvent): void {
    const items = this.items().map((item) => item.nativeElement);
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const move = (to: number) => {
      event.preventDefault();
      items.at(to % items.length)?.focus();
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(at + 1);
      case 'ArrowUp':
        return move(at - 1);
      case 'Home':
        return move(0);
      case 'End':
        return move(-1);
      case 'Escape':
        // The menu's Escape only: the page's own (closing the rooms panel) is not for it.
        event.preventDefault();
        event.stopPropagation();
        return this.close(true);
      case 'Tab':
        return this.close(false);
    }
  }

  protected choose(action: MessageAction): void {
    if (action.kind === 'delete' && !this.confirming()) {
      this.confirming.set(true);
      return;
    }
    this.close(true);
    this.chosen.emit(action);
  }

  /** The focus left for something outside (a tap elsewhere, say): the menu is done with. */
  protected onFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget;
    if (next instanceof Node && !this.host.nativeElement.contains(next)) this.close(false);
  }

  protected onPointerDown(event: Event): void {
    if (this.open() && event.target instanceof Node && !this.host.nativeElement.contains(event.target)) this.close(false);
  }

  /** Opens the menu with the focus on item `index` (-1: the last). */
  private show(index: number): void {
    // Within the messages, which clip what goes past their edges: towards where there is room.
    const box = this.trigger().nativeElement.getBoundingClientRect();
    const area = this.trigger().nativeElement.closest('.scroller')?.getBoundingClientRect() ?? { left: 0, bottom: window.innerHeight };
    this.upwards.set(area.bottom - box.bottom < ROOM_BELOW);
    this.rightwards.set(box.right - area.left < MENU_WIDTH);
    this.confirming.set(false);
    this.open.set(true);
    afterNextRender(() => this.items().at(index)?.nativeElement.focus(), { injector: this.injector });
  }

  private close(refocus: boolean): void {
    if (!this.open()) return;
    this.open.set(false);
    this.confirming.set(false);
    if (refocus) this.trigger().nativeElement.focus();
  }
}
