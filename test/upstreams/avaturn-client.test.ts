import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockAgent } from 'undici';
import { AvaturnClient } from '../../src/upstreams/avaturn/client.js';
import { avaturnWebhookSchema } from '../../src/upstreams/avaturn/schemas.js';
import type {
  UpstreamBadRequestError} from '../../src/upstreams/errors.js';
import {
  UpstreamAuthError,
  UpstreamBadResponseError,
  type UpstreamError,
  UpstreamNotFoundError,
  UpstreamServerError,
} from '../../src/upstreams/errors.js';
import { STATUS_TABLE, API_KEY, AVATURN_ORIGIN, BODY_SECRET, captureLogs, createMockAgent, expectNoLeak, instantRetry } from '../helpers/upstream-clients.js';

const USER = 'TGTLFCCRG67V6ERUMDTK3JNI5AYGF6XF';
const AVATAR = '8f0c4c7e-6d0b-4b8e-9d49-2f1f3c2b7a11';
const JSON_HEADERS = { headers: { 'content-type': 'application/json' } };

let agent: MockAgent;
let logs: ReturnType<typeof captureLogs>;

function client(overrides: Partial<ConstructorParameters<typeof AvaturnClient>[0]> = {}) {
  return new AvaturnClient({
    baseUrl: AVATURN_ORIGIN,
    apiKey: API_KEY,
    dispatcher: agent,
    logger: logs.logger,
    retry: instantRetry().hooks,
    ...overrides,
  });
}

const mock = () => agent.get(AVATURN_ORIGIN);
const lastCall = () => agent.getCallHistory()!.lastCall()!;

beforeEach(() => {
  agent = createMockAgent();
  logs = captureLogs();
});

afterEach(async () => {
  agent.assertNoPendingInterceptors();
  await agent.close();
});

