import type { HistoryPage } from '@herald/contracts';
import type { RunningServer } from '@herald/testing';
import { call } from './http';
import { SseClient } from './sse-client';
import type { Deployment, StoreCase } from './store-deployments';

/** What a spec run against each store uses: the deployment, and ways to post to a room and follow it. */
export interface StoreSuite {
  /** The deployment, started before the spec's tests and stopped after them. */
  readonly d: Deployment;
  /** SQLite only: restarts the server on the same file; `d` is then the new one. */
  restart(): Promise<void>;
  /** Posts `text` to `room` as the token's person; fails the test unless it is accepted. Resolves with its id. */
  post(server: RunningServer, room: string, text: string, bearer: string): Promise<string>;
  /** Opens a stream at `path` (answer status not checked); it is closed after the spec. */
  open(server: RunningServer, path: string, headers?: Record<string, string>): Promise<SseClient>;
  /** Opens a stream of `room` (resuming after `lastEventId`), caught up; it is closed after the spec. */
  follow(server: RunningServer, room: string, lastEventId?: string): Promise<SseClient>;
  /** The body of a history page of `room`. */
  history(server: RunningServer, room: string, query?: string): Promise<HistoryPage>;
}

/** Starts a deployment of `store` with `env` for the tests of the enclosing `describe`. */
export function useStoreSuite(store: StoreCase, env: Record<string, string>): StoreSuite {
  let deployment: Deployment | undefined;
  const streams: SseClient[] = [];
  beforeAll(async () => {
    deployment = await store.start(env);
  });
  afterAll(async () => {
    streams.forEach((stream) => stream.close());
    await deployment?.close();
  });
  const open = async (server: RunningServer, path: string, headers: Record<string, string> = {}) => {
    const stream = await SseClient.open(`${server.url}${path}`, headers);
    streams.push(stream);
    return stream;
  };
  return {
    get d() {
      if (!deployment) throw new Error('the deployment starts in beforeAll');
      return deployment;
    },
    async restart() {
      if (!deployment?.restart) throw new Error(`the ${store.name} store cannot be restarted`);
      deployment = await deployment.restart();
    },
    async post(server, room, text, bearer) {
      const answer = await call(`${server.url}/api/rooms/${room}/messages`, {
        method: 'POST',
        body: JSON.stringify({ text }),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      });
      expect(answer.status).toBe(202);
      return answer.body.id;
    },
    open,
    async follow(server, room, lastEventId) {
      const stream = await open(server, `/api/rooms/${room}/events`, lastEventId ? { 'last-event-id': lastEventId } : {});
      await stream.caughtUp();
      return stream;
    },
    async history(server, room, query = '') {
      return (await call(`${server.url}/api/rooms/${room}/messages${query}`)).body;
    },
  };
}
