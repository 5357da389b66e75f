import { readFileSync } from 'node:fs';
import { isScalarType, isSpecifiedScalarType, type GraphQLScalarType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';

const scalar = (name: string) => schema.getType(name) as GraphQLScalarType;

describe('schema: custom scalars', () => {
  it('say what they are with @specifiedBy, every one of them', () => {
    const custom = Object.values(schema.getTypeMap()).filter((t) => isScalarType(t) && !isSpecifiedScalarType(t));
    expect(Object.fromEntries(custom.map((t) => [t.name, (t as GraphQLScalarType).specifiedByURL]))).toEqual({
      DateTime: 'https://scalars.graphql.org/andimarek/date-time',
      URL: 'https://url.spec.whatwg.org/',
      Upload: 'https://github.com/jaydenseric/graphql-multipart-request-spec',
    });
    const sdl = readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8');
    expect(sdl).toContain('scalar DateTime @specifiedBy(url: "https://scalars.graphql.org/andimarek/date-time")');
  });

  it('serialize DateTime as the spec has it on the wire: exactly three fraction digits and Z', () => {
    const form = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
    for (const value of [new Date(0), '2024-01-02T03:04:05Z', '2024-01-02T03:04:05.1+02:00', '2024-01-02T03:04:05.123456Z']) {
      // graphql-scalars may hand a Date to the response, which JSON writes with toISOString.
      expect(JSON.parse(JSON.stringify(scalar('DateTime').serialize(value)))).toMatch(form);
    }
  });

  it('serialize URL as WHATWG URL serializes it', () => {
    expect(scalar('URL').serialize('HTTP://Example.COM/a b')).toBe(new URL('HTTP://Example.COM/a b').href);
  });
});