describe('AvaturnClient', () => {
  describe('success paths', () => {
    it('createUser posts no body with the bearer token', async () => {
      mock().intercept({ path: '/api/v1/users/new', method: 'POST' }).reply(200, { id: USER }, JSON_HEADERS);
      await expect(client().createUser()).resolves.toEqual({ userId: USER });
      expect(lastCall().headers).toMatchObject({ authorization: `Bearer ${API_KEY}` });
      expect(lastCall().body ?? null).toBeNull();
    });

    it('joins paths onto a base URL that has a path (sandbox)', async () => {
      agent.get('http://127.0.0.1:4000').intercept({ path: '/sandbox/avaturn/api/v1/users/new', method: 'POST' }).reply(200, { id: USER });
      await expect(client({ baseUrl: 'http://127.0.0.1:4000/sandbox/avaturn' }).createUser()).resolves.toEqual({ userId: USER });
    });

    it('deleteUser', async () => {
      mock().intercept({ path: `/api/v1/users/${USER}`, method: 'DELETE' }).reply(200, '');
      await expect(client().deleteUser(USER)).resolves.toBeUndefined();
    });

    it('createSession sends user_id and config', async () => {
      mock()
        .intercept({ path: '/api/v1/sessions/new', method: 'POST' })
        .reply(200, { url: 'https://editor.avaturn.me/s/1', id: 'a1b2', custom_upload_url: null });
      const session = await client().createSession(USER, { type: 'edit_existing', avatar_id: AVATAR });
      expect(session).toEqual({ url: 'https://editor.avaturn.me/s/1', sessionId: 'a1b2' });
      expect(JSON.parse(lastCall().body!)).toEqual({ user_id: USER, config: { type: 'edit_existing', avatar_id: AVATAR } });
    });

    it('createAvatar', async () => {
      mock()
        .intercept({ path: '/api/v1/avatars/new', method: 'POST' })
        .reply(200, { avatar_id: AVATAR, upload_url: 'https://uploads.example.com/u/abc?sig=1' });
      await expect(client().createAvatar(USER)).resolves.toEqual({
        avatarId: AVATAR,
        uploadUrl: 'https://uploads.example.com/u/abc?sig=1',
      });
      expect(JSON.parse(lastCall().body!)).toEqual({ user_id: USER });
    });

    it('listAvatars with and without include_not_ready', async () => {
      const item = { id: AVATAR, status: 'processing', created_at: '2025-01-01T00:00:00Z' };
      mock().intercept({ path: `/api/v1/users/${USER}/avatars?include_not_ready=true`, method: 'GET' }).reply(200, [item]);
      mock().intercept({ path: `/api/v1/users/${USER}/avatars`, method: 'GET' }).reply(200, []);
      await expect(client().listAvatars(USER, { includeNotReady: true })).resolves.toEqual([
        { id: AVATAR, status: 'processing', createdAt: '2025-01-01T00:00:00Z' },
      ]);
      await expect(client().listAvatars(USER)).resolves.toEqual([]);
    });

    it('deleteAvatar', async () => {
      mock().intercept({ path: `/api/v1/users/${USER}/avatars/${AVATAR}`, method: 'DELETE' }).reply(200, 'null');
      await expect(client().deleteAvatar(USER, AVATAR)).resolves.toBeUndefined();
    });

    it('getCustomization and putCustomization (202)', async () => {
      const customization = {
        assets: { clothing: { id: 'c1' }, hair_and_headwear: { id: 'h1', color: '#aabbcc' } },
        body: 'body_0',
        age: 'adult',
        bone_scale: { head: 0, arms: 10 },
        skin_tone_correction: -5,
        metadata: { key: 'value' },
        future_field: true,
      };
      mock().intercept({ path: `/api/v1/avatars/${AVATAR}/customization`, method: 'GET' }).reply(200, customization);
      mock().intercept({ path: `/api/v1/avatars/${AVATAR}/customization`, method: 'PUT' }).reply(202, 'null');
      const got = await client().getCustomization(AVATAR);
      expect(got).toEqual(customization);
      await expect(client().putCustomization(AVATAR, got)).resolves.toBeUndefined();
      expect(JSON.parse(lastCall().body!)).toEqual(customization);
      expect(lastCall().headers).toMatchObject({ 'content-type': 'application/json' });
    });

    it('createExport, pending and ready', async () => {
      mock().intercept({ path: `/api/v1/exports/new?avatar_id=${AVATAR}`, method: 'POST' }).reply(200, { status: 'pending', url: null });
      mock()
        .intercept({ path: `/api/v1/exports/new?avatar_id=${AVATAR}`, method: 'POST' })
        .reply(200, { status: 'ready', url: 'https://cdn.avaturn.me/e/1.glb' });
      await expect(client().createExport(AVATAR)).resolves.toEqual({ status: 'pending', url: null });
      await expect(client().createExport(AVATAR)).resolves.toEqual({ status: 'ready', url: 'https://cdn.avaturn.me/e/1.glb' });
    });

    it('createExport rejects `ready` without a URL', async () => {
      mock().intercept({ path: `/api/v1/exports/new?avatar_id=${AVATAR}`, method: 'POST' }).reply(200, { status: 'ready', url: null });
      await expect(client().createExport(AVATAR)).rejects.toBeInstanceOf(UpstreamBadResponseError);
    });

    it('createRender passes scene and format in the query', async () => {
      mock()
        .intercept({ path: `/api/v1/renders/new?avatar_id=${AVATAR}&scene=common%2Fpreview&format=png`, method: 'POST' })
        .reply(200, { id: 'r-1', status: 'pending', render_url: null });
      await expect(client().createRender(AVATAR, 'common/preview', 'png')).resolves.toEqual({
        id: 'r-1',
        status: 'pending',
        renderUrl: null,
      });
    });
  });

  describe('statuses', () => {
    it.each(STATUS_TABLE)('%i → %o', async (status, Class, code) => {
      mock()
        .intercept({ path: `/api/v1/avatars/${AVATAR}/customization`, method: 'PUT' })
        .reply(status, { detail: [{ loc: ['body'], msg: BODY_SECRET, type: 'x' }] }, JSON_HEADERS);
      const err = (await client({ retry: { maxAttempts: 1 } })
        .putCustomization(AVATAR, { body: 'body_0' })
        .catch((e: unknown) => e)) as UpstreamError;
      expect(err).toBeInstanceOf(Class);
      expect(err.code).toBe(code);
      expect(err.upstream).toBe('avaturn');
      expectNoLeak(err);
      for (const line of logs.raw) {
        expect(line).not.toContain(API_KEY);
        expect(line).not.toContain(BODY_SECRET);
      }
    });

    it('keeps the 422 validation detail internal', async () => {
      const body = { detail: [{ loc: ['body', 'user_id'], msg: 'field required', type: 'value_error.missing' }] };
      mock().intercept({ path: '/api/v1/avatars/new', method: 'POST' }).reply(422, body);
      const err = (await client().createAvatar(USER).catch((e: unknown) => e)) as UpstreamBadRequestError;
      expect(err.detail).toEqual(body);
      expect(err.message).toBe('Avaturn rejected the request');
    });

    it('logs 401 at error level as a configuration alarm, without key or body', async () => {
      mock().intercept({ path: '/api/v1/users/new', method: 'POST' }).reply(401, { detail: BODY_SECRET });
      await expect(client().createUser()).rejects.toBeInstanceOf(UpstreamAuthError);
      const alarm = logs.lines.find((l) => l.alarm === 'upstream-auth');
      expect(alarm).toMatchObject({ level: 50, upstream: 'avaturn', status: 401, operation: 'createUser' });
      expect(String(alarm!.msg)).toContain('AVATURN_API_KEY');
      for (const line of logs.raw) {
        expect(line).not.toContain(API_KEY);
        expect(line).not.toContain(BODY_SECRET);
      }
    });
  });

  describe('retries', () => {
    it('retries a non-idempotent call after 429 (not processed) and honours Retry-After', async () => {
      const { sleeps, hooks } = instantRetry(() => 0);
      mock().intercept({ path: '/api/v1/users/new', method: 'POST' }).reply(429, '', { headers: { 'retry-after': '2' } });
      mock().intercept({ path: '/api/v1/users/new', method: 'POST' }).reply(200, { id: USER });
      await expect(client({ retry: hooks }).createUser()).resolves.toEqual({ userId: USER });
      expect(sleeps).toEqual([2000]);
    });

    it('does not retry a non-idempotent call on 500', async () => {
      mock().intercept({ path: '/api/v1/users/new', method: 'POST' }).reply(500, '');
      await expect(client().createUser()).rejects.toBeInstanceOf(UpstreamServerError);
      expect(agent.getCallHistory()!.calls()).toHaveLength(1);
    });

    it('retries an idempotent call on 503 then succeeds', async () => {
      mock().intercept({ path: `/api/v1/avatars/${AVATAR}/customization`, method: 'GET' }).reply(503, '').times(2);
      mock().intercept({ path: `/api/v1/avatars/${AVATAR}/customization`, method: 'GET' }).reply(200, { body: 'body_0' });
      await expect(client().getCustomization(AVATAR)).resolves.toEqual({ body: 'body_0' });
      expect(agent.getCallHistory()!.calls()).toHaveLength(3);
    });

    it('never retries a 404', async () => {
      mock().intercept({ path: `/api/v1/users/${USER}/avatars`, method: 'GET' }).reply(404, { detail: 'unknown user' });
      await expect(client().listAvatars(USER)).rejects.toBeInstanceOf(UpstreamNotFoundError);
      expect(agent.getCallHistory()!.calls()).toHaveLength(1);
    });
  });
});

