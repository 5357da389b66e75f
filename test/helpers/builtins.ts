/** The built-ins a hostile map path could reach (prototypes, and their methods' own properties). */
function builtins(): object[] {
  const roots: object[] = [Object.prototype, Function.prototype, Array.prototype, String.prototype, Object, Function, Array];
  const all = new Set<object>(roots);
  for (const root of roots) {
    for (const key of Reflect.ownKeys(root)) {
      const value = Object.getOwnPropertyDescriptor(root, key)?.value as unknown;
      if (typeof value === 'function') all.add(value);
    }
  }
  return [...all];
}

type Snapshot = Map<object, Map<PropertyKey, unknown[]>>;

/** Every own property (value or accessors) of the built-ins, by identity. */
export function snapshotBuiltins(): Snapshot {
  return new Map(
    builtins().map((object) => [
      object,
      new Map(
        Reflect.ownKeys(object).map((key) => {
          const d = Object.getOwnPropertyDescriptor(object, key)!;
          return [key, [d.value, d.get, d.set]];
        }),
      ),
    ]),
  );
}

/** What differs from `before`: `Object.prototype.toString.call added`, ... (empty when nothing did). */
export function builtinChanges(before: Snapshot): string[] {
  const changes: string[] = [];
  const now = snapshotBuiltins();
  const name = (o: object) => (typeof o === 'function' ? o.name || 'anonymous function' : Object.prototype.toString.call(o));
  for (const [object, props] of now) {
    const was = before.get(object);
    if (!was) {
      changes.push(`${name(object)} is new`);
      continue;
    }
    for (const [key, value] of props) {
      const old = was.get(key);
      if (!old) changes.push(`${name(object)}.${String(key)} added`);
      else if (value.some((v, i) => !Object.is(v, old[i]))) changes.push(`${name(object)}.${String(key)} changed`);
    }
    for (const key of was.keys()) if (!props.has(key)) changes.push(`${name(object)}.${String(key)} removed`);
  }
  return changes;
}
