import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAvaturnUser } from '../../src/avaturn/avaturn-users.js';
import { avaturnKeys } from '../../src/avaturn/keys.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { StartAvatarUploadMutation } from '../helpers/documents/avatars.js';
import { sandboxCalls } from '../helpers/avatar-flows.js';

describe('ensureAvaturnUser', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.stop());

  it('creates exactly one Avaturn user for concurrent first requests of an app user', async () => {
    const token = await gw.token('first-requests');
    const before = sandboxCalls(gw, 'POST', '/users/new').length;
    const results = await Promise.all(
      Array.from({ length: 8 }, () => gw.execute(StartAvatarUploadMutation, { input: { bodyType: 'FEMALE' } }, { token })),
    );
    expect(results.every((r) => r.data?.startAvatarUpload.__typename === 'StartAvatarUploadSuccess')).toBe(true);
    expect(sandboxCalls(gw, 'POST', '/users/new').length - before).toBe(1);
    const owners = await gw.services.avatars.listByOwner('first-requests');
    expect(new Set(owners.map((a) => (a.provider === 'AVATURN' ? a.avaturnUserId : ''))).size).toBe(1);
  });

  it('waits for a creator on another instance, and takes over a lock its holder abandoned', async () => {
    const store = new MemoryStore();
    const services = { store, config: gw.config };
    let created = 0;
    const avaturn = {
      createUser: async () => {
        created++;
        await sleep(30);
        return { userId: `USER${created}` };
      },
      deleteUser: async () => {},
    };
    // Two "instances" (same store, separate calls) racing.
    const [a, b] = await Promise.all([ensureAvaturnUser({ ...services, avaturn }, 'u1'), ensureAvaturnUser({ ...services, avaturn }, 'u1')]);
    expect([a, b, created]).toEqual(['USER1', 'USER1', 1]);

    // A crashed holder's lock expires, and the next caller creates the user.
    await store.claim(avaturnKeys(services.config).userLock('u2'), 'dead', 50);
    expect(await ensureAvaturnUser({ ...services, avaturn }, 'u2')).toBe('USER2');
  });

  it('keeps the first mapping when a creator outlived its lock, and deletes the Avaturn user it made for nothing', async () => {
    const store = new MemoryStore();
    const services = { store, config: gw.config };
    const lock = avaturnKeys(services.config).userLock('u4');
    let created = 0;
    const deleted: string[] = [];
    let releaseSlow!: () => void;
    const slowDone = new Promise<void>((resolve) => (releaseSlow = resolve));
    const avaturn = {
      createUser: async () => {
        const userId = `USER${++created}`;
        // The first creator stalls past its lock: the lock is gone (expired) and a second one takes over.
        if (userId === 'USER1') await slowDone;
        return { userId };
      },
      deleteUser: async (userId: string) => void deleted.push(userId),
    };
    const slow = ensureAvaturnUser({ ...services, avaturn }, 'u4');
    while (created === 0) await sleep(5);
    await store.delete(lock);
    expect(await ensureAvaturnUser({ ...services, avaturn }, 'u4')).toBe('USER2');
    // A third request holds the lock now; the stalled creator must not release it.
    await store.set(lock, 'third', { ttlMs: 60_000 });
    releaseSlow();
    expect(await slow).toBe('USER2');
    expect(deleted).toEqual(['USER1']);
    expect(await store.get(lock)).toBe('third');
    expect(await ensureAvaturnUser({ ...services, avaturn }, 'u4')).toBe('USER2');
  });

  it('lets the next request try again when creating the user failed', async () => {
    const store = new MemoryStore();
    const services = { store, config: gw.config };
    let calls = 0;
    const avaturn = {
      createUser: async () => {
        if (++calls === 1) throw new Error('Avaturn down');
        return { userId: 'USEROK' };
      },
      deleteUser: async () => {},
    };
    await expect(ensureAvaturnUser({ ...services, avaturn }, 'u3')).rejects.toThrow('Avaturn down');
    expect(await ensureAvaturnUser({ ...services, avaturn }, 'u3')).toBe('USEROK');
  });
});
