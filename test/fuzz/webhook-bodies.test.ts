import fc from 'fast-check';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AvaturnAvatarRecord } from '../../src/avatars/avatar-record.js';
import { CONFIRMATION_MEMORY_MS } from '../../src/webhooks/confirmations.js';
import { createAvatar, sandboxCalls } from '../helpers/avatar-flows.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { ACCEPTED, recordOf, sign } from '../helpers/webhooks.js';
import { JsonObject, anyJson, toJson, type Json } from '../helpers/hostile-json.js';
import { changedBetween, processState, type ProcessState } from '../helpers/process-state.js';

const SEED = 0x5eed_0907;
const RUNS = 150;
const SECRET = `whsec_${Buffer.from('fuzz-webhook-secret-fuzz-webhook').toString('base64')}`;
const UNKNOWN = '00000000-0000-4000-8000-00000000f022';

interface Case {
  body: Buffer;
  rightToken: boolean;
  /** Signed gateway only: sign with the right secret (else with another, or not at all). */
  signature: 'right' | 'wrong' | 'none';
  webhookId: string;
}

/** Bytes, any JSON, and bodies shaped like Avaturn's deliveries naming known and unknown avatars. */
function cases(known: { pending: AvaturnAvatarRecord; ready: AvaturnAvatarRecord }): fc.Arbitrary<Case> {
  const avatars = [known.pending.avaturnAvatarId, known.ready.avaturnAvatarId, known.pending.avaturnAvatarId.toUpperCase(), UNKNOWN];
  const users = [known.pending.avaturnUserId, known.ready.avaturnUserId, 'SOMEONE-ELSE'];
  const world = [...avatars, ...users, 'avatar.ready', 'export.ready', 'render.ready', 'ready', 'failed', 'http://127.0.0.1/x.glb'];
  const wild = anyJson(world, ['event', 'avatar_id', 'user_id', 'status', 'id', 'render_url', 'export_url']);
  const value = (name: string, values: fc.Arbitrary<Json>) => fc.oneof({ weight: 6, arbitrary: values }, { weight: 1, arbitrary: wild }).map((v) => [name, v] as const);
  const field = (name: string, values: fc.Arbitrary<Json>) => fc.option(value(name, values), { nil: undefined, freq: 4 });
  const shaped = fc
    .tuple(
      value('event', fc.constantFrom('avatar.ready', 'avatar.ready', 'export.ready', 'render.ready', 'user.deleted', '')),
      value('avatar_id', fc.constantFrom(...avatars)),
      value('user_id', fc.constantFrom(...users)),
      field('status', fc.constantFrom('ready', 'failed', 'pending')),
      field('id', fc.constantFrom('r1', UNKNOWN)),
      field('render_url', fc.constantFrom('http://127.0.0.1/r.png', 'javascript:alert(1)', 'not a url')),
      field('export_url', fc.constantFrom(null, 'http://127.0.0.1/x.glb')),
      fc.array(fc.tuple(fc.constantFrom('__proto__', 'constructor', 'toString', 'then'), wild), { maxLength: 2 }),
    )
    .map(([...parts]) => {
      const extra = parts.at(-1) as Array<[string, Json]>;
      const given = (parts.slice(0, -1) as Array<readonly [string, Json] | undefined>).filter((p): p is readonly [string, Json] => p !== undefined);
      return Buffer.from(toJson(new JsonObject([...given, ...extra])));
    });
  const body = fc.oneof(
    { weight: 10, arbitrary: shaped },
    { weight: 2, arbitrary: wild.map((j) => Buffer.from(toJson(j))) },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)) },
    { weight: 1, arbitrary: fc.constantFrom(Buffer.alloc(0), Buffer.from('{"event":"avatar.ready","pad":"' + 'x'.repeat(300 * 1024) + '"}')) },
  );
  return fc.record({
    body,
    rightToken: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    signature: fc.constantFrom<Case['signature']>('right', 'right', 'right', 'wrong', 'none'),
    webhookId: fc.oneof(fc.constantFrom('msg_fixed_1', 'msg_fixed_2'), fc.stringMatching(/^[A-Za-z0-9_.:-]{1,40}$/)),
  });
}

