import { liveRecord } from '../../events/live-record.js';
import { NotFoundError, unlessNotFound } from '../../errors/app-error.js';
import { builder } from '../builder.js';
import { CostAccuracyEnum, ImageFormatEnum, ImageQualityEnum, RenderStatusEnum } from './enums.js';
import { PoseRef } from './pose.js';
import type { ImageRecord } from '../../images/image-record.js';

export const AvatarImageRef = builder.objectRef<ImageRecord>('AvatarImage');

builder.node(AvatarImageRef, {
  description: 'One render, whichever provider made it.',
  id: { resolve: (image) => image.id },
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'avatarIds' in value && 'costUnits' in value,
  loadOne: (id, ctx) => (ctx.viewer ? ctx.services.images.getOwned(id, ctx.viewer.userId).catch(unlessNotFound(null)) : null),
  fields: (t) => ({
    status: t.field({ type: RenderStatusEnum, resolve: (i) => i.status }),
    url: t.field({
      type: 'URL',
      nullable: true,
      description: 'Temporary: never shown past expiresAt. Download it, do not store it.',
      resolve: (i) => (i.url && (!i.expiresAt || Date.parse(i.expiresAt) > Date.now()) ? i.url : null),
    }),
    expiresAt: t.field({ type: 'DateTime', nullable: true, resolve: (i) => i.expiresAt }),
    format: t.field({ type: ImageFormatEnum, resolve: (i) => i.format }),
    width: t.exposeInt('width'),
    height: t.int({ nullable: true, resolve: (i) => i.height }),
    frameCount: t.int({ nullable: true, resolve: (i) => i.frameCount }),
    pose: t.field({
      type: PoseRef,
      resolve: (i, _args, ctx) => {
        const pose = ctx.services.catalog.getById(i.poseId);
        if (!pose) throw new NotFoundError(`Pose ${i.poseId} is no longer in the catalog`);
        return pose;
      },
    }),
    quality: t.field({ type: ImageQualityEnum, nullable: true, resolve: (i) => i.quality }),
    costUnits: t.exposeFloat('costUnits', {
      description:
        'Render-it cost units of this image (1 unit = 0.001 USD): exact for stills; an estimate for animations and frames, billed per frame as far as is known (see costAccuracy). What an operation paid is its extensions.cost (nothing for a reused render).',
    }),
    costAccuracy: t.field({
      type: CostAccuracyEnum,
      description: 'ESTIMATE for animations and frames, whose billing Render-it does not publish; EXACT otherwise.',
      resolve: (i) => (i.costEstimated ? 'ESTIMATE' : 'EXACT'),
    }),
    failureReason: t.string({ nullable: true, resolve: (i) => i.failureReason }),
  }),
});

builder.subscriptionField('imageUpdated', (t) =>
  t.withAuth({ user: true }).field({
    type: AvatarImageRef,
    description: 'The current state of a render first, then each change (for PENDING Avaturn scene renders).',
    args: { id: t.arg.globalID({ required: true, for: AvatarImageRef }) },
    subscribe: async (_root, args, ctx) => {
      const { id } = args.id;
      const ownerId = ctx.viewer.userId;
      await ctx.services.images.getOwned(id, ownerId);
      return liveRecord<ImageRecord>({
        events: ctx.services.events,
        topic: 'image:updated',
        id,
        load: () => ctx.services.images.getOwned(id, ownerId).catch(unlessNotFound(undefined)),
      });
    },
    resolve: (image) => image,
  }),
);
