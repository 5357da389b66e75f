import { BudgetExceededError, RateLimitedError } from '../../../errors/app-error.js';
import { renderGroupImage } from '../../../renders/zepeto-renders.js';
import { builder } from '../../builder.js';
import { AvatarImageRef } from '../avatar-image.js';
import { ZepetoAvatarRef } from '../avatar-refs.js';
import { ImageQualityEnum } from '../enums.js';

const RenderGroupImageInput = builder.inputType('RenderGroupImageInput', {
  fields: (t) => ({
    avatars: t.globalIDList({
      required: true,
      for: ZepetoAvatarRef,
      description: "The caller's ZepetoAvatar ids to show together: at least one; 8 people at most with zepetoIds.",
    }),
    zepetoIds: t.stringList({
      required: false,
      defaultValue: [],
      description:
        'ZEPETO IDs of other people to show with them: each must have allowed one of those accounts to take pictures with them (in the ZEPETO app); otherwise the answer is a ValidationError on input.zepetoIds and nothing is billed.',
    }),
    pose: t.id({ required: true, description: 'A Pose id or a raw Render-it pose key.' }),
    quality: t.field({ type: ImageQualityEnum, required: true, defaultValue: 'W640' }),
  }),
});

builder.mutationField('renderGroupImage', (t) =>
  t.withAuth({ user: true }).field({
    type: AvatarImageRef,
    description:
      "One PNG of 1 to 8 people together in a pose: the caller's ZEPETO avatars, and people who allowed one of those accounts to take pictures with them.",
    args: { input: t.arg({ type: RenderGroupImageInput, required: true }) },
    errors: {
      types: [BudgetExceededError, RateLimitedError],
      union: { name: 'RenderGroupImageResult' },
      result: { name: 'RenderGroupImageSuccess' },
      dataField: { name: 'image' },
    },
    resolve: (_root, { input }, ctx) =>
      renderGroupImage(ctx, ctx.viewer.userId, {
        avatarIds: input.avatars.map((avatar) => avatar.id),
        zepetoIds: input.zepetoIds ?? [],
        pose: input.pose,
        quality: input.quality,
      }),
  }),
);
