import type { AvaturnAvatarRecord } from '../../../avatars/avatar-record.js';
import { exportAvatar } from '../../../avaturn/export-avatar.js';
import { builder } from '../../builder.js';
import { parseGlobalId } from '../../global-ids.js';
import { AvaturnAvatarRef } from './avaturn-avatar.js';
import { AVATURN_MUTATION_ERRORS } from './errors.js';
import { AvatarModelRef } from './model.js';

const ExportAvatarSuccess = builder.objectRef<AvaturnAvatarRecord>('ExportAvatarSuccess').implement({
  description: 'The model is READY with a temporary URL, or PENDING until avatarUpdated brings it.',
  fields: (t) => ({
    avatar: t.field({ type: AvaturnAvatarRef, resolve: (a) => a }),
    model: t.field({ type: AvatarModelRef, resolve: (a) => a.model! }),
  }),
});

builder.mutationField('exportAvatar', (t) =>
  t.field({
    type: ExportAvatarSuccess,
    authScopes: { user: true },
    description: 'Exports a READY Avaturn avatar as GLB; asks again for a fresh URL once the last one expired.',
    args: { id: t.arg.id({ required: true, description: 'An AvaturnAvatar id.' }) },
    errors: { types: AVATURN_MUTATION_ERRORS, union: { name: 'ExportAvatarResult' }, directResult: true },
    resolve: async (_root, args, ctx) => {
      const id = parseGlobalId(String(args.id), ['AvaturnAvatar']);
      return exportAvatar(ctx.services, await ctx.services.avatars.getOwned(id, ctx.viewer!.userId, 'AVATURN'));
    },
  }),
);
