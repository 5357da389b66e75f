import { resolveArrayConnection } from '@pothos/plugin-relay';
import { PoseCatalog, type Pose } from '../../poses/catalog.js';
import { builder } from '../builder.js';
import { AvatarProviderEnum, PoseKindEnum } from './enums.js';

export const PoseRef = builder.objectRef<Pose>('Pose');

builder.node(PoseRef, {
  description: 'A pose (Render-it) or scene (Avaturn) an avatar can be rendered in.',
  id: { resolve: (pose) => PoseCatalog.idOf(pose) },
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'ratio' in value && 'kind' in value,
  loadOne: (id, ctx) => ctx.services.catalog.getById(id) ?? null,
  fields: (t) => ({
    key: t.exposeString('key', { description: 'The upstream id: a Render-it pose id or an Avaturn scene name.' }),
    provider: t.field({ type: AvatarProviderEnum, resolve: (p) => p.provider }),
    kind: t.field({ type: PoseKindEnum, resolve: (p) => p.kind }),
    ratio: t.exposeFloat('ratio', { description: 'Image height divided by width.' }),
    durationSeconds: t.float({ nullable: true, resolve: (p) => p.durationSeconds ?? null }),
    tags: t.exposeStringList('tags'),
  }),
});

builder.queryFields((t) => ({
  poses: t.connection({
    type: PoseRef,
    description: 'The pose catalog: Render-it poses and Avaturn scenes.',
    args: {
      provider: t.arg({ type: AvatarProviderEnum, required: false }),
      kind: t.arg({ type: PoseKindEnum, required: false }),
      tag: t.arg.string({ required: false }),
    },
    resolve: (_root, args, ctx) => {
      const poses = ctx.services.catalog.poses.filter(
        (p) =>
          (!args.provider || p.provider === args.provider) &&
          (!args.kind || p.kind === args.kind) &&
          (!args.tag || p.tags.includes(args.tag)),
      );
      return resolveArrayConnection({ args }, poses);
    },
  }),
  pose: t.field({
    type: PoseRef,
    nullable: true,
    // A malformed or foreign id answers null like an unknown pose.
    args: { id: t.arg.globalID({ required: true, for: PoseRef }) },
    resolve: (_root, args, ctx) => ctx.services.catalog.getById(args.id.id) ?? null,
  }),
}));
