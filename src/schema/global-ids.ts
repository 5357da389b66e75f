import { decodeGlobalID } from '@pothos/plugin-relay';

/** Longer than any id we hand out by far; a longer one is garbage and never reaches the store. */
const MAX_GLOBAL_ID_LENGTH = 512;

/** What a malformed id decodes to: a typename no GraphQL type can have, so nothing matches it. */
const NO_SUCH_ID = { typename: '', id: '' } as const;

/**
 * Decodes a Relay global id without ever throwing (the relay plugin's `decodeGlobalID`):
 * garbage, oversize ids and ids that do not decode give a typename no type has. Whether the
 * id names a real object is the caller's question, answered like any unknown id
 * (`node-ids.ts` for `node`/`nodes`, `unknown-ids-plugin.ts` for `globalID` arguments).
 */
export function decodeGlobalIdOrNothing(globalId: string): { typename: string; id: string } {
  if (typeof globalId !== 'string' || globalId.length > MAX_GLOBAL_ID_LENGTH) return { ...NO_SUCH_ID };
  try {
    return decodeGlobalID(globalId);
  } catch {
    return { ...NO_SUCH_ID };
  }
}
