import { BudgetExceededError, RateLimitedError } from '../../../errors/app-error.js';
import { renderStills } from '../../../renders/zepeto-renders.js';
import { checkTargetCount } from '../../../renders/render-validation.js';
import { builder } from '../../builder.js';
import { parseAvatarId } from '../../global-ids.js';
import { AvatarImageRef } from '../avatar-image.js';
import { ImageQualityEnum } from '../enums.js';
import { COMMON_MUTATION_ERRORS } from '../errors.js';

const RenderGroupImageInput = builder.inputType('RenderGroupImageInput', {
  fields: (t) => ({
    avatars: t.idList({ required: true, description: "1 to 8 of the caller's ZepetoAvatar ids, shown together." }),
    pose: t.id({ required: true, description: 'A Pose id or a raw Render-it pose key.' }),
    quality: t.field({ type: ImageQualityEnum, required: true, defaultValue: 'W640' }),
  }),
});

builder.mutationField('renderGroupImage', (t) =>
  t.field({
    type: AvatarImageRef,
    authScopes: { user: true },
    description: "One PNG of 1 to 8 of the caller's ZEPETO avatars together in a pose.",
    args: { input: t.arg({ type: RenderGroupImageInput, required: true }) },
    errors: {
      types: [...COMMON_MUTATION_ERRORS.slice(0, -1), BudgetExceededError, RateLimitedError, ...COMMON_MUTATION_ERRORS.slice(-1)],
      union: { name: 'RenderGroupImageResult' },
      result: { name: 'RenderGroupImageSuccess' },
      dataField: { name: 'image' },
    },
    resolve: async (_root, { input }, ctx) => {
      // Count first: no store read, let alone an upstream call, for a request that cannot work.
      checkTargetCount(input.avatars.length, 'input.avatars');
      const ids = input.avatars.map((id) => parseAvatarId(String(id), 'input.avatars'));
      const ownerId = ctx.viewer!.userId;
      const avatars = await Promise.all(ids.map((id) => ctx.services.avatars.getOwned(id, ownerId, 'ZEPETO')));
      const [image] = await renderStills(ctx, avatars, [String(input.pose)], input.quality, {
        avatars: 'input.avatars',
        poses: 'input.pose',
      });
      return image!;
    },
  }),
);
