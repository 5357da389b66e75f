import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  API_KEY,
  BASE_PATH,
  avatarStatus,
  goodJpeg,
  newAvatar,
  newUser,
  photoForm,
  startHarness,
  waitFor,
  type Harness,
} from '../helpers/avaturn-sandbox.js';
import { renderPng } from '../../src/sandbox/images/index.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const detailTypes = (json: unknown) => (json as { detail: Array<{ loc: unknown[]; type: string }> }).detail.map((d) => [d.loc.join('.'), d.type]);

describe('avaturn sandbox: auth and routing', () => {
  it('answers 401 {"detail"} without or with a wrong bearer token on every API route', async () => {
    for (const [method, path] of [
      ['POST', 'users/new'],
      ['DELETE', 'users/X'],
      ['POST', 'sessions/new'],
      ['POST', 'avatars/new'],
      ['GET', 'users/X/avatars'],
      ['DELETE', 'users/X/avatars/Y'],
      ['GET', 'avatars/Y/customization'],
      ['PUT', 'avatars/Y/customization'],
      ['POST', 'exports/new?avatar_id=Y'],
      ['POST', 'renders/new?avatar_id=Y'],
    ] as const) {
      const missing = await h.api(method, path, { token: null });
      const wrong = await h.api(method, path, { token: 'nope' });
      expect([missing.status, wrong.status], `${method} ${path}`).toEqual([401, 401]);
      expect(typeof (wrong.json as { detail: unknown }).detail).toBe('string');
    }
  });

  it('answers a JSON 404 for an unknown API path', async () => {
    const res = await h.api('GET', 'nothing/here');
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ detail: 'Not Found' });
  });

  it('records the calls it served', async () => {
    await h.api('POST', 'users/new');
    expect(h.sandbox.calls.at(-1)).toEqual({ method: 'POST', path: `${BASE_PATH}/api/v1/users/new`, status: 200 });
  });
});

describe('avaturn sandbox: users and sessions', () => {
  it('creates users with 32 uppercase alphanumerics and deletes them with their avatars', async () => {
    const userId = await newUser(h);
    expect(userId).toMatch(/^[A-Z0-9]{32}$/);
    const { avatar_id } = await newAvatar(h, userId);
    expect((await h.api('DELETE', `users/${userId}`)).status).toBe(200);
    expect((await h.api('DELETE', `users/${userId}`)).status).toBe(404);
    expect((await h.api('GET', `avatars/${avatar_id}/customization`)).status).toBe(404);
    expect((await h.api('GET', `users/${userId}/avatars`)).status).toBe(404);
  });

  it('opens editor sessions of each type and serves the editor page', async () => {
    const userId = await newUser(h);
    const { avatar_id } = await newAvatar(h, userId);
    const plain = await h.api('POST', 'sessions/new', { body: { user_id: userId } });
    expect(plain.status).toBe(200);
    const session = plain.json as { url: string; id: string; custom_upload_url: null };
    expect(session.custom_upload_url).toBeNull();
    expect(session.url).toBe(`${h.origin}${BASE_PATH}/editor/${session.id}`);
    const page = await h.fetch(session.url);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.bytes.toString()).toContain(avatar_id);

    const create = await h.api('POST', 'sessions/new', { body: { user_id: userId, config: { type: 'create' } } });
    expect(create.status).toBe(200);
    const edit = await h.api('POST', 'sessions/new', {
      body: { user_id: userId, config: { type: 'edit_existing', avatar_id } },
    });
    expect(edit.status).toBe(200);
    expect((await h.fetch(`${h.origin}${BASE_PATH}/editor/unknown`)).status).toBe(404);
  });

  it('validates sessions: 422 shape, 404 unknown user or avatar', async () => {
    const userId = await newUser(h);
    expect(detailTypes((await h.api('POST', 'sessions/new')).json)).toEqual([['body', 'missing']]);
    expect(detailTypes((await h.api('POST', 'sessions/new', { body: '{oops' })).json)).toEqual([['body.0', 'json_invalid']]);
    expect(detailTypes((await h.api('POST', 'sessions/new', { body: {} })).json)).toEqual([['body.user_id', 'missing']]);
    const badType = await h.api('POST', 'sessions/new', { body: { user_id: userId, config: { type: 'edit-existing' } } });
    expect(badType.status).toBe(422);
    expect(detailTypes(badType.json)).toEqual([['body.config.type', 'enum']]);
    const noAvatar = await h.api('POST', 'sessions/new', { body: { user_id: userId, config: { type: 'edit_existing' } } });
    expect(detailTypes(noAvatar.json)).toEqual([['body.config.avatar_id', 'missing']]);
    expect((await h.api('POST', 'sessions/new', { body: { user_id: 'NOPE' } })).status).toBe(404);
    const otherAvatar = await h.api('POST', 'sessions/new', {
      body: { user_id: userId, config: { type: 'edit_existing', avatar_id: '00000000-0000-4000-8000-000000000000' } },
    });
    expect(otherAvatar.status).toBe(404);
  });
});

