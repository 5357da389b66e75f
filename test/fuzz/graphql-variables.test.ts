import { setTimeout as sleep } from 'node:timers/promises';
import { encodeGlobalID } from '@pothos/plugin-relay';
import fc from 'fast-check';
import { GraphQLInputObjectType, GraphQLNonNull, Kind, print, typeFromAST, type DocumentNode, type GraphQLInputType } from 'graphql';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors/codes.js';
import { schema } from '../../src/schema/index.js';
import * as avaturnDocs from '../helpers/documents/avatars.js';
import { readyAvatar } from '../helpers/avatar-flows.js';
import * as renderDocs from '../helpers/documents/renders.js';
import { startRenderGateway, type RenderGateway } from '../helpers/render-gateway.js';
import { FuzzNodesQuery, FuzzPosesQuery, FuzzViewerQuery } from '../helpers/documents/fuzz.js';
import { JsonObject, anyJson, shapedLike, toJson, type Json, type World } from '../helpers/hostile-json.js';
import { changedBetween, processState, type ProcessState } from '../helpers/process-state.js';

const SEED = 0x5eed_0009;
const RUNS = 40;
const OWNER = 'fuzz-owner';

// Every operation a client can send as JSON (createAvatar needs files: the multipart fuzzer's).
const DOCUMENTS: Record<string, DocumentNode> = {
  gallery: renderDocs.GalleryQuery,
  mixedGallery: renderDocs.MixedGalleryQuery,
  twoGalleries: renderDocs.TwoGalleriesQuery,
  samePose: renderDocs.SamePoseQuery,
  nested: renderDocs.NestedQuery,
  image: renderDocs.ImageQuery,
  motion: renderDocs.MotionQuery,
  renderGroupImage: renderDocs.GroupMutation,
  imageNode: renderDocs.ImageNodeQuery,
  avatar: avaturnDocs.AvatarQuery,
  sceneImage: avaturnDocs.SceneImageQuery,
  customization: avaturnDocs.CustomizationQuery,
  customizeAvatar: avaturnDocs.CustomizeAvatarMutation,
  exportAvatar: avaturnDocs.ExportAvatarMutation,
  createEditorSession: avaturnDocs.CreateEditorSessionMutation,
  startAvatarUpload: avaturnDocs.StartAvatarUploadMutation,
  deleteAvatar: avaturnDocs.DeleteAvatarMutation,
  node: avaturnDocs.NodeQuery,
  nodes: FuzzNodesQuery,
  poses: FuzzPosesQuery,
  viewer: FuzzViewerQuery,
};

/** Documents with several render fields: a field error there must not leave sibling renders running. */
const RENDERING = new Set(['mixedGallery', 'twoGalleries', 'samePose', 'nested', 'motion']);
const CODES = new Set<string>(Object.values(ErrorCode));
const STACK = /\bat .+:\d+:\d+|node_modules|\/src\/|\/work\//;

/** Every input field name in the schema: fuzzed objects use them as keys, so values reach past coercion. */
const INPUT_KEYS = Object.values(schema.getTypeMap())
  .filter((t): t is GraphQLInputObjectType => t instanceof GraphQLInputObjectType)
  .flatMap((t) => Object.keys(t.getFields()));

function variablesOf(document: DocumentNode): Array<[string, GraphQLInputType]> {
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  return (operation?.variableDefinitions ?? []).map((v) => [v.variable.name.value, typeFromAST(schema, v.type) as GraphQLInputType]);
}

