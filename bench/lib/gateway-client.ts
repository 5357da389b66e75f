import { SignJWT } from 'jose';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';

/**
 * The benches talk to a gateway the way a client does: a JWT signed with the gateway's HS256
 * secret, GraphQL over HTTP, avatars connected through the public ZEPETO login flow. Nothing
 * here reaches into the gateway's modules, so the benches survive moves inside src/.
 */
export interface GatewayClient {
  url: string;
  token: string;
  /** POSTs an operation; throws on GraphQL errors (their first 500 characters). */
  graphql<T = unknown>(query: string, variables?: Record<string, unknown>): Promise<{ data: T; extensions?: Record<string, unknown> }>;
}

export interface ConnectedAvatar {
  /** The gateway's global id. */
  id: string;
  zepetoId: string;
}

export async function mintBenchToken(secret: string, userId: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime('6h')
    .sign(new TextEncoder().encode(secret));
}

export async function gatewayClient(url: string, secret: string, userId: string): Promise<GatewayClient> {
  const token = await mintBenchToken(secret, userId);
  return {
    url,
    token,
    async graphql<T>(query: string, variables: Record<string, unknown> = {}) {
      const res = await request(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
        headersTimeout: 120_000,
        bodyTimeout: 120_000,
      });
      const body = (await res.body.json()) as { data: T; errors?: unknown[]; extensions?: Record<string, unknown> };
      if (body.errors) throw new GraphqlErrors(body.errors);
      return body;
    },
  };
}

export class GraphqlErrors extends Error {
  override name = 'GraphqlErrors';
  constructor(readonly errors: unknown[]) {
    super(`GraphQL errors: ${JSON.stringify(errors).slice(0, 500)}`);
  }
}

const CONNECT = `mutation BenchConnect { connectZepetoAccount { __typename ... on ConnectZepetoAccountSuccess { session { id } } ... on Error { code message } } }`;
const AVATARS = `query BenchAvatars($after: String) {
  viewer { avatars(provider: ZEPETO, first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id ... on ZepetoAvatar { zepetoId } }
  } }
}`;

interface AvatarsPage {
  viewer: { avatars: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: ConnectedAvatar[] } };
}

/** Every ZepetoAvatar of the client's user, oldest first. */
async function listAvatars(client: GatewayClient): Promise<ConnectedAvatar[]> {
  const all: ConnectedAvatar[] = [];
  let after: string | null = null;
  for (;;) {
    const page: { data: AvatarsPage } = await client.graphql<AvatarsPage>(AVATARS, { after });
    all.push(...page.data.viewer.avatars.nodes);
    if (!page.data.viewer.avatars.pageInfo.hasNextPage) return all;
    after = page.data.viewer.avatars.pageInfo.endCursor;
  }
}

/**
 * Starts a ZEPETO login, lets `complete` play the person scanning the QR code (the fake
 * Render-it connects at once and needs none), and waits until the gateway's login poller has
 * turned the connected IDs into avatars: at least `atLeast` of them in all.
 */
export async function connectAvatars(
  client: GatewayClient,
  atLeast: number,
  complete?: (sessionId: string) => Promise<void>,
): Promise<ConnectedAvatar[]> {
  const { data } = await client.graphql<{ connectZepetoAccount: { __typename: string; session?: { id: string }; code?: string } }>(CONNECT);
  const session = data.connectZepetoAccount.session;
  if (!session) throw new Error(`connectZepetoAccount answered ${JSON.stringify(data.connectZepetoAccount)}`);
  await complete?.(session.id);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const avatars = await listAvatars(client);
    if (avatars.length >= atLeast) return avatars;
    if (Date.now() > deadline) throw new Error(`only ${avatars.length} of ${atLeast} ZEPETO avatars connected after 30 s`);
    await sleep(200);
  }
}
