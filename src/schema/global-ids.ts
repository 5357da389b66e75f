import { decodeGlobalID } from '@pothos/plugin-relay';
import { NotFoundError } from '../errors/app-error.js';

export const AVATAR_TYPENAMES = { AVATURN: 'AvaturnAvatar', ZEPETO: 'ZepetoAvatar' } as const;

/** Longer than any id we hand out by far; a longer one is garbage and never reaches the store. */
const MAX_GLOBAL_ID_LENGTH = 512;

/** What a malformed id decodes to: a typename no GraphQL type can have, so nothing matches it. */
const NO_SUCH_ID = { typename: '', id: '' } as const;

/** The repositories' own not-found messages, so a forged id reads exactly like an unknown one. */
const NOT_FOUND_MESSAGES: Record<string, string> = {
  [AVATAR_TYPENAMES.AVATURN]: 'Avatar not found',
  [AVATAR_TYPENAMES.ZEPETO]: 'Avatar not found',
  AvatarImage: 'Image not found',
};

/**
 * Decodes a Relay global id without ever throwing (also the relay plugin's `decodeGlobalID`):
 * garbage, oversize ids and ids that do not decode give a typename no type has. Whether the
 * id names a real object is the caller's question, answered like any unknown id.
 */
export function decodeGlobalIdOrNothing(globalId: string): { typename: string; id: string } {
  if (typeof globalId !== 'string' || globalId.length > MAX_GLOBAL_ID_LENGTH) return { ...NO_SUCH_ID };
  try {
    return decodeGlobalID(globalId);
  } catch {
    return { ...NO_SUCH_ID };
  }
}

/**
 * Local id from a global id of one of `typenames`. A malformed id, or the id of another type,
 * is NOT_FOUND with the same message an unknown id of that type gets: a client cannot tell a
 * forged id from a deleted one, and no caller sees a different error for it.
 */
export function parseGlobalId(globalId: string, typenames: readonly string[], _field = 'id'): string {
  const decoded = decodeGlobalIdOrNothing(globalId);
  if (!typenames.includes(decoded.typename)) throw new NotFoundError(NOT_FOUND_MESSAGES[typenames[0]!] ?? 'Not found');
  return decoded.id;
}

/** Local id of an avatar of either provider. */
export const parseAvatarId = (globalId: string, field = 'id') =>
  parseGlobalId(globalId, Object.values(AVATAR_TYPENAMES), field);
