import { readFileSync } from 'node:fs';
import { buildSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { PLUGIN_ORDER, builder } from '../src/schema/builder.js';
import { schema } from '../src/schema/index.js';

const sdl = (s: string) => printSchema(lexicographicSortSchema(buildSchema(s)));

describe('schema', () => {
  it('matches the committed schema/schema.graphql (run `npm run codegen` after changing types)', () => {
    const committed = readFileSync(new URL('../schema/schema.graphql', import.meta.url), 'utf8');
    expect(sdl(committed)).toBe(sdl(printSchema(schema)));
  });

  it('registers the Pothos plugins in the documented order', () => {
    expect(builder.options.plugins).toEqual([...PLUGIN_ORDER]);
  });

  it('exposes the contract names of DESIGN.md', () => {
    for (const name of ['Node', 'Pose', 'AvatarProvider', 'AvatarStatus', 'RenderStatus', 'PoseKind', 'BodyType', 'ImageFormat', 'ImageQuality', 'DateTime', 'URL', 'Upload']) {
      expect(schema.getType(name), name).toBeDefined();
    }
    const query = schema.getQueryType()!.getFields();
    for (const field of ['node', 'nodes', 'viewer', 'poses', 'pose']) expect(query[field], field).toBeDefined();
  });
});