describe('avaturn sandbox: avatars and uploads', () => {
  it('creates a pending avatar with a pre-signed upload URL', async () => {
    const userId = await newUser(h);
    const res = await newAvatar(h, userId);
    expect(res.avatar_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.upload_url.startsWith(`${h.origin}${BASE_PATH}/uploads/${res.avatar_id}?token=`)).toBe(true);
    expect(await avatarStatus(h, userId, res.avatar_id)).toBe('pending');
    expect((await h.api('POST', 'avatars/new', { body: { user_id: 'NOPE' } })).status).toBe(404);
    expect(detailTypes((await h.api('POST', 'avatars/new', { body: {} })).json)).toEqual([['body.user_id', 'missing']]);
    expect(detailTypes((await h.api('POST', 'avatars/new', { body: { user_id: 5 } })).json)).toEqual([['body.user_id', 'string_type']]);
  });

  it('uploads, processes and turns ready with one avatar.ready webhook', async () => {
    const userId = await newUser(h);
    const { avatar_id, upload_url } = await newAvatar(h, userId);
    const up = await h.fetch(upload_url, { method: 'POST', body: photoForm({ bodyType: 'male', telephoto: 'true' }) });
    expect(up.status).toBe(200);
    expect(JSON.parse(up.bytes.toString())).toEqual({ status: 'processing' });
    expect(await avatarStatus(h, userId, avatar_id)).toBe('processing');
    const hook = await waitFor(() => h.received.find((w) => w.body.avatar_id === avatar_id));
    expect(hook.body).toEqual({ event: 'avatar.ready', avatar_id, user_id: userId, status: 'ready' });
    expect(hook.headers['content-type']).toBe('application/json');
    expect(hook.headers['webhook-signature']).toBeUndefined();
    expect(await avatarStatus(h, userId, avatar_id)).toBe('ready');
  });

  it('rejects bad upload URLs: 404 unknown avatar, 403 bad or missing token, 409 already uploaded', async () => {
    const userId = await newUser(h);
    const { avatar_id, upload_url } = await newAvatar(h, userId);
    const post = (url: string) => h.fetch(url, { method: 'POST', body: photoForm() });
    expect((await post(upload_url.replace(avatar_id, '00000000-0000-4000-8000-000000000000'))).status).toBe(404);
    expect((await post(upload_url.replace(/token=.*/, 'token=forged'))).status).toBe(403);
    expect((await post(upload_url.split('?')[0]!)).status).toBe(403);
    expect((await post(upload_url)).status).toBe(200);
    const again = await post(upload_url);
    expect(again.status).toBe(409);
    expect(JSON.parse(again.bytes.toString())).toHaveProperty('detail');
  });

  it('answers 422 on a missing photo, a text photo, a bad body-type or telephoto', async () => {
    const userId = await newUser(h);
    const { upload_url } = await newAvatar(h, userId);
    const send = async (form: ReturnType<typeof photoForm>) => {
      const res = await h.fetch(upload_url, { method: 'POST', body: form });
      return [res.status, detailTypes(JSON.parse(res.bytes.toString()))];
    };
    expect(await send(photoForm({}, ['image-side-1', 'body-type']))).toEqual([
      422,
      [
        ['body.image-side-1', 'missing'],
        ['body.body-type', 'missing'],
      ],
    ]);
    expect(await send(photoForm({ frontal: 'not a file' }))).toEqual([422, [['body.image-frontal', 'value_error']]]);
    expect(await send(photoForm({ bodyType: 'other' }))).toEqual([422, [['body.body-type', 'enum']]]);
    expect(await send(photoForm({ telephoto: 'maybe' }))).toEqual([422, [['body.telephoto', 'bool_parsing']]]);
    const json = await h.fetch(upload_url, { method: 'POST' });
    expect(json.status).toBe(422);
    // A rejected form leaves the avatar waiting for photos.
    expect((await h.fetch(upload_url, { method: 'POST', body: photoForm() })).status).toBe(200);
  });

  it('answers 413 when one photo exceeds the per-file limit', async () => {
    const small = await startHarness({ maxPhotoBytes: 64 * 1024 });
    try {
      const userId = await newUser(small);
      const { upload_url, avatar_id } = await newAvatar(small, userId);
      const big = Buffer.concat([goodJpeg(), Buffer.alloc(200 * 1024)]);
      const res = await small.fetch(upload_url, { method: 'POST', body: photoForm({ side2: big }) });
      expect(res.status).toBe(413);
      expect(await avatarStatus(small, userId, avatar_id)).toBe('pending');
    } finally {
      await small.close();
    }
  });

  it('fails avatars whose photos break the no-face rule, without a webhook', async () => {
    const userId = await newUser(h);
    const cases = {
      empty: photoForm({ side1: Buffer.alloc(0) }),
      under64px: photoForm({ frontal: renderPng({ width: 63, height: 200, seed: 's' }) }),
      marker: photoForm({ side2: Buffer.concat([goodJpeg('m'), Buffer.from('NO_FACE')]) }),
      notJpegOrPng: photoForm({ frontal: Buffer.from('GIF89a\x80\x00\x80\x00\x00\x00\x00;', 'latin1') }),
    };
    const ids: string[] = [];
    for (const form of Object.values(cases)) {
      const { avatar_id, upload_url } = await newAvatar(h, userId);
      expect((await h.fetch(upload_url, { method: 'POST', body: form })).status).toBe(200);
      ids.push(avatar_id);
    }
    await sleep(150);
    for (const id of ids) expect(await avatarStatus(h, userId, id)).toBe('failed');
    expect(h.received.filter((w) => ids.includes(w.body.avatar_id as string))).toEqual([]);
  });

  it('lists only ready avatars unless include_not_ready, oldest first', async () => {
    const userId = await newUser(h);
    const pending = await newAvatar(h, userId);
    const ready = await newAvatar(h, userId);
    await h.fetch(ready.upload_url, { method: 'POST', body: photoForm() });
    await waitFor(() => h.received.find((w) => w.body.avatar_id === ready.avatar_id));
    const all = (await h.api('GET', `users/${userId}/avatars?include_not_ready=true`)).json as Array<Record<string, string>>;
    expect(all.map((a) => [a.id, a.status])).toEqual([
      [pending.avatar_id, 'pending'],
      [ready.avatar_id, 'ready'],
    ]);
    expect(new Date(all[0]!.created_at!).toISOString()).toBe(all[0]!.created_at);
    const onlyReady = (await h.api('GET', `users/${userId}/avatars`)).json as Array<{ id: string }>;
    expect(onlyReady.map((a) => a.id)).toEqual([ready.avatar_id]);
    const bad = await h.api('GET', `users/${userId}/avatars?include_not_ready=perhaps`);
    expect(detailTypes(bad.json)).toEqual([['query.include_not_ready', 'bool_parsing']]);
    expect((await h.api('GET', 'users/NOPE/avatars')).status).toBe(404);
  });

  it('deletes one avatar: 200, then 404; 404 for an unknown user, 422 for a malformed id', async () => {
    const userId = await newUser(h);
    const other = await newUser(h);
    const { avatar_id } = await newAvatar(h, userId);
    expect((await h.api('DELETE', `users/${other}/avatars/${avatar_id}`)).status).toBe(404);
    expect((await h.api('DELETE', `users/NOPE/avatars/${avatar_id}`)).status).toBe(404);
    expect(detailTypes((await h.api('DELETE', `users/${userId}/avatars/not-a-uuid`)).json)).toEqual([['path.avatar_id', 'uuid_parsing']]);
    const del = await h.api('DELETE', `users/${userId}/avatars/${avatar_id}`);
    expect([del.status, del.json]).toEqual([200, null]);
    expect((await h.api('DELETE', `users/${userId}/avatars/${avatar_id}`)).status).toBe(404);
    expect(await avatarStatus(h, userId, avatar_id)).toBeUndefined();
  });

  it('keeps the API key out of every URL it hands out', async () => {
    const userId = await newUser(h);
    const { upload_url } = await newAvatar(h, userId);
    expect(upload_url).not.toContain(API_KEY);
  });
});
