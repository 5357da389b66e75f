import type { Viewer } from '../../auth/verify-token.js';
import { builder } from '../builder.js';

export const ViewerRef = builder.objectRef<Viewer>('Viewer');

ViewerRef.implement({
  description: 'The authenticated app user (the JWT subject).',
  fields: (t) => ({
    userId: t.exposeString('userId'),
  }),
});

builder.queryField('viewer', (t) =>
  t.withAuth({ user: true }).field({
    type: ViewerRef,
    resolve: (_root, _args, ctx) => ctx.viewer,
  }),
);
