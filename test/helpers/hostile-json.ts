import fc from 'fast-check';
import {
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLScalarType,
  type GraphQLInputType,
} from 'graphql';

/**
 * JSON as text, built from a tree: a JavaScript object cannot hold an own `__proto__` key that
 * `JSON.stringify` would write, and those keys are what a hostile client sends. `RawNumber` is a
 * number literal JSON.parse reads as Infinity, 0 or a rounded integer.
 */
export class JsonObject {
  constructor(readonly entries: ReadonlyArray<readonly [string, Json]>) {}
}
class RawNumber {
  constructor(readonly text: string) {}
}
export type Json = null | boolean | number | string | RawNumber | JsonObject | Json[];

export function toJson(value: Json): string {
  if (value instanceof JsonObject) return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`).join(',')}}`;
  if (value instanceof RawNumber) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  return JSON.stringify(value);
}

/** Keys that reach builtins when code walks or merges objects carelessly. */
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'then', '__defineGetter__', 'call'];

const rawNumbers = fc.constantFrom('1e999', '-1e999', '1e-999', '123456789012345678901234567890', '-0', '2147483648', '9007199254740993');

/**
 * Strings a fuzzer should try besides random ones: the real ids and keys of the test's world
 * (`plausible`), empty and huge strings, control and lone-surrogate characters, encodings of ids.
 */
function strings(plausible: readonly string[]): fc.Arbitrary<string> {
  const known = plausible.length ? fc.constantFrom(...plausible) : undefined;
  const world = known ? [{ weight: 6, arbitrary: known }] : [];
  return fc.oneof(
    ...world,
    fc.string({ maxLength: 20 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.constantFrom('', ' ', 'null', '0', '-1', 'Node:', 'ZepetoAvatar:x', 'W640', '../..', '%00', '\u0000', '\ud800', 'a'.repeat(10_000)),
    fc.base64String({ maxLength: 40 }),
    ...(known ? [known.map((s) => Buffer.from(`${s}x`).toString('base64'))] : []),
  );
}

function scalars(plausible: readonly string[]): fc.Arbitrary<Json> {
  return fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.constantFrom(0, -1, 1, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, 0.5, -0.000001, 1e308),
    fc.double({ noNaN: true }),
    rawNumbers.map((t) => new RawNumber(t)),
    strings(plausible),
  );
}

/** Any JSON value, with hostile and known keys in its objects, a few levels deep. */
export function anyJson(plausible: readonly string[] = [], knownKeys: readonly string[] = []): fc.Arbitrary<Json> {
  const key = fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom(...HOSTILE_KEYS), ...(knownKeys.length ? [fc.constantFrom(...knownKeys)] : []));
  const { value } = fc.letrec<{ value: Json }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalars(plausible),
      fc.array(tie('value'), { maxLength: 5 }),
      fc.array(fc.tuple(key, tie('value')), { maxLength: 6 }).map((entries) => new JsonObject(entries)),
    ),
  }));
  return value;
}

/**
 * The real values of the test's world: `byName` for a variable or input field of that name (ids
 * of avatars for `id`, pose keys for `pose`), `any` elsewhere.
 */
export interface World {
  any: readonly string[];
  byName: Readonly<Record<string, readonly string[]>>;
  keys: readonly string[];
}

/**
 * Values of `type` (so most get past coercion into resolvers) with random leaves, the real ids of
 * the test's world, nulls and omissions where allowed; and, one time in ten at every level, any
 * JSON at all, an unknown or hostile key, or an overlong list in place of the expected part.
 */
export function shapedLike(type: GraphQLInputType, name: string, world: World, depth = 0): fc.Arbitrary<Json> {
  const wild = anyJson(world.any, world.keys);
  const typed = depth > 4 ? wild : ofType(type, name, world, depth);
  return fc.oneof({ weight: 9, arbitrary: typed }, { weight: 1, arbitrary: wild });
}

function ofType(type: GraphQLInputType, name: string, world: World, depth: number): fc.Arbitrary<Json> {
  if (!(type instanceof GraphQLNonNull)) {
    return fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 5, arbitrary: ofNamed(type, name, world, depth) });
  }
  return ofNamed(type.ofType, name, world, depth);
}

function ofNamed(type: GraphQLInputType, name: string, world: World, depth: number): fc.Arbitrary<Json> {
  if (type instanceof GraphQLNonNull) return ofNamed(type.ofType, name, world, depth);
  if (type instanceof GraphQLList) {
    const item = shapedLike(type.ofType, name, world, depth + 1);
    // A single value stands for a list of one (input coercion); long lists test the limits.
    return fc.oneof(
      { weight: 6, arbitrary: fc.array(item, { maxLength: 6 }) },
      { weight: 2, arbitrary: item },
      { weight: 1, arbitrary: fc.array(item, { minLength: 30, maxLength: 80 }) },
    );
  }
  if (type instanceof GraphQLEnumType) {
    return fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...type.getValues().map((v) => v.name)) }, { weight: 1, arbitrary: strings([]) });
  }
  if (type instanceof GraphQLInputObjectType) {
    const fields = Object.values(type.getFields()).map((f) => {
      const value = shapedLike(f.type, f.name, world, depth + 1).map((v) => [f.name, v] as const);
      return f.type instanceof GraphQLNonNull ? value.map((e) => [e]) : fc.option(value, { nil: undefined }).map((e) => (e ? [e] : []));
    });
    const extra = fc.oneof(
      { weight: 8, arbitrary: fc.constant([]) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...HOSTILE_KEYS), anyJson(world.any, world.keys)).map((e) => [e]) },
    );
    return fc.tuple(...fields, extra).map((parts) => new JsonObject(parts.flat()));
  }
  if (type instanceof GraphQLScalarType && type.name === 'Int') {
    return fc.oneof(fc.integer({ min: -5, max: 100 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.constantFrom(0, 1, 60, 1000));
  }
  if (type instanceof GraphQLScalarType && type.name === 'Float') return fc.oneof(fc.integer({ min: -60, max: 60 }), fc.double({ noNaN: true, noDefaultInfinity: true }));
  if (type instanceof GraphQLScalarType && type.name === 'Boolean') return fc.boolean();
  return strings(world.byName[name] ?? world.any);
}
