import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { createAvatarUpload, createResult, sandboxCalls } from '../helpers/avatar-flows.js';
import { notAnImage } from '../helpers/photos.js';

let gw: TestGateway;
beforeAll(async () => {
  // Three concurrent uploads of one user below: more than MAX_CONCURRENT_UPLOADS_PER_USER's default.
  gw = await startTestGateway({ MAX_CONCURRENT_UPLOADS_PER_USER: '3' });
});
afterAll(() => gw.stop());

const newAvatarCalls = () => sandboxCalls(gw, 'POST', '/api/v1/avatars/new').length;

describe('createAvatar idempotency', () => {
  it('returns the same avatar for a repeated Idempotency-Key header, with one upstream avatar', async () => {
    const token = await gw.token('idem-header');
    const headers = { 'idempotency-key': 'order-42' };
    const before = newAvatarCalls();
    const first = createResult(await createAvatarUpload(gw, token, {}, { headers }));
    const second = createResult(await createAvatarUpload(gw, token, {}, { headers }));
    expect(first.__typename).toBe('CreateAvatarSuccess');
    expect(second.avatar!.id).toBe(first.avatar!.id);
    expect(newAvatarCalls() - before).toBe(1);
    const third = createResult(await createAvatarUpload(gw, token, {}, { headers: { 'idempotency-key': 'order-43' } }));
    expect(third.avatar!.id).not.toBe(first.avatar!.id);
  });

  it('honours the input field for clients without headers, and refuses a field that contradicts the header', async () => {
    const token = await gw.token('idem-field');
    const first = createResult(await createAvatarUpload(gw, token, {}, { input: { idempotencyKey: 'k-1' } }));
    const again = createResult(await createAvatarUpload(gw, token, {}, { headers: { 'idempotency-key': 'k-1' } }));
    expect(again.avatar!.id).toBe(first.avatar!.id);
    const mismatch = createResult(await createAvatarUpload(gw, token, {}, { input: { idempotencyKey: 'k-1' }, headers: { 'idempotency-key': 'k-2' } }));
    expect(mismatch).toMatchObject({ __typename: 'ValidationError', field: 'input.idempotencyKey' });
    const bad = createResult(await createAvatarUpload(gw, token, {}, { input: { idempotencyKey: 'has space' } }));
    expect(bad).toMatchObject({ __typename: 'ValidationError', code: 'BAD_USER_INPUT' });
  });

  it('keeps keys per app user', async () => {
    const [a, b] = await Promise.all([gw.token('idem-a'), gw.token('idem-b')]);
    const headers = { 'idempotency-key': 'shared-key' };
    const fromA = createResult(await createAvatarUpload(gw, a, {}, { headers }));
    const fromB = createResult(await createAvatarUpload(gw, b, {}, { headers }));
    expect(fromB.avatar!.id).not.toBe(fromA.avatar!.id);
  });

  it('creates one avatar for concurrent requests with one key', async () => {
    const token = await gw.token('idem-concurrent');
    const before = newAvatarCalls();
    const headers = { 'idempotency-key': 'double-click' };
    const results = (await Promise.all([1, 2, 3].map(() => createAvatarUpload(gw, token, {}, { headers })))).map(createResult);
    expect(newAvatarCalls() - before).toBe(1);
    const ids = new Set(results.filter((r) => r.avatar).map((r) => r.avatar!.id));
    expect(ids.size).toBe(1);
    // A repeat that found the first still running after a short wait is told so, not given a second avatar.
    for (const r of results) expect(['CreateAvatarSuccess', 'ConflictError']).toContain(r.__typename);
  });

  it('lets a failed first attempt be retried with the same key', async () => {
    const token = await gw.token('idem-retry');
    const headers = { 'idempotency-key': 'retry-me' };
    const failed = createResult(await createAvatarUpload(gw, token, { frontal: notAnImage() }, { headers }));
    expect(failed.__typename).toBe('InvalidPhotoError');
    const retried = createResult(await createAvatarUpload(gw, token, {}, { headers }));
    expect(retried).toMatchObject({ __typename: 'CreateAvatarSuccess', avatar: { status: 'PROCESSING' } });
  });
});
