import { decodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { subscribeSse, subscribeWs } from '../helpers/subscriptions.js';
import { AvatarUpdatedSubscription, CreateAvatarMutation, ViewerAvatarsQuery } from '../helpers/documents/avatars.js';
import { sendUpload } from '../helpers/multipart.js';
import { paddedJpeg } from '../helpers/photos.js';
import { createAvatar, createAvatarDirect, createAvatarUpload, createResult, sandboxCalls, waitForAvatar } from '../helpers/avatar-flows.js';

let gw: TestGateway;
let alice: string;
let bob: string;
beforeAll(async () => {
  // Slow enough processing that a subscriber sees PROCESSING before READY.
  gw = await startTestGateway({ SANDBOX_PROCESSING_DELAY_MS: '400', WATCHDOG_INTERVAL_MS: '100' });
  [alice, bob] = await Promise.all([gw.token('flow-alice'), gw.token('flow-bob')]);
});
afterAll(() => gw.stop());

describe('createAvatar over a real port', () => {
  it('streams three photos and answers PROCESSING; graphql-ws hears the current state, then READY', async () => {
    const reply = await createAvatarUpload(gw, alice);
    expect(reply.status).toBe(200);
    const result = createResult(reply);
    expect(result).toMatchObject({ __typename: 'CreateAvatarSuccess', avatar: { status: 'PROCESSING', bodyType: 'FEMALE', failureReason: null } });
    const id = result.avatar!.id;

    const ws = subscribeWs(gw, alice, AvatarUpdatedSubscription, { id });
    try {
      const first = await ws.next();
      expect(first.value?.data?.avatarUpdated).toMatchObject({ id, status: 'PROCESSING' });
      const second = await ws.next();
      expect(second.value?.data?.avatarUpdated).toMatchObject({ id, status: 'READY', failureReason: null });
    } finally {
      await ws.close();
    }
    const record = await gw.services.avatars.get(decodeGlobalID(id).id);
    expect(record?.provider === 'AVATURN' && sandboxCalls(gw, 'POST', `/uploads/${record.avaturnAvatarId}`)).toEqual([
      expect.objectContaining({ status: 200 }),
    ]);
  });

  it('pushes the same over SSE (graphql-sse client), and a late subscriber gets READY first', async () => {
    const id = await createAvatar(gw, alice);
    const sse = subscribeSse(gw, alice, AvatarUpdatedSubscription, { id });
    try {
      expect((await sse.next()).value?.data?.avatarUpdated).toMatchObject({ id, status: 'PROCESSING' });
      expect((await sse.next()).value?.data?.avatarUpdated).toMatchObject({ id, status: 'READY' });
    } finally {
      await sse.close();
    }
    for (const late of [subscribeSse(gw, alice, AvatarUpdatedSubscription, { id }), subscribeWs(gw, alice, AvatarUpdatedSubscription, { id })]) {
      try {
        expect((await late.next()).value?.data?.avatarUpdated).toMatchObject({ id, status: 'READY' });
      } finally {
        await late.close();
      }
    }
  });

  it('refuses another user on both transports, naming nothing', async () => {
    const id = await createAvatar(gw, alice);
    for (const other of [subscribeWs(gw, bob, AvatarUpdatedSubscription, { id }), subscribeSse(gw, bob, AvatarUpdatedSubscription, { id })]) {
      try {
        const event = await other.next();
        expect(event.value?.data?.avatarUpdated ?? null).toBeNull();
        expect(event.value?.errors).toEqual([expect.objectContaining({ message: 'Avatar not found', extensions: { code: 'NOT_FOUND' } })]);
        expect((await other.next()).done).toBe(true);
      } finally {
        await other.close();
      }
    }
  });
});

describe('startAvatarUpload in process (yoga.fetch and SSE without a socket)', () => {
  it('moves a browser-uploaded avatar from AWAITING_UPLOAD to READY and pushes each step', async () => {
    const id = await createAvatarDirect(gw, alice);
    const sse = subscribeSse(gw, alice, AvatarUpdatedSubscription, { id }, { inProcess: true });
    try {
      const seen: string[] = [];
      for (;;) {
        const event = await sse.next();
        const status = event.value?.data?.avatarUpdated?.status;
        if (!status) throw new Error(`unexpected event ${JSON.stringify(event)}`);
        seen.push(status);
        if (status === 'READY') break;
      }
      // The first event is whatever the state was at subscription time; it never goes backwards.
      const order = ['AWAITING_UPLOAD', 'PROCESSING', 'READY'];
      expect(seen.map((s) => order.indexOf(s))).toEqual([...seen.map((s) => order.indexOf(s))].sort());
      expect(new Set(seen).size).toBe(seen.length);
    } finally {
      await sse.close();
    }
    await waitForAvatar(gw, alice, id, (a) => a.status === 'READY');
  });
});

describe('createAvatar when Avaturn fails during the upload', () => {
  let big: TestGateway;
  beforeAll(async () => {
    // The gateway accepts 25 MiB photos, the simulated Avaturn only 20 MiB: it refuses mid-upload.
    big = await startTestGateway({ MAX_PHOTO_BYTES: String(25 * 1024 * 1024) });
  });
  afterAll(() => big.stop());

  it("takes three 9 MiB photos sent with a content-length (Yoga's own body limit is sized from the photo cap)", async () => {
    const nineMiB = async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of paddedJpeg(9 * 1024 * 1024)) chunks.push(chunk);
      return Buffer.concat(chunks);
    };
    const photos = await Promise.all([nineMiB(), nineMiB(), nineMiB()]);
    const result = await sendUpload(big.url, {
      document: CreateAvatarMutation,
      variables: { input: { frontal: null, side1: null, side2: null, bodyType: 'MALE' } },
      files: ['frontal', 'side1', 'side2'].map((key, i) => ({ path: `variables.input.${key}`, data: photos[i]! })),
      token: await big.token('content-length'),
      withContentLength: true,
    });
    expect(result.status).toBe(200);
    expect(createResult(result)).toMatchObject({ __typename: 'CreateAvatarSuccess', avatar: { status: 'PROCESSING' } });
  });

  it('leaves the avatar FAILED with a reason and answers the typed upstream error', async () => {
    const token = await big.token('upload-fails');
    const result = createResult(await createAvatarUpload(big, token, { side1: paddedJpeg(21 * 1024 * 1024) }));
    expect(result).toMatchObject({ __typename: 'UpstreamError', code: 'PAYLOAD_TOO_LARGE', message: 'Avaturn rejected the upload as too large' });
    const listed = await big.execute(ViewerAvatarsQuery, { first: 10 }, { token });
    const [avatar] = listed.data!.viewer.avatars.edges.map((e) => e.node);
    expect(avatar).toMatchObject({ status: 'FAILED', provider: 'AVATURN' });
    const detail = await big.services.avatars.get(decodeGlobalID(avatar!.id).id);
    expect(detail).toMatchObject({ status: 'FAILED', failureReason: 'The photo upload to Avaturn failed: Avaturn rejected the upload as too large' });
  });
});
