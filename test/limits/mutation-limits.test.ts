import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { graphql } from '../__generated__/gql.js';
import { createAvatarUpload, createResult, sandboxCalls } from '../helpers/avatar-flows.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { REDIS_URL, deleteKeys, describeRedis, testRedis, uniquePrefix } from '../helpers/redis.js';
import { expectTypename } from '../helpers/results.js';

const StartUpload = graphql(`
  mutation LimitedStartAvatarUpload {
    startAvatarUpload(input: { bodyType: MALE }) {
      __typename
      ... on StartAvatarUploadSuccess { avatar { id } }
      ... on Error { message code }
      ... on RateLimitedError { retryAfterSeconds }
    }
  }
`);

const Connect = graphql(`
  mutation LimitedZepetoConnect {
    connectZepetoAccount {
      __typename
      ... on ConnectZepetoAccountSuccess { session { id } }
      ... on Error { message code }
      ... on RateLimitedError { retryAfterSeconds }
    }
  }
`);

const avatarsNew = (gw: TestGateway) => sandboxCalls(gw, 'POST', '/avatars/new').length;
const loginsStarted = (gw: TestGateway) => gw.app.sandbox!.renderIt!.calls.filter((c) => c.path === '/services/biz/characters/auth').length;

describe('limits configuration', () => {
  it('has the documented defaults, and 0 turns each limit off', () => {
    const defaults = loadConfig({});
    expect(defaults.renderIt.budgetUnits).toBe(200);
    expect(defaults.limits).toEqual({
      renderUserBudgetUnits: 2000,
      renderUserBudgetWindowSeconds: 3600,
      avatarCreatePerMinute: 10,
      zepetoConnectPerMinute: 5,
    });
    const off = loadConfig({
      RENDER_BUDGET_UNITS: '0',
      RENDER_USER_BUDGET_UNITS: '0',
      AVATAR_CREATE_LIMIT_PER_MINUTE: '0',
      ZEPETO_CONNECT_LIMIT_PER_MINUTE: '0',
    });
    expect(off.renderIt.budgetUnits).toBeUndefined();
    expect(off.limits).toMatchObject({ renderUserBudgetUnits: undefined, avatarCreatePerMinute: undefined, zepetoConnectPerMinute: undefined });
  });

  it.each([
    ['3600s', 3600],
    ['60m', 3600],
    ['1h', 3600],
    ['1d', 86_400],
    ['90', 90],
  ])('reads RENDER_USER_BUDGET_WINDOW=%s as %i seconds', (value, seconds) => {
    expect(loadConfig({ RENDER_USER_BUDGET_WINDOW: value }).limits.renderUserBudgetWindowSeconds).toBe(seconds);
  });

  it.each([
    [{ RENDER_USER_BUDGET_WINDOW: '1 hour' }, /^RENDER_USER_BUDGET_WINDOW must be a duration like 3600s, 30m, 24h or 7d/],
    [{ RENDER_USER_BUDGET_WINDOW: '0s' }, /^RENDER_USER_BUDGET_WINDOW must be between 1s and 7d/],
    [{ RENDER_USER_BUDGET_UNITS: '-5' }, /^RENDER_USER_BUDGET_UNITS must be a whole number/],
    [{ AVATAR_CREATE_LIMIT_PER_MINUTE: 'ten' }, /^AVATAR_CREATE_LIMIT_PER_MINUTE must be a whole number/],
    [{ ZEPETO_CONNECT_LIMIT_PER_MINUTE: '1.5' }, /^ZEPETO_CONNECT_LIMIT_PER_MINUTE must be a whole number/],
    [{ RENDER_BUDGET_UNITS: 'lots' }, /^RENDER_BUDGET_UNITS must be a number of cost units/],
  ])('stops on %o with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('per-user mutation limits (memory)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ AVATAR_CREATE_LIMIT_PER_MINUTE: '3', ZEPETO_CONNECT_LIMIT_PER_MINUTE: '2' });
  });
  afterAll(() => gw.stop());

  it('counts createAvatar and startAvatarUpload together and refuses the next before any Avaturn call', async () => {
    const token = await gw.token('avatar-maker');
    expect((await gw.execute(StartUpload, {}, { token })).data?.startAvatarUpload.__typename).toBe('StartAvatarUploadSuccess');
    expect(createResult(await createAvatarUpload(gw, token)).__typename).toBe('CreateAvatarSuccess');
    expect((await gw.execute(StartUpload, {}, { token })).data?.startAvatarUpload.__typename).toBe('StartAvatarUploadSuccess');
    const made = avatarsNew(gw);

    const refused = expectTypename((await gw.execute(StartUpload, {}, { token })).data?.startAvatarUpload, 'RateLimitedError');
    expect(refused.code).toBe('RATE_LIMITED');
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    const upload = createResult(await createAvatarUpload(gw, token));
    expect(upload).toMatchObject({ __typename: 'RateLimitedError', code: 'RATE_LIMITED' });
    expect(upload.message).toMatch(/^At most 3 new avatars per minute; retry in \d+ s$/);
    expect(avatarsNew(gw)).toBe(made);

    // The refused upload left nothing behind: the next request works, and other users are not limited.
    const other = await gw.token('someone-else');
    expect(createResult(await createAvatarUpload(gw, other)).__typename).toBe('CreateAvatarSuccess');
  });

  it('does not count a replay of an idempotent createAvatar', async () => {
    const token = await gw.token('idempotent-maker');
    const headers = { 'idempotency-key': `key-${randomUUID()}` };
    const first = createResult(await createAvatarUpload(gw, token, {}, { headers }));
    for (let i = 0; i < 4; i++) {
      expect(createResult(await createAvatarUpload(gw, token, {}, { headers })).avatar?.id).toBe(first.avatar?.id);
    }
    expect((await gw.execute(StartUpload, {}, { token })).data?.startAvatarUpload.__typename).toBe('StartAvatarUploadSuccess');
  });

  it('limits connectZepetoAccount per user before any Render-it call', async () => {
    const token = await gw.token('zepeto-connector');
    for (let i = 0; i < 2; i++) {
      expect((await gw.execute(Connect, {}, { token })).data?.connectZepetoAccount.__typename).toBe('ConnectZepetoAccountSuccess');
    }
    const started = loginsStarted(gw);
    const refused = (await gw.execute(Connect, {}, { token })).data?.connectZepetoAccount;
    expect(refused).toMatchObject({ __typename: 'RateLimitedError', code: 'RATE_LIMITED' });
    expect(loginsStarted(gw)).toBe(started);
    const other = await gw.token('other-connector');
    expect((await gw.execute(Connect, {}, { token: other })).data?.connectZepetoAccount.__typename).toBe('ConnectZepetoAccountSuccess');
  });
});

