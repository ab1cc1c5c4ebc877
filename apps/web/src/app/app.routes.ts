import type { Routes } from '@angular/router';

export const appRoutes: Routes = [
  {
    path: '',
    title: 'Herald',
    loadComponent: () => import('./chat/chat-page/chat-page.component').then((m) => m.ChatPageComponent),
  },
  { path: '**', redirectTo: '' },
];
