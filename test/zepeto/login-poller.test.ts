import { afterEach, describe, expect, it, vi } from 'vitest';
import { AvatarRepository } from '../../src/avatars/avatar-repository.js';
import { createEventBus } from '../../src/events/pubsub.js';
import { silentLogger } from '../../src/logging/logger.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { UpstreamNotFoundError, UpstreamServerError } from '../../src/upstreams/errors.js';
import type { RenderItAuthStatus } from '../../src/upstreams/render-it/schemas.js';
import { connectionStatusOf } from '../../src/zepeto/connect-account.js';
import type { ZepetoConnectionRecord } from '../../src/zepeto/connection-record.js';
import { ZepetoConnectionRepository } from '../../src/zepeto/connection-repository.js';
import { ZepetoLoginPoller } from '../../src/zepeto/login-poller.js';
import { ensureZepetoAvatars, zepetoAvatarId } from '../../src/zepeto/zepeto-avatars.js';

const OWNER = 'poller-user';
let poller: ZepetoLoginPoller | undefined;

afterEach(async () => {
  await poller?.close();
  poller = undefined;
});

/** A poller over memory state whose `getAuth` answers from `answers` in turn (the last one repeats). */
function setup(answers: Array<RenderItAuthStatus | Error>, expiresInMs = 5_000) {
  const store = new MemoryStore();
  const events = createEventBus();
  const connections = new ZepetoConnectionRepository(store, events);
  const avatars = new AvatarRepository(store, events);
  let n = 0;
  const getAuth = vi.fn(async () => {
    const answer = answers[Math.min(n++, answers.length - 1)]!;
    if (answer instanceof Error) throw answer;
    return answer;
  });
  poller = new ZepetoLoginPoller({
    renderIt: { getAuth },
    connections,
    avatars,
    logger: silentLogger,
    initialDelayMs: 5,
    maxDelayMs: 20,
    graceMs: 10,
  });
  const start = async () => {
    const record = await connections.create({
      id: `session-${Math.random()}`,
      ownerId: OWNER,
      url: 'ZEPETO://PLATFORM/QR_LOGIN?udid=x',
      expiresAt: new Date(Date.now() + expiresInMs).toISOString(),
    });
    poller!.watch(record);
    return record;
  };
  const settled = async (id: string) => {
    await vi.waitUntil(async () => (await connections.get(id))?.status !== 'PENDING', { timeout: 3_000, interval: 5 });
    return (await connections.get(id))!;
  };
  return { connections, avatars, events, getAuth, start, settled };
}

const PENDING: RenderItAuthStatus = { status: 'PENDING', zepetoIds: [] };

describe('ZepetoLoginPoller', () => {
  it('polls a pending login until it connects, then makes each ZEPETO ID a READY avatar of the owner', async () => {
    const { start, settled, avatars, events, getAuth } = setup([PENDING, PENDING, { status: 'CONNECTED', zepetoIds: ['z1', 'z2'] }]);
    const record = await start();
    const heard = events.subscribe('zepeto-connection:updated', record.id)[Symbol.asyncIterator]().next();
    const done = await settled(record.id);
    expect(done).toMatchObject({ status: 'CONNECTED', version: 2, avatarIds: [zepetoAvatarId(OWNER, 'z1'), zepetoAvatarId(OWNER, 'z2')] });
    expect((await heard).value).toEqual({ id: record.id, version: 2 });
    const owned = await avatars.listByOwner(OWNER);
    expect(owned.map((a) => [a.provider, a.status, a.provider === 'ZEPETO' && a.zepetoId])).toEqual(
      expect.arrayContaining([['ZEPETO', 'READY', 'z1'], ['ZEPETO', 'READY', 'z2']]),
    );
    expect(getAuth).toHaveBeenCalledTimes(3);
    expect(poller!.watching).toBe(0);
  });

  it('marks a login EXPIRED at its expiry, polling less often as it waits', async () => {
    const { start, settled, getAuth } = setup([PENDING], 300);
    const record = await start();
    expect((await settled(record.id)).status).toBe('EXPIRED');
    // Waits of 5, 7.5, 11, 17, then 20 ms: far fewer polls than one every 5 ms over 300 ms.
    expect(getAuth.mock.calls.length).toBeLessThan(25);
  });

  it('takes Render-it’s EXPIRED, or a 404 for a forgotten session, as expired', async () => {
    for (const answer of [{ status: 'EXPIRED', zepetoIds: [] } as RenderItAuthStatus, new UpstreamNotFoundError('render-it')]) {
      const { start, settled } = setup([answer]);
      const record = await start();
      expect((await settled(record.id)).status).toBe('EXPIRED');
      await poller!.close();
    }
  });

  it('keeps polling through transient failures', async () => {
    const { start, settled } = setup([new UpstreamServerError('render-it', 500, undefined), { status: 'CONNECTED', zepetoIds: ['z9'] }]);
    const record = await start();
    expect((await settled(record.id)).status).toBe('CONNECTED');
  });

  it('stops polling on close', async () => {
    const { start, getAuth, connections } = setup([PENDING]);
    const record = await start();
    await vi.waitUntil(() => getAuth.mock.calls.length > 0, { timeout: 1_000, interval: 5 });
    await poller!.close();
    const calls = getAuth.mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(getAuth.mock.calls.length).toBe(calls);
    expect((await connections.get(record.id))!.status).toBe('PENDING');
  });
});

describe('ensureZepetoAvatars', () => {
  it('is idempotent per user and ZEPETO ID, and separate across users', async () => {
    const avatars = new AvatarRepository(new MemoryStore(), createEventBus());
    const [first] = await ensureZepetoAvatars(avatars, OWNER, ['z1']);
    const again = await ensureZepetoAvatars(avatars, OWNER, ['z1', 'z1']);
    expect(again.map((a) => a.id)).toEqual([first!.id]);
    expect(again[0]!.version).toBe(1);
    const [other] = await ensureZepetoAvatars(avatars, 'someone-else', ['z1']);
    expect(other!.id).not.toBe(first!.id);
    expect(await avatars.listByOwner(OWNER)).toHaveLength(1);
  });
});

describe('connectionStatusOf', () => {
  it('reads a pending login well past its expiry as EXPIRED (its poller may have stopped with its instance)', () => {
    const record = { status: 'PENDING', expiresAt: new Date(1_000_000).toISOString() } as ZepetoConnectionRecord;
    expect(connectionStatusOf(record, 1_000_000)).toBe('PENDING');
    expect(connectionStatusOf(record, 1_000_000 + 10_000)).toBe('EXPIRED');
    expect(connectionStatusOf({ ...record, status: 'CONNECTED' }, 1_000_000 + 10_000)).toBe('CONNECTED');
  });
});
