import type { AvaturnAvatarRecord, ZepetoAvatarRecord } from '../../avatars/avatar-record.js';
import { builder } from '../builder.js';

/**
 * The two kinds of avatar, declared apart from their types (`avaturn/avaturn-avatar.ts`,
 * `zepeto/zepeto-avatar.ts`), which implement the `Avatar` interface: the fields that take an
 * avatar id of either kind (`t.arg.globalID({ for })`) then need no import of the types that
 * import them.
 */
export const AvaturnAvatarRef = builder.objectRef<AvaturnAvatarRecord>('AvaturnAvatar');
export const ZepetoAvatarRef = builder.objectRef<ZepetoAvatarRecord>('ZepetoAvatar');

/** The GraphQL type of an avatar of `provider`. */
export const AVATAR_TYPENAMES = { AVATURN: 'AvaturnAvatar', ZEPETO: 'ZepetoAvatar' } as const;
