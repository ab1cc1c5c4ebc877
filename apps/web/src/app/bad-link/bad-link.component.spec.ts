import { Location } from '@angular/common';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ChatApi } from '@herald/chat-client';
import { provideChatFakes } from '@herald/chat-client/testing';
import { appRoutes } from '../app.routes';

describe('links that lead to no room', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter(appRoutes, withComponentInputBinding()),
        provideChatFakes(),
        {
          provide: ChatApi,
          useValue: {
            history: async (room: string) => ({ room, messages: [], hasMore: false }),
            rooms: async () => [],
            roomUrl: (room: string) => `/api/rooms/${room}/events`,
            settings: async () => ({ messageDeleteWindowS: 0 }),
          },
        },
      ],
    });
  });

  async function visit(url: string) {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    harness.detectChanges();
    return harness;
  }

  it('says what is wrong with /r/My_Room and offers #my-room, staying at the link instead of opening the lobby', async () => {
    const harness = await visit('/r/My_Room');
    const page = harness.routeNativeElement!;
    expect(page.querySelector('h1')?.textContent).toBe('This room link does not work');
    expect(page.querySelector('[data-testid="link-problems"]')?.textContent).toContain('not “_”');
    const offer = page.querySelector<HTMLAnchorElement>('[data-testid="suggested-room"]')!;
    expect(offer.textContent).toBe('#my-room');
    expect(offer.getAttribute('href')).toBe('/r/my-room');
    expect(TestBed.inject(Location).path()).toBe('/r/My_Room');
  });

  it('says how many characters too many a long room name has, and offers it cut to the limit', async () => {
    const page = (await visit(`/r/${'a'.repeat(33)}`)).routeNativeElement!;
    expect(page.textContent).toContain('1 character too many');
    expect(page.querySelector('[data-testid="suggested-room"]')?.getAttribute('href')).toBe(`/r/${'a'.repeat(32)}`);
  });

  it('answers a path that is no page with the room it could mean and the lobby', async () => {
    const page = (await visit('/nonsense')).routeNativeElement!;
    expect(page.querySelector('h1')?.textContent).toBe('There is no page here');
    const links = [...page.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual(['/r/nonsense', '/r/lobby']);
  });

  it('still opens a room named in capitals quietly, as the same room in lower case', async () => {
    await visit('/r/News');
    expect(TestBed.inject(Location).path()).toBe('/r/news');
  });
});
