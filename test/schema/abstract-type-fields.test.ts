import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  OverlappingFieldsCanBeMergedRule,
  parse,
  validate,
  type GraphQLAbstractType,
  type GraphQLObjectType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { graphql } from '../__generated__/gql.js';

/**
 * Same-named fields on two possible types of one union or interface must have the same type,
 * or a client that selects both (`... on InvalidPhotoError { field } ... on ValidationError
 * { field }`) is refused by graphql-js, by the server and by codegen alike ("conflicting types").
 *
 * One conflict is kept on purpose: `status` on `Node`. Avatars have `status: AvatarStatus!` and
 * images `status: RenderStatus!`, both names of the public contract (DESIGN.md); a client that
 * asks both in one `nodes(ids:)` selection aliases one of them (the README says so).
 */
const KEPT_ON_PURPOSE = new Set(['Node.status: AvatarStatus! / RenderStatus!']);

interface Conflict {
  key: string;
  where: string;
}

function conflictsOf(abstract: GraphQLAbstractType): Conflict[] {
  const members = schema.getPossibleTypes(abstract);
  const conflicts = new Map<string, Conflict>();
  for (const [i, a] of members.entries()) {
    for (const b of members.slice(i + 1)) {
      const bFields = b.getFields();
      for (const [name, field] of Object.entries(a.getFields())) {
        const other = bFields[name];
        if (!other || String(field.type) === String(other.type)) continue;
        const types = [String(field.type), String(other.type)].sort().join(' / ');
        const key = `${abstract.name}.${name}: ${types}`;
        conflicts.set(key, { key, where: `${a.name}.${name}: ${String(field.type)} vs ${b.name}.${name}: ${String(other.type)}` });
      }
    }
  }
  return [...conflicts.values()];
}

const abstractTypes = Object.values(schema.getTypeMap()).filter(isAbstractType).filter((t) => !t.name.startsWith('__'));

/** `fragment F on <abstract> { ... on A { f } ... on B { f } }` with every field of every member. */
function selectEveryField(abstract: GraphQLAbstractType): string {
  const spread = (member: GraphQLObjectType) => {
    const fields = Object.values(member.getFields()).map((f) => (isCompositeType(getNamedType(f.type)) ? `${f.name} { __typename }` : f.name));
    return `... on ${member.name} { ${fields.join(' ')} }`;
  };
  return `fragment Every${abstract.name} on ${abstract.name} { ${schema.getPossibleTypes(abstract).map(spread).join(' ')} }`;
}

describe('schema: same-named fields across union members and interface implementations', () => {
  it('finds the unions and interfaces to walk', () => {
    const names = abstractTypes.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['Node', 'Avatar', 'Error', 'CreateAvatarResult', 'RenderGroupImageResult']));
  });

  it('gives every same-named field one type on all possible types of each union and interface', () => {
    const found = abstractTypes.flatMap(conflictsOf);
    expect(found.filter((c) => !KEPT_ON_PURPOSE.has(c.key)).map((c) => c.where)).toEqual([]);
    // The exception is still real (not stale): when it goes away, drop it from the list.
    expect(found.map((c) => c.key).sort()).toEqual([...KEPT_ON_PURPOSE].sort());
  });

  it('agrees with graphql-js: selecting every field of every member validates, Node aside', () => {
    for (const abstract of abstractTypes) {
      const errors = validate(schema, parse(selectEveryField(abstract)), [OverlappingFieldsCanBeMergedRule]);
      if (abstract.name === 'Node') {
        const messages = new Set(errors.map((e) => e.message));
        expect([...messages]).toEqual([expect.stringContaining('"status" conflict because they return conflicting types')]);
      } else {
        expect(errors.map((e) => `${abstract.name}: ${e.message}`)).toEqual([]);
      }
    }
  });

  it('accepts the selections the issue saw refused (the document below went through codegen too)', () => {
    const errors = validate(schema, CreateAvatarErrorsMutation);
    expect(errors.map((e) => e.message)).toEqual([]);
  });
});

const CreateAvatarErrorsMutation = graphql(`
  mutation CreateAvatarErrors($input: CreateAvatarInput!) {
    createAvatar(input: $input) {
      __typename
      ... on InvalidPhotoError { field }
      ... on ValidationError { field }
      ... on RateLimitedError { retryAfterSeconds }
      ... on UpstreamError { retryAfterSeconds retryable }
    }
  }
`);
