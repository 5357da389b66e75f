import { isAbstractType } from 'graphql';
import { describe, expect, it } from 'vitest';
import committed from '../../schema/possible-types.json' with { type: 'json' };
import { schema } from '../../src/schema/index.js';

describe('schema/possible-types.json', () => {
  it("lists every union and interface with its object types, as the schema has them (run `npm run codegen` when it differs)", () => {
    const expected = Object.fromEntries(
      Object.values(schema.getTypeMap())
        .filter(isAbstractType)
        .filter((t) => !t.name.startsWith('__'))
        .map((t) => [t.name, schema.getPossibleTypes(t).map((m) => m.name).sort()] as const)
        .sort(([a], [b]) => a.localeCompare(b)),
    );
    expect(committed).toEqual({ possibleTypes: expected });
  });
});
