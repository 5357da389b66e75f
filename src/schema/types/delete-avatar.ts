import { encodeGlobalID } from '@pothos/plugin-relay';
import { deleteAvatar } from '../../providers/delete-avatar.js';
import { builder } from '../builder.js';
import { AvaturnAvatarRef, ZepetoAvatarRef } from './avatar-refs.js';

builder.mutationField('deleteAvatar', (t) =>
  t.withAuth({ user: true }).field({
    type: 'ID',
    description:
      'Deletes the avatar upstream (Avaturn) or disconnects it (ZEPETO), removes local state and completes its subscriptions.',
    args: { id: t.arg.globalID({ required: true, for: [AvaturnAvatarRef, ZepetoAvatarRef] }) },
    errors: {
      union: { name: 'DeleteAvatarResult' },
      result: { name: 'DeleteAvatarSuccess' },
      dataField: { name: 'deletedId' },
    },
    resolve: async (_root, { id }, ctx) => {
      await deleteAvatar(ctx.services, id.id, ctx.viewer.userId);
      return encodeGlobalID(id.typename, id.id);
    },
  }),
);