describe('avaturnWebhookSchema', () => {
  it('parses the three events', () => {
    const base = { avatar_id: AVATAR, user_id: USER, status: 'ready' };
    expect(avaturnWebhookSchema.parse({ event: 'avatar.ready', ...base })).toMatchObject({ event: 'avatar.ready', status: 'ready' });
    // `status` of avatar.ready is an assumption of the contract: its absence is tolerated.
    expect(avaturnWebhookSchema.parse({ event: 'avatar.ready', avatar_id: AVATAR, user_id: USER }).event).toBe('avatar.ready');
    expect(
      avaturnWebhookSchema.parse({ event: 'export.ready', ...base, export_url: 'https://cdn.avaturn.me/x.glb' }),
    ).toMatchObject({ export_url: 'https://cdn.avaturn.me/x.glb' });
    const render = avaturnWebhookSchema.parse({
      event: 'render.ready',
      ...base,
      status: 'failed',
      id: 'r-1',
      render_url: null,
      extra: 'kept',
    });
    expect(render).toMatchObject({ event: 'render.ready', id: 'r-1', render_url: null, status: 'failed' });
  });

  it('rejects unknown events and missing fields', () => {
    expect(avaturnWebhookSchema.safeParse({ event: 'avatar.deleted', avatar_id: AVATAR, user_id: USER }).success).toBe(false);
    expect(avaturnWebhookSchema.safeParse({ event: 'render.ready', avatar_id: AVATAR, user_id: USER, status: 'ready' }).success).toBe(
      false,
    );
    expect(
      avaturnWebhookSchema.safeParse({ event: 'export.ready', avatar_id: AVATAR, user_id: USER, status: 'ready', export_url: 'ftp://x' })
        .success,
    ).toBe(false);
  });
});