/** Whether a body names an avatar of ours with its own Avaturn user: the only ones that may cost a confirmation. */
function namesKnown(body: Buffer, known: AvaturnAvatarRecord[]): boolean {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return false;
  }
  const { avatar_id: avatarId, user_id: userId } = (json ?? {}) as { avatar_id?: unknown; user_id?: unknown };
  return known.some((r) => typeof avatarId === 'string' && avatarId.toLowerCase() === r.avaturnAvatarId && userId === r.avaturnUserId);
}

function describeFuzz(label: string, env: Record<string, string>, signed: boolean): void {
  describe(`Avaturn webhook bodies, ${label} (property-based)`, () => {
    let gw: TestGateway;
    let known: { pending: AvaturnAvatarRecord; ready: AvaturnAvatarRecord };
    let baseline: ProcessState;
    const avaturnCalls = () => gw.app.sandbox!.avaturn!.calls.length;

    beforeAll(async () => {
      // Avaturn keeps avatars processing and the watchdog never polls: every Avaturn call below is a confirmation.
      gw = await startTestGateway({ ...env, WATCHDOG_INTERVAL_MS: '600000', SANDBOX_PROCESSING_DELAY_MS: '600000' });
      const token = await gw.token('fuzz-webhooks');
      const pending = await recordOf(gw, await createAvatar(gw, token));
      const other = await recordOf(gw, await createAvatar(gw, token));
      const ready = (await gw.services.avatars.update<AvaturnAvatarRecord>(other.id, () => ({ status: 'READY' })))!;
      known = { pending, ready };
      baseline = processState();
    });
    afterAll(() => gw?.stop());

    it('never answers 5xx or anything but one 200 to well-formed deliveries, changes no builtin, and confirms only what names an avatar of ours', async () => {
      const started = Date.now();
      const confirmationsBefore = avaturnCalls();
      await fc.assert(
        fc.asyncProperty(cases(known), async (c) => {
          const token = c.rightToken ? gw.config.avaturn.webhookToken : `${gw.config.avaturn.webhookToken}-wrong`;
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (signed && c.signature !== 'none') {
            const secret = c.signature === 'right' ? SECRET : `whsec_${Buffer.from('another-secret-another-secret').toString('base64')}`;
            Object.assign(headers, sign(secret, c.body.toString('utf8'), { id: c.webhookId }));
          }
          const before = avaturnCalls();
          const res = await request(`${gw.url}/webhooks/avaturn/${token}`, { method: 'POST', headers, body: c.body });
          const reply = { status: res.statusCode, body: await res.body.text() };
          const expected = !c.rightToken ? [404] : c.body.length > 256 * 1024 ? [413] : signed && c.signature !== 'right' ? [401] : [200, 400];
          expect(expected, reply.body).toContain(reply.status);
          if (reply.status === 200) expect(reply).toEqual(ACCEPTED);
          else expect(reply.body).toMatch(/^\{"error":"[a-z_]+"\}$/);
          expect(changedBetween(baseline, processState())).toEqual([]);
          const authentic = reply.status === 200;
          if (!authentic || !namesKnown(c.body, [known.pending, known.ready])) expect(avaturnCalls() - before, reply.body).toBe(0);
        }),
        { seed: SEED, numRuns: RUNS },
      );
      // Two subjects can need a confirmation (the pending avatar's status, the ready one's export):
      // each costs at most one call per CONFIRMATION_MEMORY_MS, however many deliveries named it.
      const windows = 1 + Math.ceil((Date.now() - started) / CONFIRMATION_MEMORY_MS);
      expect(avaturnCalls() - confirmationsBefore).toBeLessThanOrEqual(2 * windows);
      expect(sandboxCalls(gw, 'GET', `/users/${known.pending.avaturnUserId}/avatars`).length).toBeLessThanOrEqual(windows);
    });
  });
}

describeFuzz('unsigned', {}, false);
describeFuzz('signed', { AVATURN_WEBHOOK_SECRET: SECRET }, true);