describeRedis('per-user mutation limits shared by two instances through Redis', () => {
  const prefix = uniquePrefix('mutation-limits');
  let a: TestGateway;
  let b: TestGateway;
  beforeAll(async () => {
    const env = { REDIS_URL, REDIS_PREFIX: prefix, AVATAR_CREATE_LIMIT_PER_MINUTE: '2', ZEPETO_CONNECT_LIMIT_PER_MINUTE: '1' };
    [a, b] = await Promise.all([startTestGateway(env), startTestGateway(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    const redis = testRedis();
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it('refuses on one instance what the user already did on the other', async () => {
    const owner = `limited-${randomUUID().slice(0, 8)}`;
    const [tokenA, tokenB] = await Promise.all([a.token(owner), b.token(owner)]);
    expect((await a.execute(StartUpload, {}, { token: tokenA })).data?.startAvatarUpload.__typename).toBe('StartAvatarUploadSuccess');
    expect((await b.execute(StartUpload, {}, { token: tokenB })).data?.startAvatarUpload.__typename).toBe('StartAvatarUploadSuccess');
    expect((await a.execute(StartUpload, {}, { token: tokenA })).data?.startAvatarUpload.__typename).toBe('RateLimitedError');
    expect((await a.execute(Connect, {}, { token: tokenA })).data?.connectZepetoAccount.__typename).toBe('ConnectZepetoAccountSuccess');
    expect((await b.execute(Connect, {}, { token: tokenB })).data?.connectZepetoAccount.__typename).toBe('RateLimitedError');
  });
});
