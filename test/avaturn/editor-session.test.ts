import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { recordOf } from '../helpers/webhooks.js';
import { CreateEditorSessionMutation } from '../helpers/documents/avatars.js';
import { createAvatar, readyAvatar, sandboxCalls } from '../helpers/avatar-flows.js';
import { expectTypename } from '../helpers/results.js';

let gw: TestGateway;
let token: string;
let id: string;
beforeAll(async () => {
  gw = await startTestGateway();
  token = await gw.token('editor-owner');
  id = await readyAvatar(gw, token);
});
afterAll(() => gw.stop());

const session = (input: Record<string, unknown>, as = token) => gw.execute(CreateEditorSessionMutation, { input: input as never }, { token: as });

describe('createEditorSession', () => {
  it.each<[{ kind?: string }, boolean]>([
    [{ kind: 'CREATE' }, false],
    [{ kind: 'CREATE_OR_EDIT_EXISTING' }, false],
    [{}, false],
  ])('opens a %o session for the viewer', async (input, withAvatar) => {
    const success = expectTypename((await session(input)).data!.createEditorSession, 'CreateEditorSessionSuccess');
    expect(success.kind).toBe(input.kind ?? 'CREATE_OR_EDIT_EXISTING');
    expect(success.avatar !== null).toBe(withAvatar);
    const page = await request(success.url);
    expect(page.statusCode).toBe(200);
    expect(await page.body.text()).toContain('Avaturn sandbox editor');
  });

  it('edits an existing avatar, which invalidates its exports and renders', async () => {
    const before = await recordOf(gw, id);
    for (const kind of ['EDIT_EXISTING', 'CREATE_OR_EDIT_EXISTING']) {
      const success = expectTypename((await session({ kind, avatarId: id })).data!.createEditorSession, 'CreateEditorSessionSuccess');
      expect(success).toMatchObject({ kind, avatar: { id } });
      const page = await request(success.url);
      expect(await page.body.text()).toContain(`<li class="selected">${before.avaturnAvatarId}`);
    }
    expect((await recordOf(gw, id)).customizationVersion).toBe(before.customizationVersion + 2);
  });

  it('refuses EDIT_EXISTING without an avatar and CREATE with one, before any call', async () => {
    const calls = sandboxCalls(gw, 'POST', '/sessions/new').length;
    expect((await session({ kind: 'EDIT_EXISTING' })).data!.createEditorSession).toMatchObject({ __typename: 'ValidationError', field: 'input.avatarId' });
    expect((await session({ kind: 'CREATE', avatarId: id })).data!.createEditorSession).toMatchObject({ __typename: 'ValidationError', field: 'input.avatarId' });
    expect(sandboxCalls(gw, 'POST', '/sessions/new').length).toBe(calls);
  });

  it("answers NOT_FOUND for another user's avatar and CONFLICT for one not ready", async () => {
    const stranger = await session({ kind: 'EDIT_EXISTING', avatarId: id }, await gw.token('editor-stranger'));
    expect(stranger.data!.createEditorSession).toMatchObject({ __typename: 'NotFoundError' });
    const processing = await createAvatar(gw, token);
    expect((await session({ kind: 'EDIT_EXISTING', avatarId: processing })).data!.createEditorSession).toMatchObject({ __typename: 'ConflictError' });
  });
});
