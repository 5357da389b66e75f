import type { AvaturnAvatarRecord } from '../../../avatars/avatar-record.js';
import { exportAvatar } from '../../../avaturn/export-avatar.js';
import { ConflictError } from '../../../errors/app-error.js';
import { builder } from '../../builder.js';
import { AvatarModelRef } from './model.js';
import { AvaturnAvatarRef } from '../avatar-refs.js';

const ExportAvatarSuccess = builder.objectRef<AvaturnAvatarRecord>('ExportAvatarSuccess').implement({
  description: 'The model is READY with a temporary URL, or PENDING until avatarUpdated brings it.',
  fields: (t) => ({
    avatar: t.field({ type: AvaturnAvatarRef, resolve: (a) => a }),
    model: t.field({ type: AvatarModelRef, resolve: (a) => a.model! }),
  }),
});

builder.mutationField('exportAvatar', (t) =>
  t.withAuth({ user: true }).field({
    type: ExportAvatarSuccess,
    description: 'Exports a READY Avaturn avatar as GLB; asks again for a fresh URL once the last one expired.',
    args: { id: t.arg.globalID({ required: true, for: AvaturnAvatarRef, description: 'An AvaturnAvatar id.' }) },
    errors: { types: [ConflictError], union: { name: 'ExportAvatarResult' }, directResult: true },
    resolve: (_root, args, ctx) => exportAvatar(ctx.services, ctx.viewer.userId, args.id.id),
  }),
);
