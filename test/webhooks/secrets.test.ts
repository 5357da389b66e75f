import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../src/auth/mint-token.js';
import { createLogger } from '../../src/logging/logger.js';
import { startGateway } from '../../src/server/start-gateway.js';
import { createAvatarUpload, createResult, readyAvatar } from '../helpers/avatar-flows.js';
import { ExportAvatarMutation, StartAvatarUploadMutation } from '../helpers/documents/avatars.js';
import type { TestGateway } from '../helpers/gateway.js';
import { deliver, sign } from '../helpers/webhooks.js';
import { expectTypename } from '../helpers/results.js';

const TOKEN = 'secret-path-token-0123456789abcdef';
const SECRET = `whsec_${Buffer.from('a-webhook-secret-for-the-log-test').toString('base64')}`;
const API_KEY = 'sandbox-avaturn-key';

describe('secrets in answers and logs', () => {
  const logs: string[] = [];
  let gw: TestGateway;
  beforeAll(async () => {
    const logger = createLogger('debug', { write: (line: string) => void logs.push(line) });
    const running = await startGateway(
      { PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test', SANDBOX_PROCESSING_DELAY_MS: '50', AVATURN_WEBHOOK_TOKEN: TOKEN, AVATURN_WEBHOOK_SECRET: SECRET },
      { logger, drainTimeoutMs: 2_000 },
    );
    gw = {
      ...running,
      token: (sub) => mintToken(sub, running.config.auth.jwtSecret!),
      async execute(document, variables, options = {}) {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (options.token) headers['authorization'] = `Bearer ${options.token}`;
        const res = await running.app.yoga.fetch(`${running.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query: print(document), variables }) });
        return (await res.json()) as never;
      },
    };
  });
  afterAll(() => gw.stop());

  it('never shows the webhook token, the signing secret, the API key, JWTs or upload URLs', async () => {
    const jwt = await gw.token('secret-keeper');
    const answers: string[] = [];
    // Refused deliveries: wrong token, missing and wrong signatures.
    answers.push((await deliver(gw, '{}', { token: `${TOKEN}x` })).body);
    answers.push((await deliver(gw, '{"event":"avatar.ready"}', { token: TOKEN })).body);
    answers.push((await deliver(gw, '{"event":"avatar.ready"}', { token: TOKEN, headers: sign(`whsec_${Buffer.from('wrong-secret-wrong-secret').toString('base64')}`, '{}') })).body);
    // A whole flow with signed deliveries, an export, and an upload that fails upstream.
    const id = await readyAvatar(gw, jwt);
    answers.push(JSON.stringify(await gw.execute(ExportAvatarMutation, { id }, { token: jwt })));
    const started = await gw.execute(StartAvatarUploadMutation, { input: { bodyType: 'MALE' } }, { token: jwt });
    const { uploadUrl } = expectTypename(started.data!.startAvatarUpload, 'StartAvatarUploadSuccess');
    const uploadToken = new URL(uploadUrl).searchParams.get('token')!;
    gw.app.sandbox!.faults.avaturn.update({ errorRate: 1, errorStatuses: [500] });
    const failed = await createAvatarUpload(gw, jwt);
    gw.app.sandbox!.faults.avaturn.reset();
    answers.push(failed.text);
    expect(createResult(failed)).toMatchObject({ __typename: 'UpstreamError', code: 'UPSTREAM_UNAVAILABLE' });

    const everything = [...answers, ...logs].join('\n');
    expect(logs.length).toBeGreaterThan(10);
    for (const secret of [TOKEN, SECRET, SECRET.slice(6), API_KEY, jwt, uploadToken]) expect(everything).not.toContain(secret);
  });
});
