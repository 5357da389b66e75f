import type { AvatarRecord } from '../../../avatars/avatar-record.js';
import { unlessNotFound } from '../../../errors/app-error.js';
import { AvaturnAvatarRef } from '../avatar-refs.js';
import { builder } from '../../builder.js';
import { AvatarRef } from '../avatar.js';
import { BodyTypeEnum } from '../enums.js';
import { AvatarCustomizationRef } from './customization.js';
import { AvatarModelRef } from './model.js';

builder.node(AvaturnAvatarRef, {
  description: 'A 3D avatar made by Avaturn from three photos.',
  interfaces: [AvatarRef],
  id: { resolve: (avatar) => avatar.id },
  isTypeOf: (value) => typeof value === 'object' && value !== null && (value as AvatarRecord).provider === 'AVATURN',
  // Another user's id answers null, exactly like an id that does not exist; any other failure is an error.
  loadOne: (id, ctx) => (ctx.viewer ? ctx.services.avatars.getOwned(id, ctx.viewer.userId, 'AVATURN').catch(unlessNotFound(null)) : null),
  fields: (t) => ({
    bodyType: t.field({ type: BodyTypeEnum, resolve: (a) => a.bodyType }),
    telephoto: t.exposeBoolean('telephoto', { description: 'The photos were taken with a telephoto lens.' }),
    failureReason: t.string({ nullable: true, description: 'Why the avatar is FAILED.', resolve: (a) => a.failureReason }),
    customization: t.field({
      type: AvatarCustomizationRef,
      nullable: true,
      description: 'Read from Avaturn; null until the avatar is READY.',
      resolve: (a, _args, ctx) => (a.status === 'READY' ? ctx.services.avaturn.getCustomization(a.avaturnAvatarId) : null),
    }),
    model: t.field({
      type: AvatarModelRef,
      nullable: true,
      description: 'The GLB export, once exportAvatar was called.',
      resolve: (a) => a.model,
    }),
  }),
});
