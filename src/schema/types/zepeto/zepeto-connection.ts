import { RateLimitedError, unlessNotFound } from '../../../errors/app-error.js';
import { checkUserLimit } from '../../../limits/user-limits.js';
import { liveRecord } from '../../../events/live-record.js';
import { isFinished, type ZepetoConnectionRecord } from '../../../zepeto/connection-record.js';
import { connectZepetoAccount, connectionStatusOf, staleAt } from '../../../zepeto/connect-account.js';
import type { ZepetoAvatarRecord } from '../../../avatars/avatar-record.js';
import { builder } from '../../builder.js';
import { COMMON_MUTATION_ERRORS } from '../errors.js';
import { ZepetoAvatarRef } from './zepeto-avatar.js';

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
  t.field({
    type: ZepetoConnectionRef,
    authScopes: { user: true },
    description: 'Starts a ZEPETO QR login (valid 60 s). Each ZEPETO ID logged in becomes a ZepetoAvatar of the caller.',
    errors: {
      types: [RateLimitedError, ...COMMON_MUTATION_ERRORS],
      union: { name: 'ConnectZepetoAccountResult' },
      result: { name: 'ConnectZepetoAccountSuccess' },
      dataField: { name: 'session' },
    },
    resolve: async (_root, _args, ctx) => {
      const ownerId = ctx.viewer!.userId;
      // Each login is a Render-it call (a slot of the shared TPS) and a session to poll.
      await checkUserLimit(ctx.services.limits.zepetoConnect, ownerId);
      return connectZepetoAccount(
        { renderIt: ctx.services.renderIt, connections: ctx.services.zepetoConnections, poller: ctx.services.zepetoLogins },
        ownerId,
      );
    },
  }),
);

builder.subscriptionField('zepetoConnectionUpdated', (t) =>
  t.field({
    type: ZepetoConnectionRef,
    authScopes: { user: true },
    description: "The login's current state first, then each change; completes once CONNECTED or EXPIRED.",
    args: { sessionId: t.arg.id({ required: true }) },
    subscribe: async (_root, args, ctx) => {
      const id = String(args.sessionId);
      const ownerId = ctx.viewer!.userId;
      const { zepetoConnections } = ctx.services;
      const current = await zepetoConnections.getOwned(id, ownerId);
      // The instance that started the login polls it; one serving a subscriber polls it too, so a
      // login survives the loss of its instance while someone is waiting on it (polls are idempotent).
      if (connectionStatusOf(current) === 'PENDING') ctx.services.zepetoLogins.watch(current);
      return liveRecord<ZepetoConnectionRecord>({
        events: ctx.services.events,
        topic: 'zepeto-connection:updated',
        id,
        load: () => zepetoConnections.getOwned(id, ownerId).catch(unlessNotFound(undefined)),
        // Nothing changes after CONNECTED or EXPIRED; a login whose poller is gone expires by time.
        isFinal: (c) => isFinished(connectionStatusOf(c)),
        recheckAfterMs: (c) => (isFinished(connectionStatusOf(c)) ? undefined : staleAt(c) - Date.now()),
      });
    },
    resolve: (connection) => connection,
  }),
);
