/** The label value of every name past the cap (and of names that are not GraphQL names). */
export const OTHER = 'other';

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

/**
 * A label value from a client-chosen name that cannot grow without bound: the first `max`
 * distinct names keep their own value, every later one is `other`. Process memory and the
 * size of /metrics therefore stay flat however many names clients invent. (A later step takes
 * the names from persisted documents instead of first come, first served.)
 */
export function boundedNames(max: number): (name: string) => string {
  const kept = new Set<string>();
  return (name) => {
    if (kept.has(name)) return name;
    if (kept.size >= max || !GRAPHQL_NAME.test(name)) return OTHER;
    kept.add(name);
    return name;
  };
}
