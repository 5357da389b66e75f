import { createAvatarFromUploads } from '../../../uploads/create-avatar.js';
import { idempotent, pickIdempotencyKey } from '../../../uploads/idempotency.js';
import { RateLimitedError } from '../../../errors/app-error.js';
import { checkUserLimit } from '../../../limits/user-limits.js';
import { builder } from '../../builder.js';
import { BodyTypeEnum } from '../enums.js';
import { AvaturnAvatarRef } from './avaturn-avatar.js';
import { UPLOAD_MUTATION_ERRORS } from './errors.js';

const CreateAvatarInput = builder.inputType('CreateAvatarInput', {
  description:
    'Three face photos, JPEG or PNG (checked by their bytes), each at most MAX_PHOTO_BYTES, sent as a GraphQL multipart request (file parts in any order).',
  fields: (t) => ({
    frontal: t.field({ type: 'Upload', required: true, description: 'Looking straight at the camera.' }),
    side1: t.field({ type: 'Upload', required: true, description: 'Head turned to one side.' }),
    side2: t.field({ type: 'Upload', required: true, description: 'Head turned to the other side.' }),
    bodyType: t.field({ type: BodyTypeEnum, required: true }),
    telephoto: t.boolean({ defaultValue: false, description: 'The photos were taken with a telephoto lens.' }),
    idempotencyKey: t.string({
      required: false,
      description: 'For clients that cannot set the Idempotency-Key header: a repeat with the same key returns the same avatar.',
    }),
  }),
});

builder.mutationField('createAvatar', (t) =>
  t.field({
    type: AvaturnAvatarRef,
    authScopes: { user: true },
    description:
      'Streams three photos to Avaturn and returns the avatar in PROCESSING; avatarUpdated announces READY or FAILED. Honours the Idempotency-Key header.',
    args: { input: t.arg({ type: CreateAvatarInput, required: true }) },
    errors: {
      types: [RateLimitedError, ...UPLOAD_MUTATION_ERRORS],
      union: { name: 'CreateAvatarResult' },
      result: { name: 'CreateAvatarSuccess' },
      dataField: { name: 'avatar' },
    },
    resolve: (_root, { input }, ctx) => {
      const ownerId = ctx.viewer!.userId;
      const key = pickIdempotencyKey(ctx.request?.headers.get('idempotency-key'), input.idempotencyKey);
      return idempotent(
        ctx.services,
        { operation: 'createAvatar', ownerId, key },
        // Counted only when an avatar is to be made (a replay makes none), before any upstream call.
        async () => {
          await checkUserLimit(ctx.services.limits.avatarCreate, ownerId);
          return createAvatarFromUploads(ctx.services, ownerId, {
            photos: { frontal: input.frontal, side1: input.side1, side2: input.side2 },
            bodyType: input.bodyType,
            telephoto: input.telephoto ?? false,
            fileParts: ctx.fileParts,
          });
        },
        (avatarId) => ctx.services.avatars.getOwned(avatarId, ownerId, 'AVATURN'),
      );
    },
  }),
);
