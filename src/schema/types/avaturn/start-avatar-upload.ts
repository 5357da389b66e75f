import { ConflictError, RateLimitedError } from '../../../errors/app-error.js';
import { startAvatarUpload, type StartedUpload } from '../../../uploads/avatar-mutations.js';
import { PHOTO_FIELDS } from '../../../upstreams/avaturn/photo-upload.js';
import { builder } from '../../builder.js';
import { AvaturnAvatarRef } from '../avatar-refs.js';
import { BodyTypeEnum } from '../enums.js';

const FileFieldsRef = builder.objectRef<typeof PHOTO_FIELDS>('AvatarUploadFileFields').implement({
  description: 'Form field names of the three photos.',
  fields: (t) => ({ frontal: t.exposeString('frontal'), side1: t.exposeString('side1'), side2: t.exposeString('side2') }),
});

const FormFieldRef = builder.objectRef<{ name: string; value: string }>('AvatarUploadFormField').implement({
  fields: (t) => ({ name: t.exposeString('name'), value: t.exposeString('value') }),
});

const StartAvatarUploadSuccess = builder.objectRef<StartedUpload>('StartAvatarUploadSuccess').implement({
  description:
    'POST a multipart/form-data body to uploadUrl (no Authorization header): formFields as they are, and the three photos under fileFields. The avatar then moves on by itself; follow it with avatarUpdated.',
  fields: (t) => ({
    avatar: t.field({ type: AvaturnAvatarRef, resolve: (u) => u.avatar }),
    uploadUrl: t.field({ type: 'URL', description: 'Pre-signed; treat it as a secret of this upload.', resolve: (u) => u.uploadUrl }),
    method: t.string({ resolve: () => 'POST' }),
    fileFields: t.field({ type: FileFieldsRef, resolve: () => PHOTO_FIELDS }),
    formFields: t.field({ type: [FormFieldRef], resolve: (u) => u.formFields }),
    expiresAt: t.field({ type: 'DateTime', resolve: (u) => u.expiresAt }),
    expiresInSeconds: t.int({ resolve: (u) => Math.max(0, Math.floor((u.expiresAt.getTime() - Date.now()) / 1000)) }),
  }),
});

const StartAvatarUploadInput = builder.inputType('StartAvatarUploadInput', {
  fields: (t) => ({
    bodyType: t.field({ type: BodyTypeEnum, required: true }),
    telephoto: t.boolean({ defaultValue: false }),
  }),
});

builder.mutationField('startAvatarUpload', (t) =>
  t.withAuth({ user: true }).field({
    type: StartAvatarUploadSuccess,
    description: 'For browsers that upload the photos straight to Avaturn: a new avatar (AWAITING_UPLOAD) and where to send its photos.',
    args: { input: t.arg({ type: StartAvatarUploadInput, required: true }) },
    errors: { types: [RateLimitedError, ConflictError], union: { name: 'StartAvatarUploadResult' }, directResult: true },
    resolve: (_root, { input }, ctx) =>
      startAvatarUpload(ctx.services, ctx.viewer.userId, { bodyType: input.bodyType, telephoto: input.telephoto ?? false }),
  }),
);
