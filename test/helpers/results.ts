/** What a response's `extensions` may carry: the render cost of the operation (or subscription event). */
type CostFigures = { images: number; units: number; usd: number };
export type ResultExtensions = { cost?: CostFigures & { estimated?: CostFigures } } & Record<string, unknown>;

type Typename<T> = T extends { __typename?: infer N } ? NonNullable<N> : never;
type Member<T, N> = Extract<T, { __typename?: N }>;

function isMember<T extends { __typename?: string }, N extends Typename<T>>(value: T | null | undefined, typename: N): value is Member<T, N> {
  return value?.__typename === typename;
}

/**
 * Narrows a member of a union (a mutation's result, an interface's object) to `typename`, and
 * fails the test with what came instead: `expectTypename(result.data!.exportAvatar, 'ExportAvatarSuccess').model`.
 * The document must select `__typename`.
 */
export function expectTypename<T extends { __typename?: string }, N extends Typename<T>>(value: T | null | undefined, typename: N): Member<T, N> {
  if (!isMember(value, typename)) throw new Error(`expected a ${typename}, got ${JSON.stringify(value)}`);
  return value;
}
