import { forgetAvatar } from '../../webhooks/avatar-index.js';
import { UpstreamNotFoundError } from '../../upstreams/errors.js';
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
      const avatar = await ctx.services.avatars.getOwned(parseAvatarId(String(args.id)), ctx.viewer!.userId);
      if (avatar.provider === 'AVATURN') {
        // Already gone upstream is fine: the goal is that it no longer exists.
        await ctx.services.avaturn.deleteAvatar(avatar.avaturnUserId, avatar.avaturnAvatarId).catch((err: unknown) => {
          if (!(err instanceof UpstreamNotFoundError)) throw err;
        });
        await forgetAvatar(ctx.services, avatar);
      }
      await ctx.services.avatars.delete(avatar);
      return String(args.id);
    },
  }),
);
