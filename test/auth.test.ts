import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../src/auth/mint-token.js';
import { createTokenVerifier } from '../src/auth/verify-token.js';
import { graphql } from './__generated__/gql.js';
import { startTestGateway, type TestGateway } from './helpers/gateway.js';

const ViewerQuery = graphql(`
  query Viewer {
    viewer { userId }
  }
`);

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.stop());

describe('auth', () => {
  it('answers viewer for a valid development token', async () => {
    const result = await gw.execute(ViewerQuery, undefined, { token: await gw.token('alice') });
    expect(result.errors).toBeUndefined();
    expect(result.data!.viewer.userId).toBe('alice');
  });

  it('refuses viewer without a token with UNAUTHENTICATED', async () => {
    const result = await gw.execute(ViewerQuery);
    expect(result.data).toBeNull();
    expect(result.errors![0]!.extensions!['code']).toBe('UNAUTHENTICATED');
  });

  it('refuses a token signed with another secret, an expired token and a malformed header', async () => {
    const forged = await mintToken('alice', 'x'.repeat(40));
    const expired = await mintToken('alice', gw.config.auth.jwtSecret!, { expiresIn: '-1m' });
    for (const headers of [{ authorization: `Bearer ${forged}` }, { authorization: `Bearer ${expired}` }, { authorization: 'Basic abc' }]) {
      const result = await gw.execute(ViewerQuery, undefined, { headers });
      expect(result.errors![0]!.extensions!['code']).toBe('UNAUTHENTICATED');
      // The token never comes back in the error.
      expect(JSON.stringify(result)).not.toContain(forged);
    }
    const exp = await gw.execute(ViewerQuery, undefined, { headers: { authorization: `Bearer ${expired}` } });
    expect(exp.errors![0]!.message).toContain('expired');
  });

  it('leaves public fields open without a token', async () => {
    const result = await gw.execute(graphql(`query PublicPoses { poses(first: 1) { edges { node { key } } } }`));
    expect(result.errors).toBeUndefined();
  });
});

describe('auth with JWKS', () => {
  let jwks: Server;
  let url: string;
  let privateKey: CryptoKey;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey as CryptoKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    }).listen(0, '127.0.0.1');
    await new Promise((r) => jwks.once('listening', r));
    url = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(() => new Promise<void>((r) => jwks.close(() => r())));

  it('verifies RS256 tokens from the key set and checks issuer and audience', async () => {
    const verify = createTokenVerifier({ jwtSecret: undefined, jwksUrl: url, issuer: 'https://idp.test', audience: 'avatars', usingSandboxSecret: false, maxLifetimeSeconds: 86_400 });
    const sign = (claims: { iss: string; aud: string }) =>
      new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('bob').setIssuer(claims.iss).setAudience(claims.aud).setExpirationTime('5m').sign(privateKey);
    await expect(verify(await sign({ iss: 'https://idp.test', aud: 'avatars' }))).resolves.toMatchObject({ userId: 'bob' });
    await expect(verify(await sign({ iss: 'https://evil.test', aud: 'avatars' }))).rejects.toThrow(/claim "iss"/);
    await expect(verify(await mintToken('bob', 'y'.repeat(40)))).rejects.toThrow(/invalid/);
  });
});
