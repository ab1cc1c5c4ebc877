import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { call } from './support/http';
import { RunningServer, WORKSPACE, startServer } from '@herald/testing';

describe('OpenAPI documentation', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.stop());

  it('lists every endpoint with its schemas and error answers', async () => {
    const { status, body } = await call(`${server.url}/api/docs-json`);
    expect(status).toBe(200);
    expect(Object.keys(body.paths).sort()).toEqual([
      '/api/events',
      '/api/health/live',
      '/api/health/ready',
      '/api/messages',
      '/api/messages/{id}',
      '/api/moderation/bans',
      '/api/moderation/bans/{id}',
      '/api/moderation/kicks',
      '/api/moderation/log',
      '/api/moderation/me',
      '/api/rooms',
      '/api/rooms/events',
      '/api/rooms/{room}/events',
      '/api/rooms/{room}/messages',
      '/api/rooms/{room}/messages/{id}',
      '/api/rooms/{room}/typing',
      '/api/session',
      '/api/settings',
      '/api/stream-tickets',
    ]);
    const post = body.paths['/api/rooms/{room}/messages'].post;
    expect(post.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/CreateMessageDto');
    expect(Object.keys(post.responses).sort()).toEqual(['202', '400', '401', '403', '413', '415', '429', '503', '507']);
    expect(body.components.schemas.CreateMessageDto.properties.text).toMatchObject({ minLength: 1, maxLength: 2000 });
    const events = body.paths['/api/rooms/{room}/events'].get;
    expect(events.description).toContain('event: message');
    expect(events.description).toContain('event: reset');
    expect(body.components.schemas).toHaveProperty('ChatMessage');
    expect(body.components.schemas).toHaveProperty('StreamReset');
    expect(events.description).toContain('event: presence');
    expect(body.components.schemas).toHaveProperty('PresenceUpdate');
    expect(body.paths['/api/rooms'].get.responses['200'].content['application/json'].schema.items.$ref).toBe(
      '#/components/schemas/RoomSummary',
    );
    const session = body.paths['/api/session'].post;
    expect(session.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/CreateSessionDto');
    expect(Object.keys(session.responses).sort()).toEqual(['201', '400', '401', '404', '429', '503']);
    expect(session.responses['201'].content['application/json'].schema.$ref).toBe('#/components/schemas/GuestSession');
    expect(body.components.schemas.ChatMessage.properties).toHaveProperty('authorId');
    expect(body.components.schemas.PresenceUpdate.properties.people.items.$ref).toBe('#/components/schemas/PresencePerson');
    const ban = body.paths['/api/moderation/bans'].post;
    expect(ban.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/CreateBan');
    expect(Object.keys(ban.responses).sort()).toEqual(['201', '400', '401', '403']);
    expect(ban.security).toEqual(expect.arrayContaining([{ bearer: [] }, { apiKey: [] }]));
    expect(body.paths['/api/moderation/bans/{id}'].delete.responses).toHaveProperty('404');
    const remove = body.paths['/api/rooms/{room}/messages/{id}'].delete;
    expect(Object.keys(remove.responses).sort()).toEqual(['200', '400', '401', '403', '404', '503']);
    expect(remove.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/MessageDeleted');
    expect(events.description).toContain('event: deleted');
    expect(events.description).toContain('event: edited');
    expect(events.description).toContain('event: typing');
    const edit = body.paths['/api/rooms/{room}/messages/{id}'].patch;
    expect(edit.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/EditMessageDto');
    expect(Object.keys(edit.responses).sort()).toEqual(['200', '400', '401', '403', '404', '503']);
    expect(body.paths['/api/rooms/events'].get.description).toContain('event: rooms-changed');
    expect(body.components.schemas.ApiError.properties).toHaveProperty('bannedUntil');
  });

  it('matches docs/openapi.json, so every API change is reviewed as a diff (npm run openapi rewrites it)', async () => {
    const { body } = await call(`${server.url}/api/docs-json`);
    const committed = JSON.parse(readFileSync(resolve(WORKSPACE, 'docs/openapi.json'), 'utf8'));
    expect(body).toEqual(committed);
  });

  it('serves Swagger UI at /api/docs', async () => {
    const { status, body } = await call(`${server.url}/api/docs`);
    expect(status).toBe(200);
    expect(body).toContain('swagger-ui');
  });
});
