import { ConflictError, InvalidPhotoError, PayloadTooLargeError, RateLimitedError } from '../../../errors/app-error.js';
import { createAvatar } from '../../../uploads/avatar-mutations.js';
import { builder } from '../../builder.js';
import { AvaturnAvatarRef } from '../avatar-refs.js';
import { BodyTypeEnum } from '../enums.js';

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
  t.withAuth({ user: true }).field({
    type: AvaturnAvatarRef,
    description:
      'Streams three photos to Avaturn and returns the avatar in PROCESSING; avatarUpdated announces READY or FAILED. Honours the Idempotency-Key header.',
    args: { input: t.arg({ type: CreateAvatarInput, required: true }) },
    errors: {
      types: [RateLimitedError, InvalidPhotoError, PayloadTooLargeError, ConflictError],
      union: { name: 'CreateAvatarResult' },
      result: { name: 'CreateAvatarSuccess' },
      dataField: { name: 'avatar' },
    },
    resolve: (_root, { input }, ctx) =>
      createAvatar(ctx.services, ctx.viewer.userId, {
        photos: { frontal: input.frontal, side1: input.side1, side2: input.side2 },
        bodyType: input.bodyType,
        telephoto: input.telephoto ?? false,
        fileParts: ctx.fileParts,
        idempotencyKey: { header: ctx.request?.headers.get('idempotency-key'), field: input.idempotencyKey },
      }),
  }),
);
