import { TestBed } from '@angular/core/testing';
import { provideHerald } from '@herald/chat-client';
import { ModeratorFormComponent } from './moderator-form.component';

describe('ModeratorFormComponent', () => {
  let fetchMock: jest.Mock<Promise<Response>, [string, RequestInit?]>;
  const json = (status: number, body: unknown) => ({ ok: status < 300, status, statusText: '', json: async () => body }) as Response;
  const grace = { name: 'Grace', authorId: 'grace-key', roles: ['moderator'] };

  async function render() {
    TestBed.configureTestingModule({ providers: [provideHerald({ baseUrl: '/api' })] });
    const fixture = TestBed.createComponent(ModeratorFormComponent);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    document.body.append(element);
    const button = (name: string) => [...element.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
    const press = async (name: string) => {
      button(name)!.click();
      await fixture.whenStable();
    };
    const type = async (value: string) => {
      const field = element.querySelector<HTMLInputElement>('#moderator-key')!;
      field.value = value;
      field.dispatchEvent(new Event('input'));
      await fixture.whenStable();
    };
    const submit = async () => {
      element.querySelector('form')!.dispatchEvent(new Event('submit'));
      await fixture.whenStable();
      await fixture.whenStable();
    };
    return { fixture, element, button, press, type, submit };
  }

  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
    fetchMock = jest.fn();
    globalThis.fetch = fetchMock as unknown as typeof fetch;
  });

  afterEach(() => document.body.replaceChildren());

  it('opens a key field on "Moderate", with the cursor in it, and backs out with Cancel', async () => {
    const { element, press } = await render();
    expect(element.querySelector('#moderator-key')).toBeNull();
    await press('Moderate');
    const field = element.querySelector<HTMLInputElement>('#moderator-key')!;
    expect(field.type).toBe('password');
    expect(document.activeElement).toBe(field);
    expect(element.querySelector('label[for="moderator-key"]')?.textContent).toBe('Moderator key');

    await press('Cancel');
    expect(element.querySelector('#moderator-key')).toBeNull();
    expect(document.activeElement?.textContent?.trim()).toBe('Moderate');
  });

  it('says clearly that a wrong key was not taken, and keeps nothing', async () => {
    fetchMock.mockResolvedValue(json(401, { statusCode: 401, error: 'Unauthorized', message: 'unknown API key' }));
    const { element, press, type, submit } = await render();
    await press('Moderate');
    await type('not-the-key');
    await submit();

    expect(element.querySelector('#moderator-key-note')?.textContent?.trim()).toBe('That key is not valid. Check it and try again.');
    expect(element.querySelector('#moderator-key')?.getAttribute('aria-invalid')).toBe('true');
    expect(sessionStorage.length).toBe(0);
  });

  it('says so when the key is valid but has no moderator role', async () => {
    fetchMock.mockResolvedValue(json(403, { statusCode: 403, error: 'Forbidden', message: 'no moderator role' }));
    const { element, press, type, submit } = await render();
    await press('Moderate');
    await type('bot-key');
    await submit();
    expect(element.querySelector('#moderator-key-note')?.textContent?.trim()).toBe('That key is valid but not a moderator’s.');
  });

  it('signs in with a key the server takes, says as whom, keeps it for this tab only, and signs out', async () => {
    fetchMock.mockResolvedValue(json(200, grace));
    const { element, press, type, submit, button } = await render();
    await press('Moderate');
    await type(' the-key ');
    await submit();

    expect(fetchMock.mock.calls[0][0]).toBe('/api/moderation/me');
    expect((fetchMock.mock.calls[0][1]?.headers as Record<string, string>)['X-API-Key']).toBe('the-key');
    const status = element.querySelector('[data-testid="moderating-as"]')!;
    expect(status.textContent?.trim()).toBe('Moderating as Grace');
    expect(document.activeElement).toBe(status);
    expect(sessionStorage.getItem('herald.moderatorKey')).toBe('the-key');
    expect(localStorage.length).toBe(0);

    await press('Sign out');
    expect(element.querySelector('[data-testid="moderating-as"]')).toBeNull();
    expect(button('Moderate')).toBeDefined();
    expect(sessionStorage.getItem('herald.moderatorKey')).toBeNull();
  });

  it('signs in again after a reload of the tab with the key kept there, and forgets one no longer taken', async () => {
    sessionStorage.setItem('herald.moderatorKey', 'the-key');
    fetchMock.mockResolvedValue(json(200, grace));
    const { element, fixture } = await render();
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="moderating-as"]')?.textContent).toContain('Grace');
    TestBed.resetTestingModule();

    fetchMock.mockResolvedValue(json(401, { statusCode: 401, error: 'Unauthorized', message: 'unknown API key' }));
    const again = await render();
    await again.fixture.whenStable();
    expect(again.element.querySelector('[data-testid="moderating-as"]')).toBeNull();
    expect(sessionStorage.getItem('herald.moderatorKey')).toBeNull();
  });
});
