import { GraphQLObjectType, type GraphQLSchema } from 'graphql';

/**
 * The ids `node`/`nodes` may load: those naming an object type that implements Node (every such
 * type here loads by id). Anything else (an interface such as `Node`, a type without ids, a
 * typename that does not exist) becomes null, so it answers like an unknown id.
 */
export function loadableNodeIds<T extends { typename: string }>(schema: GraphQLSchema, ids: readonly T[]): (T | null)[] {
  return ids.map((id) => {
    const type = schema.getType(id.typename);
    return type instanceof GraphQLObjectType && type.getInterfaces().some((i) => i.name === 'Node') ? id : null;
  });
}
