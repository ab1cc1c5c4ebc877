import { inject } from '@angular/core';
import { type CanMatchFn, Router, type Routes } from '@angular/router';
import { DEFAULT_ROOM, ROOM_NAME_PATTERN } from '@herald/contracts';

/**
 * `/r/:room` only for valid room names; `/r/News` becomes `/r/news` (the same room, nothing to explain). Any
 * other name falls through to the page that says what is wrong with the link.
 */
const validRoom: CanMatchFn = (_route, segments) => {
  const room = segments[1]?.path ?? '';
  if (ROOM_NAME_PATTERN.test(room)) return true;
  const lower = room.toLowerCase();
  return ROOM_NAME_PATTERN.test(lower) ? inject(Router).createUrlTree(['/r', lower]) : false;
};

export const appRoutes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: `r/${DEFAULT_ROOM}` },
  {
    path: 'r/:room',
    canMatch: [validRoom],
    loadComponent: () => import('./chat/chat-page/chat-page.component').then((m) => m.ChatPageComponent),
  },
  {
    path: '**',
    title: 'Link not found · Herald',
    loadComponent: () => import('./bad-link/bad-link.component').then((m) => m.BadLinkComponent),
  },
];
