import { BudgetExceededError, RateLimitedError } from '../../../errors/app-error.js';
import { renderGroupImage } from '../../../renders/zepeto-renders.js';
import { builder } from '../../builder.js';
import { AvatarImageRef } from '../avatar-image.js';
import { ZepetoAvatarRef } from '../avatar-refs.js';
import { ImageQualityEnum } from '../enums.js';

const RenderGroupImageInput = builder.inputType('RenderGroupImageInput', {
  fields: (t) => ({
    avatars: t.globalIDList({ required: true, for: ZepetoAvatarRef, description: "1 to 8 of the caller's ZepetoAvatar ids, shown together." }),
    pose: t.id({ required: true, description: 'A Pose id or a raw Render-it pose key.' }),
    quality: t.field({ type: ImageQualityEnum, required: true, defaultValue: 'W640' }),
  }),
});

builder.mutationField('renderGroupImage', (t) =>
  t.withAuth({ user: true }).field({
    type: AvatarImageRef,
    description: "One PNG of 1 to 8 of the caller's ZEPETO avatars together in a pose.",
    args: { input: t.arg({ type: RenderGroupImageInput, required: true }) },
    errors: {
      types: [BudgetExceededError, RateLimitedError],
      union: { name: 'RenderGroupImageResult' },
      result: { name: 'RenderGroupImageSuccess' },
      dataField: { name: 'image' },
    },
    resolve: (_root, { input }, ctx) =>
      renderGroupImage(ctx, ctx.viewer.userId, input.avatars.map((avatar) => avatar.id), input.pose, input.quality),
  }),
);
