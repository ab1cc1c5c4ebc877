import { inject } from '@angular/core';
import { type CanMatchFn, Router, type Routes } from '@angular/router';
import { DEFAULT_ROOM, ROOM_NAME_PATTERN } from '@herald/contracts';

/** `/r/:room` only for valid room names; `/r/News` becomes `/r/news`, anything else the lobby. */
const validRoom: CanMatchFn = (_route, segments) => {
  const room = segments[1]?.path ?? '';
  if (ROOM_NAME_PATTERN.test(room)) return true;
  const lower = room.toLowerCase();
  return inject(Router).createUrlTree(['/r', ROOM_NAME_PATTERN.test(lower) ? lower : DEFAULT_ROOM]);
};

export const appRoutes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: `r/${DEFAULT_ROOM}` },
  {
    path: 'r/:room',
    canMatch: [validRoom],
    loadComponent: () => import('./chat/chat-page/chat-page.component').then((m) => m.ChatPageComponent),
  },
  { path: '**', redirectTo: `r/${DEFAULT_ROOM}` },
];
