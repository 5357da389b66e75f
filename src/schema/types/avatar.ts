import { resolveArrayConnection } from '@pothos/plugin-relay';
import type { AvatarRecord } from '../../avatars/avatar-record.js';
import { liveRecord } from '../../events/live-record.js';
import { unlessNotFound } from '../../errors/app-error.js';
import { renderAvatarImage } from '../../providers/avatar-image.js';
import { builder } from '../builder.js';
import { AvatarImageRef } from './avatar-image.js';
import { AVATAR_TYPENAMES, AvaturnAvatarRef, ZepetoAvatarRef } from './avatar-refs.js';
import { AvatarProviderEnum, AvatarStatusEnum, ImageFormatEnum, ImageQualityEnum } from './enums.js';
import { ViewerRef } from './viewer.js';

/** Either kind of avatar. Concrete types: `avaturn-avatar.ts`, `zepeto-avatar.ts`. */
export const AvatarRef = builder.interfaceRef<AvatarRecord>('Avatar').implement({
  interfaces: [builder.nodeInterfaceRef()],
  resolveType: (avatar) => AVATAR_TYPENAMES[avatar.provider],
  fields: (t) => ({
    id: t.globalID({ resolve: (a) => ({ type: AVATAR_TYPENAMES[a.provider], id: a.id }) }),
    provider: t.field({ type: AvatarProviderEnum, resolve: (a) => a.provider }),
    status: t.field({ type: AvatarStatusEnum, resolve: (a) => a.status }),
    createdAt: t.field({ type: 'DateTime', resolve: (a) => a.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (a) => a.updatedAt }),
    image: t.field({
      type: AvatarImageRef,
      description:
        'The avatar in a pose. Render-it poses render synchronously (batched across the operation); Avaturn scenes start a render and resolve when it is ready, or return PENDING and deliver the result through imageUpdated.',
      args: {
        pose: t.arg.id({ required: true, description: 'A Pose id, or the raw pose key/scene name.' }),
        quality: t.arg({ type: ImageQualityEnum, required: true, defaultValue: 'W640' }),
        format: t.arg({ type: ImageFormatEnum, required: false }),
      },
      resolve: (avatar, args, ctx) => renderAvatarImage(ctx, avatar, { pose: args.pose, quality: args.quality, format: args.format ?? undefined }),
    }),
  }),
});

// Declared here rather than in avatar-image.ts: the two types refer to each other.
builder.objectField(AvatarImageRef, 'avatars', (t) =>
  t.field({
    type: [AvatarRef],
    description: "The caller's avatars shown in the image (people in a group image by their consent are nobody's avatar here).",
    resolve: async (image, _args, ctx) => {
      const records = await Promise.all(image.avatarIds.map((id) => ctx.services.avatars.get(id)));
      return records.filter((r): r is AvatarRecord => r !== undefined && r.ownerId === image.ownerId);
    },
  }),
);

builder.objectField(ViewerRef, 'avatars', (t) =>
  t.connection({
    type: AvatarRef,
    description: "The viewer's avatars, oldest first.",
    args: {
      provider: t.arg({ type: AvatarProviderEnum, required: false }),
      status: t.arg({ type: AvatarStatusEnum, required: false }),
    },
    resolve: async (viewer, args, ctx) => {
      const avatars = await ctx.services.avatars.listByOwner(viewer.userId);
      const filtered = avatars.filter(
        (a) => (!args.provider || a.provider === args.provider) && (!args.status || a.status === args.status),
      );
      return resolveArrayConnection({ args }, filtered);
    },
  }),
);

builder.queryField('avatar', (t) =>
  t.withAuth({ user: true }).field({
    type: AvatarRef,
    nullable: true,
    args: { id: t.arg.globalID({ required: true, for: [AvaturnAvatarRef, ZepetoAvatarRef] }) },
    // Another user's id is NOT_FOUND too, so it answers null like an unknown one.
    resolve: (_root, args, ctx) => ctx.services.avatars.getOwned(args.id.id, ctx.viewer.userId).catch(unlessNotFound(null)),
  }),
);

builder.subscriptionField('avatarUpdated', (t) =>
  t.withAuth({ user: true }).field({
    type: AvatarRef,
    description: 'The current state first, then every change; completes when the avatar is deleted.',
    args: { id: t.arg.globalID({ required: true, for: [AvaturnAvatarRef, ZepetoAvatarRef] }) },
    subscribe: async (_root, args, ctx) => {
      const { id } = args.id;
      const ownerId = ctx.viewer.userId;
      await ctx.services.avatars.getOwned(id, ownerId);
      return liveRecord<AvatarRecord>({
        events: ctx.services.events,
        topic: 'avatar:updated',
        id,
        load: () => ctx.services.avatars.getOwned(id, ownerId).catch(unlessNotFound(undefined)),
      });
    },
    resolve: (avatar) => avatar,
  }),
);
