import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PostRow, WriterReply, WriterRequest, WriterSetup } from './sqlite-writes';

/** The bundled worker beside the app's bundle (tools/build/bundle-api.mjs makes it). */
const WORKER_FILE = join(__dirname, 'sqlite-writer.js');

/** A request to the writer failed: its message is SQLite's (disk full, a locked file, …), or the writer died. */
export class SqliteWriteError extends Error {
  constructor(
    message: string,
    /** True when the writer died while the request was with it: it may have been committed. */
    readonly mayHaveHappened = false,
  ) {
    super(message);
  }
}

/** A request before it has its id. */
type Request = WriterRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

/**
 * The main thread's side of the SQLite writer (sqlite-writer.worker.ts): requests go out in order and are
 * answered in order, each as a Promise. If the worker dies, every request waiting and every later one fails.
 */
export class SqliteWriter {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { done: (reply: WriterReply | Error) => void }>();
  private nextId = 1;
  private dead: Error | null = null;

  /** False once the worker has died: nothing can be written any more. */
  get isAlive(): boolean {
    return this.dead === null;
  }

  constructor(setup: WriterSetup, file = WORKER_FILE) {
    this.worker = new Worker(file, { workerData: setup });
    this.worker.on('message', (reply: WriterReply) => {
      const entry = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      entry?.done(reply);
    });
    const fail = (err: Error) => {
      this.dead ??= err;
      for (const entry of this.waiting.values()) entry.done(err);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the SQLite writer stopped (exit code ${code})`)));
  }

  commit(posts: PostRow[], newestMs: number): Promise<void> {
    return this.send({ kind: 'commit', posts, newestMs }).then(() => undefined);
  }

  /** Sweeps (see the `sweep` request); resolves with the rooms it dropped. */
  async sweep(now: number, rooms: string[], keep: string[], waiting: string[]): Promise<string[]> {
    return (await this.send({ kind: 'sweep', now, rooms, keep, waiting })).dropped ?? [];
  }

  /** Closes the writer's connection once everything sent before is done, then the worker. */
  async close(): Promise<void> {
    if (this.dead) return;
    await this.send({ kind: 'close' }).catch(() => undefined);
    await this.worker.terminate();
  }

  private send(request: Request): Promise<Extract<WriterReply, { ok: true }>> {
    if (this.dead) return Promise.reject(new SqliteWriteError(this.dead.message));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, {
        done: (reply) => {
          if (reply instanceof Error) reject(new SqliteWriteError(reply.message, true));
          else if (reply.ok) resolve(reply);
          else reject(new SqliteWriteError(reply.message));
        },
      });
      this.worker.postMessage({ ...request, id });
    });
  }
}
