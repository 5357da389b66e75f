import { deleteAvatar } from '../../providers/delete-avatar.js';
import { builder } from '../builder.js';
import { parseAvatarId } from '../global-ids.js';
import { COMMON_MUTATION_ERRORS } from './errors.js';

builder.mutationField('deleteAvatar', (t) =>
  t.field({
    type: 'ID',
    authScopes: { user: true },
    description:
      'Deletes the avatar upstream (Avaturn) or disconnects it (ZEPETO), removes local state and completes its subscriptions.',
    args: { id: t.arg.id({ required: true }) },
    errors: {
      types: COMMON_MUTATION_ERRORS,
      union: { name: 'DeleteAvatarResult' },
      result: { name: 'DeleteAvatarSuccess' },
      dataField: { name: 'deletedId' },
    },
    resolve: async (_root, args, ctx) => {
      await deleteAvatar(ctx.services, parseAvatarId(String(args.id)), ctx.viewer!.userId);
      return String(args.id);
    },
  }),
);
