import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRenderGateway, type RenderGateway } from '../helpers/render-gateway.js';

/**
 * The consent list of the Render-it simulator: besides connected IDs, Render-it pictures people
 * who allowed a connected account to take pictures with them [SEED]; the sandbox pictures such a
 * person only next to an account they allowed.
 */
let gw: RenderGateway;
beforeAll(async () => {
  gw = await startRenderGateway();
  gw.renderIt.connect(['host_a', 'host_b']);
});
afterAll(() => gw.stop());

const base = () => `${gw.url}/sandbox/render-it`;
const consents = (method: 'GET' | 'POST' | 'DELETE', body?: unknown) =>
  fetch(`${base()}/sandbox/consents`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
const render = (...zepetoIds: string[]) =>
  fetch(`${base()}/services/biz/openApi/photos/PO_1?quality=W160&redirect=false`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${gw.config.renderIt.apiKey}` },
    body: JSON.stringify({ targets: zepetoIds.map((zepetoId) => ({ zepetoId })) }),
  }).then((res) => res.status);

describe('render-it sandbox: consents', () => {
  it('grants, lists and withdraws a consent through its sandbox route', async () => {
    const granted = await consents('POST', { zepetoId: 'friend_1', connectedZepetoId: 'host_a' });
    expect(granted.status).toBe(200);
    expect(await granted.json()).toEqual({ consents: [{ zepetoId: 'friend_1', connectedZepetoId: 'host_a' }] });
    const state = (await (await fetch(`${base()}/sandbox/state`)).json()) as { consents: unknown };
    expect(state.consents).toEqual([{ zepetoId: 'friend_1', connectedZepetoId: 'host_a' }]);
    const withdrawn = await consents('DELETE', { zepetoId: 'friend_1', connectedZepetoId: 'host_a' });
    expect(await withdrawn.json()).toEqual({ consents: [] });
  });

  it('refuses a malformed consent with 400', async () => {
    for (const body of [{}, { zepetoId: 'x' }, { zepetoId: '', connectedZepetoId: 'host_a' }, 'nope']) {
      expect((await consents('POST', body)).status, JSON.stringify(body)).toBe(400);
    }
  });

  it('pictures a consenting person only with an account they allowed (404 otherwise, nothing billed)', async () => {
    gw.renderIt.grantConsent('friend_2', 'host_a');
    expect(await render('host_a', 'friend_2')).toBe(200);
    expect(await render('friend_2', 'host_a')).toBe(200);
    expect(await render('friend_2')).toBe(404);
    expect(await render('host_b', 'friend_2')).toBe(404);
    expect(await render('host_a', 'stranger')).toBe(404);
    const refused = gw.renderIt.calls.filter((c) => c.status === 404);
    expect(refused.every((c) => c.images === 0)).toBe(true);
    await consents('DELETE', { zepetoId: 'friend_2', connectedZepetoId: 'host_a' });
    expect(await render('host_a', 'friend_2')).toBe(404);
  });
});
