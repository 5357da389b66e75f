/**
 * Child process: the bare graphql-yoga baseline of the single-image bench. One resolver makes
 * the same call the gateway makes for an uncached image (undici POST to Render-it's Single
 * Image, `redirect=false`, through a Pool shaped like the gateway's: 16 connections, no
 * pipelining) and the query has the gateway's shape and answer
 * (`avatar(id) { image(pose, quality) { url width height } }`). Nothing else: no auth, no
 * cache, no limits, no metrics. That is the point: the gateway's cost above this is its own.
 * Env: BARE_UPSTREAM_URL, BARE_UPSTREAM_KEY. Reports `{ type: 'ready', url }` over IPC.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSchema, createYoga } from 'graphql-yoga';
import { Pool } from 'undici';

const upstream = new Pool(process.env['BARE_UPSTREAM_URL']!, {
  connections: 16,
  pipelining: 1,
  headersTimeout: 15_000,
  bodyTimeout: 30_000,
  keepAliveTimeout: 4_000,
});
const authorization = `Bearer ${process.env['BARE_UPSTREAM_KEY']}`;
const QUALITIES = ['W160', 'W240', 'W320', 'W480', 'W640', 'W960', 'W1280', 'W1600', 'W1920', 'W2560', 'W3200', 'W3840'];

const schema = createSchema<Record<string, never>>({
  // No /* GraphQL */ tag here: codegen reads bench/ for documents and would take this SDL for one.
  typeDefs: `
    enum ImageQuality { ${QUALITIES.join(' ')} }
    type AvatarImage { url: String width: Int! height: Int }
    type Avatar { id: ID! image(pose: ID!, quality: ImageQuality! = W640): AvatarImage! }
    type Query { avatar(id: ID!): Avatar }
  `,
  resolvers: {
    Query: { avatar: (_: unknown, args: { id: string }) => ({ id: args.id }) },
    Avatar: {
      image: async (avatar: { id: string }, args: { pose: string; quality: string }) => {
        const res = await upstream.request({
          method: 'POST',
          path: `/services/biz/openApi/photos/${encodeURIComponent(args.pose)}?quality=${args.quality}&redirect=false`,
          headers: { 'content-type': 'application/json', authorization },
          body: JSON.stringify({ targets: [{ zepetoId: avatar.id }] }),
        });
        if (res.statusCode !== 200) {
          await res.body.dump();
          throw new Error(`Render-it answered ${res.statusCode}`);
        }
        const { url } = (await res.body.json()) as { url: string };
        const width = Number(args.quality.slice(1));
        return { url, width, height: Math.round(width * 1.25) };
      },
    },
  },
});

const yoga = createYoga({ schema, graphqlEndpoint: '/graphql', landingPage: false, graphiql: false, logging: false });
const server = createServer({ keepAliveTimeout: 5_000 }, yoga);
server.listen(0, '127.0.0.1');
await once(server, 'listening');
process.on('disconnect', () => process.exit(0));
process.send!({ type: 'ready', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
