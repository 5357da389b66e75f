import { unlessNotFound } from '../../../errors/app-error.js';
import { DEFAULT_FPS } from '../../../renders/zepeto-image.js';
import { renderMotion, renderStills } from '../../../renders/zepeto-renders.js';
import { builder } from '../../builder.js';
import { AvatarRef } from '../avatar.js';
import { AvatarImageRef } from '../avatar-image.js';
import { ZepetoAvatarRef } from '../avatar-refs.js';
import { ImageQualityEnum } from '../enums.js';

builder.node(ZepetoAvatarRef, {
  description: 'A connected ZEPETO account, rendered by ZEPETO Render-it. All its renders in one operation are batched.',
  interfaces: [AvatarRef],
  id: { resolve: (avatar) => avatar.id },
  isTypeOf: (value) => typeof value === 'object' && value !== null && (value as { provider?: unknown }).provider === 'ZEPETO',
  loadOne: (id, ctx) =>
    ctx.viewer ? ctx.services.avatars.getOwned(id, ctx.viewer.userId, 'ZEPETO').catch(unlessNotFound(null)) : null,
  fields: (t) => ({
    zepetoId: t.exposeString('zepetoId'),
    images: t.field({
      type: [AvatarImageRef],
      description: 'One PNG per pose, in the order asked; the poses share Multi Images calls (10 per call).',
      args: {
        poses: t.arg.idList({ required: true, description: 'Pose ids or raw Render-it pose keys; at least one.' }),
        quality: t.arg({ type: ImageQualityEnum, required: true, defaultValue: 'W640' }),
      },
      resolve: (avatar, args, ctx) => renderStills(ctx, [avatar], args.poses, args.quality, { avatars: 'id', poses: 'poses' }),
    }),
    animation: t.field({
      type: AvatarImageRef,
      description: 'The animated pose as one APNG of fps x duration frames (billed per frame, an estimate: see AvatarImage.costAccuracy).',
      args: {
        pose: t.arg.id({ required: true }),
        quality: t.arg({ type: ImageQualityEnum, required: true, defaultValue: 'W640' }),
        fps: t.arg.int({ required: true, defaultValue: DEFAULT_FPS, description: '1 to 15.' }),
      },
      resolve: async (avatar, args, ctx) =>
        (await renderMotion(ctx, avatar, args.pose, args.quality, args.fps, 'animation'))[0]!,
    }),
    frames: t.field({
      type: [AvatarImageRef],
      description: 'The animated pose as one PNG per frame, in playing order (each billed as one image, an estimate).',
      args: {
        pose: t.arg.id({ required: true }),
        quality: t.arg({ type: ImageQualityEnum, required: true, defaultValue: 'W640' }),
        fps: t.arg.int({ required: true, defaultValue: DEFAULT_FPS, description: '1 to 15.' }),
      },
      resolve: (avatar, args, ctx) => renderMotion(ctx, avatar, args.pose, args.quality, args.fps, 'frames'),
    }),
  }),
});
