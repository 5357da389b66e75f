import type { ZepetoAvatarRecord } from '../../../avatars/avatar-record.js';
import { RateLimitedError } from '../../../errors/app-error.js';
import { connectZepetoAccount, connectionStatusOf, followConnection } from '../../../zepeto/connect-account.js';
import type { ZepetoConnectionRecord } from '../../../zepeto/connection-record.js';
import { builder } from '../../builder.js';
import { ZepetoAvatarRef } from '../avatar-refs.js';

const ZepetoConnectionStatusEnum = builder.enumType('ZepetoConnectionStatus', {
  values: {
    PENDING: { description: 'Waiting for the user to scan the QR code and log in.' },
    CONNECTED: { description: 'Logged in: the ZEPETO IDs are now ZepetoAvatars of the user.' },
    EXPIRED: { description: 'Not logged in within the session lifetime; start a new one.' },
  } as const,
});

const ZepetoConnectionRef = builder.objectRef<ZepetoConnectionRecord>('ZepetoConnection').implement({
  description: 'A ZEPETO QR login: show `url` as a QR code, then follow zepetoConnectionUpdated(sessionId: id).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The login session id (the `sessionId` of zepetoConnectionUpdated).' }),
    status: t.field({ type: ZepetoConnectionStatusEnum, resolve: (c) => connectionStatusOf(c) }),
    url: t.exposeString('url', { description: 'The ZEPETO:// deep link to show as a QR code.' }),
    expiresAt: t.field({ type: 'DateTime', resolve: (c) => c.expiresAt }),
    avatars: t.field({
      type: [ZepetoAvatarRef],
      description: 'The avatars the login connected (empty until CONNECTED).',
      resolve: async (c, _args, ctx) => {
        const records = await Promise.all(c.avatarIds.map((id) => ctx.services.avatars.get(id)));
        return records.filter(
          (a): a is ZepetoAvatarRecord => a?.provider === 'ZEPETO' && a.ownerId === c.ownerId,
        );
      },
    }),
  }),
});

builder.mutationField('connectZepetoAccount', (t) =>
  t.withAuth({ user: true }).field({
    type: ZepetoConnectionRef,
    description: 'Starts a ZEPETO QR login (valid 60 s). Each ZEPETO ID logged in becomes a ZepetoAvatar of the caller.',
    errors: {
      types: [RateLimitedError],
      union: { name: 'ConnectZepetoAccountResult' },
      result: { name: 'ConnectZepetoAccountSuccess' },
      dataField: { name: 'session' },
    },
    resolve: (_root, _args, { services, viewer }) =>
      connectZepetoAccount(
        { renderIt: services.renderIt, connections: services.zepetoConnections, poller: services.zepetoLogins, limit: services.limits.zepetoConnect },
        viewer.userId,
      ),
  }),
);

builder.subscriptionField('zepetoConnectionUpdated', (t) =>
  t.withAuth({ user: true }).field({
    type: ZepetoConnectionRef,
    description: "The login's current state first, then each change; completes once CONNECTED or EXPIRED.",
    args: { sessionId: t.arg.id({ required: true }) },
    subscribe: (_root, args, { services, viewer }) =>
      followConnection({ connections: services.zepetoConnections, poller: services.zepetoLogins, events: services.events }, viewer.userId, args.sessionId),
    resolve: (connection) => connection,
  }),
);
