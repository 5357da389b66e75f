import { decodeGlobalID } from '@pothos/plugin-relay';
import { ValidationError } from '../errors/app-error.js';

export const AVATAR_TYPENAMES = { AVATURN: 'AvaturnAvatar', ZEPETO: 'ZepetoAvatar' } as const;

/** Local id from a global id of one of `typenames`; a malformed or foreign id is BAD_USER_INPUT. */
export function parseGlobalId(globalId: string, typenames: readonly string[], field = 'id'): string {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    throw new ValidationError(`${field} is not a valid id`, field);
  }
  if (!typenames.includes(decoded.typename)) {
    throw new ValidationError(`${field} must be the id of a ${typenames.join(' or ')}`, field);
  }
  return decoded.id;
}

/** Local id of an avatar of either provider. */
export const parseAvatarId = (globalId: string, field = 'id') =>
  parseGlobalId(globalId, Object.values(AVATAR_TYPENAMES), field);