interface Reply {
  status: number;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

/**
 * Whether an answer shows something an upstream call was needed for: a render (an AvatarImage
 * id), a customization, a successful mutation, or an upstream failure. Anything else must have
 * cost no call at all.
 */
function showsUpstreamWork(reply: Reply): boolean {
  if (reply.body.errors?.some((e) => e.extensions?.code?.startsWith('UPSTREAM_'))) return true;
  const seen = (value: unknown): boolean => {
    if (Array.isArray(value)) return value.some(seen);
    if (!value || typeof value !== 'object') return false;
    const o = value as Record<string, unknown>;
    const typename = typeof o['__typename'] === 'string' ? (o['__typename'] as string) : '';
    if (typename.endsWith('Success') || typename === 'UpstreamError') return true;
    if (typeof o['id'] === 'string' && Buffer.from(o['id'], 'base64').toString().startsWith('AvatarImage:')) return true;
    if (o['customization']) return true;
    return Object.values(o).some(seen);
  };
  return seen(reply.body.data);
}

/**
 * Whether the answer is renderGroupImage refusing `input.zepetoIds` for consent, which only
 * Render-it can judge (consent is given in the ZEPETO app): the one refusal allowed a call, and
 * only a call Render-it refused (404) without billing anything.
 */
function consentRefused(reply: Reply): boolean {
  const result = (reply.body.data as { renderGroupImage?: { __typename?: string; field?: string | null } } | null | undefined)?.renderGroupImage;
  return result?.__typename === 'ValidationError' && result.field === 'input.zepetoIds';
}

describe('GraphQL variables (property-based)', () => {
  let gw: RenderGateway;
  let token: string;
  let baseline: ProcessState;
  let world: World;
  const upstreamCalls = () => gw.renderIt.calls.length + gw.sandbox.avaturn!.calls.length;
  const callLog = () => [...gw.renderIt.calls.map((c) => `render-it ${c.path}`), ...gw.sandbox.avaturn!.calls.map((c) => `avaturn ${c.method} ${c.path}`)];

  beforeAll(async () => {
    gw = await startRenderGateway({ RENDERIT_TPS: '10000', SCENE_RENDER_WAIT_MS: '0', WATCHDOG_INTERVAL_MS: '600000', RENDER_BUDGET_UNITS: '20' });
    token = await gw.token(OWNER);
    const own = await gw.zepetoAvatar(OWNER);
    const second = await gw.zepetoAvatar(OWNER);
    const foreign = await gw.zepetoAvatar('fuzz-stranger');
    const avaturn = await readyAvatar(gw, token);
    const rendered = await gw.execute(renderDocs.ImageQuery, { id: own.id, pose: 'PO_2' }, { token });
    const imageId = rendered.data!.avatar!.image.id;
    // From here on only the requests under test may reach an upstream (no webhook-driven confirmations).
    gw.sandbox.faults.avaturn.update({ webhookDropRate: 1 });
    const poses = [...gw.services.catalog.poses.map((p) => p.key).slice(0, 8), encodeGlobalID('Pose', 'ZEPETO:PO_2'), 'common/preview'];
    const avatars = [own.id, second.id, foreign.id, avaturn];
    const ids = [...avatars, imageId, own.record.id];
    world = {
      any: [...ids, ...poses, '#ff0000', 'MALE', 'W3840'],
      byName: { id: ids, a: avatars, b: avatars, avatars, avatarId: avatars, ids, pose: poses, poses, p1: poses, p2: poses, p3: poses, p4: poses, p5: poses, other: poses, color: ['#ff0000', '#00ff0080', 'red'] },
      keys: INPUT_KEYS,
    };
    baseline = processState();
  });
  afterAll(() => gw?.stop());

  for (const [name, document] of Object.entries(DOCUMENTS)) {
    it(`${name}: never a 5xx, an unmasked error, a changed builtin, or an upstream call for refused input`, async () => {
      const variables = variablesOf(document);
      const given = fc.tuple(
        ...variables.map(([variable, type]) => {
          const value = shapedLike(type, variable, world);
          // Required variables are always sent (a missing one never gets past validation).
          return (type instanceof GraphQLNonNull ? value : fc.option(value, { nil: undefined })).map((v) => [variable, v] as const);
        }),
      );
      const extra = fc.oneof(
        { weight: 9, arbitrary: fc.constant<Array<[string, Json]>>([]) },
        { weight: 1, arbitrary: fc.tuple(fc.constantFrom('__proto__', 'constructor', 'toString'), anyJson(world.any, world.keys)).map((e) => [e]) },
      );
      const shaped = fc
        .tuple(given, extra)
        .map(([parts, more]) => new JsonObject([...parts.filter((p): p is readonly [string, Json] => p[1] !== undefined), ...more]));
      const variablesArb: fc.Arbitrary<Json> = fc.oneof({ weight: 19, arbitrary: shaped }, { weight: 1, arbitrary: anyJson(world.any, world.keys) });
      const query = print(document);

      await fc.assert(
        fc.asyncProperty(variablesArb, fc.constantFrom<string | undefined>('owner', 'owner', 'owner', undefined, 'garbage'), async (vars, who) => {
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (who) headers['authorization'] = `Bearer ${who === 'owner' ? token : 'not.a.jwt'}`;
          const before = upstreamCalls();
          const renderCallsBefore = gw.renderIt.calls.length;
          const logBefore = callLog();
          const res = await request(`${gw.url}/graphql`, { method: 'POST', headers, body: `{"query":${JSON.stringify(query)},"variables":${toJson(vars)}}` });
          const text = await res.body.text();
          const reply: Reply = { status: res.statusCode, body: JSON.parse(text) as Reply['body'] };
          const made = upstreamCalls() - before;
          // Should a field error ever leave sibling renders running, let them land in this run's count.
          if (RENDERING.has(name) && reply.body.errors?.some((e) => 'path' in e)) await sleep(25);
          expect(reply.status, text).toBeLessThan(500);
          for (const error of reply.body.errors ?? []) {
            expect(CODES.has(error.extensions?.code ?? ''), text).toBe(true);
            expect(error.extensions?.code, text).not.toBe(ErrorCode.INTERNAL_SERVER_ERROR);
            expect(error.message, text).not.toMatch(STACK);
          }
          expect(changedBetween(baseline, processState())).toEqual([]);
          const consentCalls = consentRefused(reply) ? gw.renderIt.calls.slice(renderCallsBefore) : [];
          expect(consentCalls.filter((c) => c.status !== 404 || c.images !== 0), text).toEqual([]);
          if (!showsUpstreamWork(reply)) expect(made - consentCalls.length, `upstream calls ${JSON.stringify(callLog().filter((c) => !logBefore.includes(c)))} for: ${text}`).toBe(0);
        }),
        { seed: SEED, numRuns: RUNS },
      );
    });
  }

  // Found by this suite: an unknown pose in one render field nulls the avatar and the answer
  // reports cost 0, while the other fields' batch used to go to Render-it after the answer (one
  // Multi Images call of 6 billed images): billed, never returned.
  it('sends no render after an answer that refused the operation', async () => {
    const own = await gw.zepetoAvatar(OWNER);
    const before = gw.renderIt.calls.length;
    const poses = { poses: ['PO_2', 'PO_3'], p1: 'no-such-pose', p2: 'PO_4', p3: 'PO_5', p4: 'PO_6', p5: 'PO_7' };
    const result = await gw.execute(renderDocs.MixedGalleryQuery, { id: own.id, ...poses }, { token });
    expect(result.data?.avatar).toBeNull();
    expect(result.extensions?.['cost']).toMatchObject({ units: 0 });
    await sleep(300);
    expect(gw.renderIt.calls.length - before).toBe(0);
  });

  it('gives request errors a code of the ErrorCode table', async () => {
    const res = await request(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ poses { edges { cursor } } }","variables":true}' });
    const body = (await res.body.json()) as Reply['body'];
    expect(body.errors?.map((e) => Object.values(ErrorCode).includes(e.extensions?.code as ErrorCode))).toEqual([true]);
  });

  it('still serves a valid request afterwards', async () => {
    const own = await gw.zepetoAvatar(OWNER);
    const result = await gw.execute(renderDocs.ImageQuery, { id: own.id, pose: 'PO_3' }, { token });
    expect(result.errors).toBeUndefined();
    expect(result.data!.avatar!.image.url).toMatch(/^http/);
  });
});
