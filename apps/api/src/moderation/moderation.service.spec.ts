import { Logger } from '@nestjs/common';
import type { ModerationAction } from '@herald/contracts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Identity } from '../access/identity';
import { MemoryModerationStore } from '../hub/store/memory/memory-moderation-store';
import { MODERATION_LOG_LIMIT, type ModerationStore } from '../hub/store/moderation-store';
import { SqliteModerationStore } from '../hub/store/sqlite/sqlite-moderation-store';
import { SCHEMA } from '../hub/store/sqlite/sqlite-schema';
import type { Stores } from '../hub/store/stores';
import { ModeratedStreams } from './moderated-streams';
import { Moderation } from './moderation.service';

// The audit trail's log lines are the e2e tests' to read.
beforeAll(() => Logger.overrideLogger(false));

const GRACE: Identity = { name: 'Grace', authorId: 'grace-id', rooms: new Set(), roles: new Set(['moderator']) };

describe.each([
  ['memory', () => ({ store: new MemoryModerationStore() as ModerationStore, done: () => undefined })],
  [
    'SQLite',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'herald-moderation-unit-'));
      const file = join(dir, 'herald.db');
      const db = new DatabaseSync(file);
      // A unit test needs no sync to disk per row.
      db.exec('PRAGMA synchronous = OFF');
      db.exec(SCHEMA);
      return {
        store: new SqliteModerationStore(db) as ModerationStore,
        done: () => {
          db.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  ],
])('Moderation with the %s store', (_name, make) => {
  let made: ReturnType<typeof make>;
  let streams: ModeratedStreams;
  let moderation: Moderation;
  const actions: string[] = [];

  beforeEach(async () => {
    made = make();
    streams = new ModeratedStreams();
    actions.length = 0;
    moderation = new Moderation({ moderation: made.store } as Partial<Stores> as Stores, streams, {
      moderationAction: (a) => actions.push(a),
    });
    await moderation.onModuleInit();
  });
  afterEach(async () => {
    moderation.onModuleDestroy();
    await made.store.close();
    made.done();
  });

  it('matches a ban by author id or by address, in its room or in every room, until it ends', async () => {
    const ban = await moderation.ban(GRACE, { authorId: 'mallory', room: 'lobby', seconds: 60, reason: 'spam' });
    expect(moderation.banFor('lobby', 'mallory', '10.0.0.1')).toEqual(ban);
    expect(moderation.banFor('general', 'mallory', '10.0.0.1')).toBeNull();
    expect(moderation.banFor('lobby', 'ada', '10.0.0.1')).toBeNull();
    expect(moderation.banFor('lobby', null, '10.0.0.1')).toBeNull();
    expect(moderation.banFor('lobby', 'mallory', '10.0.0.1', Date.parse(ban.until))).toBeNull();

    const everywhere = await moderation.ban(GRACE, { address: '10.0.0.9', seconds: 60 });
    expect(everywhere.room).toBeNull();
    expect(moderation.banFor('any-room', null, '10.0.0.9')).toEqual(everywhere);
    expect(actions).toEqual(['ban', 'ban']);
  });

  it('refuses a request that names nobody', async () => {
    await expect(moderation.ban(GRACE, { seconds: 60 })).rejects.toThrow('authorId');
    await expect(moderation.kick(GRACE, { room: 'lobby' })).rejects.toThrow('authorId');
    expect(moderation.activeBans()).toEqual([]);
    expect(await moderation.recent(10)).toEqual([]);
  });

  it("closes the target's streams in the room when banned or kicked, and no one else's", async () => {
    const ended: string[] = [];
    const track = (id: string, room: string, authorId: string | null, address: string) => {
      const stream = { room, authorId, address, end: () => ended.push(id) };
      streams.track(stream);
      return () => streams.untrack(stream);
    };
    track('mallory-lobby', 'lobby', 'mallory', '10.0.0.1');
    track('mallory-general', 'general', 'mallory', '10.0.0.1');
    track('anon-same-address', 'general', null, '10.0.0.1');
    const untrack = track('ada-lobby', 'lobby', 'ada', '10.0.0.2');

    await moderation.ban(GRACE, { authorId: 'mallory', room: 'lobby', seconds: 60 });
    expect(ended).toEqual(['mallory-lobby']);
    expect(await moderation.kick(GRACE, { address: '10.0.0.1' })).toEqual({ closedHere: 2 });
    expect(ended).toEqual(['mallory-lobby', 'mallory-general', 'anon-same-address']);
    untrack();
    expect(await moderation.kick(GRACE, { authorId: 'ada' })).toEqual({ closedHere: 0 });
  });

  it('lifts a ban at once, and says when there is none to lift', async () => {
    const ban = await moderation.ban(GRACE, { authorId: 'mallory', seconds: 60 });
    expect(await moderation.lift(GRACE, ban.id)).toEqual(ban);
    expect(moderation.banFor('lobby', 'mallory', '10.0.0.1')).toBeNull();
    await expect(moderation.lift(GRACE, ban.id)).rejects.toThrow('no ban has the id');
  });

  it('keeps the audit trail newest first, who did what to whom', async () => {
    const ban = await moderation.ban(GRACE, { authorId: 'mallory', room: 'lobby', seconds: 60, reason: 'spam' });
    await moderation.lift(GRACE, ban.id);
    await moderation.kick(GRACE, { address: '10.0.0.1', room: 'lobby' });
    const log = await moderation.recent(10);
    expect(log.map((a) => a.action)).toEqual(['kick', 'unban', 'ban']);
    expect(log[2]).toEqual({
      action: 'ban',
      authorId: 'mallory',
      room: 'lobby',
      banId: ban.id,
      until: ban.until,
      reason: 'spam',
      at: expect.any(String),
      by: 'Grace',
      byId: 'grace-id',
    });
    expect(await moderation.recent(1)).toEqual([log[0]]);
  });

  it(`keeps the newest ${MODERATION_LOG_LIMIT} actions`, async () => {
    const action = (n: number): ModerationAction => ({
      action: 'kick',
      address: `10.0.${n >> 8}.${n & 255}`,
      room: null,
      at: '',
      by: 'G',
      byId: 'g',
    });
    for (let n = 0; n < MODERATION_LOG_LIMIT + 5; n++) await made.store.record(action(n));
    const kept = await made.store.recent(MODERATION_LOG_LIMIT + 5);
    expect(kept).toHaveLength(MODERATION_LOG_LIMIT);
    expect(kept[0]).toEqual(action(MODERATION_LOG_LIMIT + 4));
    expect(kept.at(-1)).toEqual(action(5));
  });
});

describe('SqliteModerationStore', () => {
  it('finds the bans and the audit trail again when the database is opened anew (a restart)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'herald-moderation-unit-'));
    const file = join(dir, 'herald.db');
    const first = new DatabaseSync(file);
    first.exec(SCHEMA);
    const moderation = new Moderation(
      { moderation: new SqliteModerationStore(first) } as Partial<Stores> as Stores,
      new ModeratedStreams(),
      {
        moderationAction: () => undefined,
      },
    );
    await moderation.onModuleInit();
    const ban = await moderation.ban(GRACE, { authorId: 'mallory', seconds: 60 });
    moderation.onModuleDestroy();
    first.close();

    const second = new DatabaseSync(file);
    const again = new SqliteModerationStore(second);
    expect(await again.activeBans(Date.now())).toEqual([ban]);
    expect((await again.recent(1))[0]).toMatchObject({ action: 'ban', banId: ban.id });
    second.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
