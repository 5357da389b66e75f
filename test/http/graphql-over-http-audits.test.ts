import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.stop());

describe('GraphQL over HTTP conformance (graphql-http serverAudits)', () => {
  // The audits are generated against the started server's real port.
  const audits = serverAudits({ url: () => `${gw.url}/graphql`, fetchFn: fetch });
  for (const audit of audits) {
    const must = audit.name.startsWith('MUST');
    it(`${audit.id} ${audit.name}`, async () => {
      const result = await audit.fn();
      if (must) expect(result.status, result.status === 'ok' ? '' : result.reason).toBe('ok');
      else expect(['ok', 'warn']).toContain(result.status);
    });
  }
});
