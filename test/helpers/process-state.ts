/**
 * A fingerprint of the builtins every request shares: the own properties (and their values or
 * accessors) of the prototypes hostile input has been seen to reach. A request that changes one
 * of them changes the process for everyone.
 */
const SHARED = {
  Object: Object.prototype,
  Function: Function.prototype,
  Array: Array.prototype,
  String: String.prototype,
  Number: Number.prototype,
  Boolean: Boolean.prototype,
  Promise: Promise.prototype,
  Error: Error.prototype,
  RegExp: RegExp.prototype,
  JSON,
  globalThis,
} as const;

export type ProcessState = Map<string, unknown>;

export function processState(): ProcessState {
  const state: ProcessState = new Map();
  for (const [name, target] of Object.entries(SHARED)) {
    state.set(`${name}.[[Prototype]]`, Object.getPrototypeOf(target));
    for (const key of Reflect.ownKeys(target)) {
      const d = Object.getOwnPropertyDescriptor(target, key)!;
      state.set(`${name}.${String(key)}`, 'value' in d ? d.value : [d.get, d.set]);
    }
  }
  return state;
}

/** The names whose value differs between two fingerprints (empty when nothing changed). */
export function changedBetween(before: ProcessState, after: ProcessState): string[] {
  const changed: string[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(key);
    const b = after.get(key);
    const same = Array.isArray(a) && Array.isArray(b) ? a[0] === b[0] && a[1] === b[1] : Object.is(a, b);
    if (!same) changed.push(key);
  }
  return changed;
}
