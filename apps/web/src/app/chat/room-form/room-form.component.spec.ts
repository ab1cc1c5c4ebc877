import { TestBed } from '@angular/core/testing';
import { RoomFormComponent } from './room-form.component';

function render() {
  const fixture = TestBed.createComponent(RoomFormComponent);
  const opened: string[] = [];
  fixture.componentInstance.open.subscribe((room) => opened.push(room));
  fixture.detectChanges();
  const element = fixture.nativeElement as HTMLElement;
  const input = element.querySelector('input')!;
  const button = element.querySelector('button')!;
  const type = (value: string) => {
    input.value = value;
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
  };
  return { fixture, element, input, button, opened, type };
}

describe('RoomFormComponent', () => {
  it('opens a room by name, taken in lower case, and clears the field', () => {
    const { fixture, input, button, opened, type, element } = render();
    expect(element.querySelector(`label[for="${input.id}"]`)?.textContent).toBe('Join or create a room');
    type('  Release-42 ');
    button.click();
    fixture.detectChanges();
    expect(opened).toEqual(['release-42']);
    expect(input.value).toBe('');
  });

  it.each([['two words'], ['ünïcode'], ['x'.repeat(33)]])('refuses "%s" and says what a room name may be', (name) => {
    const { input, button, opened, type, element } = render();
    type(name);
    expect(button.disabled).toBe(true);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(element.querySelector('#room-name-rule')?.textContent).toContain('lower-case letters, digits and dashes');
    button.click();
    expect(opened).toEqual([]);
  });

  it('keeps a name that is too long as typed and says by how much', () => {
    const { input, element, type } = render();
    type('a'.repeat(40));
    expect(input.maxLength).toBe(-1);
    expect(input.value).toBe('a'.repeat(40));
    expect(element.querySelector(`#${input.getAttribute('aria-describedby')}`)?.textContent).toContain('8 characters too many');
  });
});
