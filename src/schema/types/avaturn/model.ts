import type { AvatarModelRecord } from '../../../avatars/avatar-record.js';
import { builder } from '../../builder.js';
import { RenderStatusEnum } from '../enums.js';

const unexpired = (m: AvatarModelRecord) => m.expiresAt === null || Date.parse(m.expiresAt) > Date.now();

export const AvatarModelRef = builder.objectRef<AvatarModelRecord>('AvatarModel').implement({
  description: 'The avatar as a GLB file, from exportAvatar.',
  fields: (t) => ({
    status: t.field({ type: RenderStatusEnum, resolve: (m) => m.status }),
    url: t.field({
      type: 'URL',
      nullable: true,
      description: 'Temporary download URL: null once expiresAt has passed (call exportAvatar for a fresh one). Download it, do not store it.',
      resolve: (m) => (m.status === 'READY' && m.url && unexpired(m) ? m.url : null),
    }),
    expiresAt: t.field({ type: 'DateTime', nullable: true, resolve: (m) => m.expiresAt }),
  }),
});
