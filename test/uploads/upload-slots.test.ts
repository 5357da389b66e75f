import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UploadSlots } from '../../src/uploads/upload-slots.js';
import { createAvatarUpload, createResult, eventually } from '../helpers/avatar-flows.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { openStalled } from '../helpers/raw-socket.js';
import { builtinChanges, snapshotBuiltins } from '../helpers/builtins.js';
import { stalledUpload } from '../helpers/stalled-upload.js';

describe('UploadSlots', () => {
  it('gives each user at most perUser slots, frees them once each, and is unlimited at 0', () => {
    const slots = new UploadSlots(2);
    const a1 = slots.acquire('a')!;
    const a2 = slots.acquire('a')!;
    expect(slots.acquire('a')).toBeUndefined();
    expect(slots.acquire('b')).toBeTypeOf('function');
    a1();
    a1();
    const a3 = slots.acquire('a');
    expect(a3).toBeTypeOf('function');
    expect(slots.acquire('a')).toBeUndefined();
    a2();
    a3!();
    const unlimited = new UploadSlots(0);
    for (let i = 0; i < 50; i++) expect(unlimited.acquire('a')).toBeTypeOf('function');
  });
});

describe('concurrent uploads per user (MAX_CONCURRENT_UPLOADS_PER_USER)', () => {
  let gw: TestGateway;
  const sockets: Socket[] = [];
  const builtins = snapshotBuiltins();

  beforeAll(async () => {
    gw = await startTestGateway({ MAX_CONCURRENT_UPLOADS_PER_USER: '2', BODY_IDLE_TIMEOUT_MS: '10000' });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await gw.stop();
  });

  it('answers a third upload in flight RATE_LIMITED before reading its body, and frees the slots when uploads end', async () => {
    const alice = await gw.token('slots-alice');
    // One stalled before its map, one stalled mid-photo (its Avaturn upload in flight).
    sockets.push(await openStalled(gw.url, stalledUpload(alice, 'operations')));
    sockets.push(await openStalled(gw.url, stalledUpload(alice, 'side1')));
    await eventually(() => (gw.app.sandbox!.avaturn!.calls.some((c) => c.path.endsWith('/avatars/new')) ? true : undefined));

    const before = gw.app.sandbox!.avaturn!.calls.length;
    const third = await createAvatarUpload(gw, alice);
    expect(third.status).toBe(429);
    expect(third.json).toEqual({
      errors: [{ message: 'At most 2 uploads per user may be in progress at once', extensions: { code: 'RATE_LIMITED', maxConcurrentUploads: 2 } }],
    });
    expect(gw.app.sandbox!.avaturn!.calls.length).toBe(before);

    // Another user is not affected.
    expect(createResult(await createAvatarUpload(gw, await gw.token('slots-bob')))).toMatchObject({ __typename: 'CreateAvatarSuccess' });

    // Alice gives up on her stalled uploads: her slots come back, and her half-made avatar goes.
    for (const socket of sockets.splice(0)) socket.destroy();
    const retried = await eventually(async () => {
      const reply = await createAvatarUpload(gw, alice);
      return reply.status === 429 ? undefined : reply;
    });
    expect(createResult(retried)).toMatchObject({ __typename: 'CreateAvatarSuccess' });
    await eventually(async () => ((await gw.services.avatars.listByOwner('slots-alice')).length === 1 ? true : undefined));
    expect(builtinChanges(builtins)).toEqual([]);
  });
});
