import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { PayloadTooLargeError, ValidationError } from '../../src/errors/app-error.js';
import { parseOperations, planUploads, type MultipartOperation } from '../../src/uploads/upload-map.js';

const schema = buildSchema(`
  scalar Upload
  input PhotoInput { file: Upload!, caption: String, extra: [Upload!] }
  input Nested { photo: PhotoInput!, photos: [PhotoInput!] }
  type Query { ok: Boolean }
  type Mutation {
    one(f: Upload!): Boolean
    many(files: [Upload!]!): Boolean
    nested(input: Nested!): Boolean
    text(s: String): Boolean
  }
`);

const QUERY = `mutation Up($f: Upload!, $files: [Upload!]!, $input: Nested!, $s: String, $toString: Upload) {
  one(f: $f) many(files: $files) nested(input: $input) text(s: $s) }`;

const operation = (variables: Record<string, unknown>, extra: Partial<MultipartOperation> = {}): MultipartOperation => ({
  query: QUERY,
  variables,
  ...extra,
});
const variables = () => ({
  f: null,
  files: [null, null],
  input: { photo: { file: null, caption: null, extra: [null] }, photos: [{ file: null }] },
  s: null,
  toString: null,
});
const plan = (map: unknown, op: MultipartOperation = operation(variables())) => planUploads(schema, op, JSON.stringify(map));
const refusal = (map: unknown, op?: MultipartOperation) => {
  try {
    plan(map, op);
  } catch (err) {
    return err;
  }
  throw new Error(`accepted ${JSON.stringify(map)}`);
};

describe('parseOperations', () => {
  it('takes one operation object and refuses batches and other shapes', () => {
    expect(parseOperations('{"query":"{ ok }","variables":{"a":1}}')).toEqual({ query: '{ ok }', variables: { a: 1 } });
    for (const raw of ['[{"query":"{ ok }"}]', '{nope', '"x"', 'null', '{"query":1}', '{"query":"{ ok }","variables":[]}', '{"query":"{ok}","operationName":3}']) {
      expect(() => parseOperations(raw), raw).toThrow(ValidationError);
    }
    expect(() => parseOperations('[{"query":"{ ok }"}]')).toThrow(/batched operations .* are not supported/);
  });
});

describe('planUploads', () => {
  it('places files on declared Upload variables, through input objects and list indexes', () => {
    const op = operation(variables());
    const targets = plan(
      { 0: ['variables.f'], 1: ['variables.files.1'], a: ['variables.input.photo.extra.0'] },
      op,
    );
    expect(targets.map((t) => [t.partName, t.path, t.key])).toEqual([
      ['0', 'variables.f', 'f'],
      ['1', 'variables.files.1', 1],
      ['a', 'variables.input.photo.extra.0', 0],
    ]);
    expect(targets[1]!.container).toBe(op.variables!['files']);
    // Planning only reads: nothing is placed yet.
    expect(op.variables).toEqual(variables());
    expect(plan({ x: ['variables.input.photos.0.file'] })).toHaveLength(1);
    expect(plan({})).toEqual([]);
  });

  it.each([
    ['toString.call', 'variables.toString.call'],
    ['hasOwnProperty.call', 'variables.hasOwnProperty.call'],
    ['valueOf', 'variables.valueOf'],
    ['__proto__', 'variables.__proto__.x'],
    ['constructor.prototype', 'variables.constructor.prototype.x'],
    ['prototype', 'variables.f.prototype'],
    ['a path into the query', 'query.x'],
    ['operationName', 'operationName'],
    ['the variables object itself', 'variables'],
    ['an undeclared variable', 'variables.notDeclared'],
    ['a String variable', 'variables.s'],
    ['an index into a non-list', 'variables.f.0'],
    ['a property of an Upload', 'variables.f.call'],
    ['an inherited method of a list', 'variables.files.map'],
    ['an index past the list', 'variables.files.2'],
    ['a padded index', 'variables.files.01'],
    ['a negative index', 'variables.files.-1'],
    ['a field the input type lacks', 'variables.input.photo.toString'],
    ['a String field', 'variables.input.photo.caption'],
    ['the input object itself', 'variables.input.photo'],
    ['an empty segment', 'variables..f'],
    ['a trailing dot', 'variables.f.'],
  ])('refuses %s (%s)', (_what, path) => {
    const err = refusal({ 0: [path] });
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toMatch(/^Invalid multipart request: map path /);
  });

  it('refuses a declared Upload variable that is not null, or absent, in the variables', () => {
    expect(refusal({ 0: ['variables.f'] }, operation({ ...variables(), f: 'x' }))).toBeInstanceOf(ValidationError);
    expect(refusal({ 0: ['variables.f'] }, operation({ ...variables(), f: {} }))).toBeInstanceOf(ValidationError);
    const { f: _f, ...withoutF } = variables();
    expect(refusal({ 0: ['variables.f'] }, operation(withoutF))).toBeInstanceOf(ValidationError);
    // `toString` is declared ($toString) but only an own property counts.
    const { toString: _t, ...withoutToString } = variables();
    expect(refusal({ 0: ['variables.toString'] }, operation(withoutToString))).toBeInstanceOf(ValidationError);
    expect(plan({ 0: ['variables.toString'] })).toHaveLength(1);
    expect(refusal({ 0: ['variables.f'] }, { query: QUERY })).toBeInstanceOf(ValidationError);
  });

  it('refuses a map that is not one path per part, repeats a path or names too many parts', () => {
    for (const map of [[], null, 'x', { 0: 'variables.f' }, { 0: [] }, { 0: ['variables.f', 'variables.files.0'] }, { 0: [1] }]) {
      expect(refusal(map), JSON.stringify(map)).toBeInstanceOf(ValidationError);
    }
    expect(refusal({ 0: ['variables.f'], 1: ['variables.f'] })).toBeInstanceOf(ValidationError);
    expect(refusal({ operations: ['variables.f'] })).toBeInstanceOf(ValidationError);
    expect(refusal({ 'a b': ['variables.f'] })).toBeInstanceOf(ValidationError);
    // JSON.parse makes "__proto__" an own key (an object literal would set the prototype instead).
    expect(() => planUploads(schema, operation(variables()), '{"__proto__":["variables.f"]}')).toThrow(ValidationError);
    expect(refusal({ 0: ['variables.f'], 1: ['variables.files.0'], 2: ['variables.files.1'], 3: ['variables.toString'] })).toBeInstanceOf(
      PayloadTooLargeError,
    );
  });

  it('needs a query that parses and names one operation', () => {
    const map = { 0: ['variables.f'] };
    expect(refusal(map, operation(variables(), { query: 'mutation {' }))).toBeInstanceOf(ValidationError);
    const two = `${QUERY} query Other { ok }`;
    expect(refusal(map, operation(variables(), { query: two }))).toBeInstanceOf(ValidationError);
    expect(plan(map, operation(variables(), { query: two, operationName: 'Up' }))).toHaveLength(1);
    expect(refusal(map, operation(variables(), { query: two, operationName: 'Missing' }))).toBeInstanceOf(ValidationError);
    expect(refusal(map, operation(variables(), { query: `mutation ($f: NoSuchType) { one(f: $f) }` }))).toBeInstanceOf(ValidationError);
  });
});
