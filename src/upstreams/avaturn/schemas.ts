import { z } from 'zod';

/**
 * Every Avaturn shape the gateway parses, requests and webhooks alike (see
 * shared/upstreams/avaturn.md). Shapes tagged [ASSUMED] there are not published: they are
 * marked here too, so that correcting one is one edit in this file.
 */

const id = z.string().min(1).max(256);
const httpUrl = z.url({ protocol: /^https?$/ });

const avatarStatusSchema = z.enum(['pending', 'processing', 'ready', 'failed']);
export type AvatarStatus = z.infer<typeof avatarStatusSchema>;

export const createUserResponseSchema = z.object({ id });

/** The `config` of `sessions/new` (sent, never parsed). */
export interface AvaturnSessionConfig {
  type: 'create_or_edit_existing' | 'create' | 'edit_existing';
  avatar_id?: string;
}

export const createSessionResponseSchema = z
  .object({ url: httpUrl, id, custom_upload_url: z.string().nullable().optional() })
  .transform((s) => ({ url: s.url, sessionId: s.id }));

export const createAvatarResponseSchema = z
  .object({ avatar_id: id, upload_url: httpUrl })
  .transform((a) => ({ avatarId: a.avatar_id, uploadUrl: a.upload_url }));

/** The photo upload's answer: any 2xx means the photos were taken; its body is not published, nor relied on. */
export const uploadResponseSchema = z.unknown();

/** [SPEC] list item; `created_at` is [ASSUMED], so it is optional. */
export const avatarListSchema = z.array(
  z
    .object({ id, status: avatarStatusSchema, created_at: z.string().optional() })
    .transform((a) => ({ id: a.id, status: a.status, createdAt: a.created_at })),
);
export type AvaturnAvatar = z.output<typeof avatarListSchema>[number];

const assetRef = z.looseObject({ id });
const colour = z.string().regex(/^#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?$/);
/** Ranges of web SDK 1.1.4 [DOC]. */
const boneScale = z.number().min(-100).max(100);
const skinToneCorrection = z.number().min(-50).max(50);

/**
 * [SPEC] an avatar's customization. Unknown keys, at any level, are kept and ignored [DOC]: the
 * editor SDK adds fields (eye colour, say), and a GET then PUT must lose none of them.
 */
export const customizationSchema = z.looseObject({
  assets: z
    .looseObject({
      clothing: assetRef.optional(),
      hair_and_headwear: assetRef.extend({ color: colour.optional() }).optional(),
      eyewear: assetRef.extend({ color: colour.optional() }).optional(),
      footwear: assetRef.optional(),
    })
    .optional(),
  body: z.string().optional(),
  age: z.string().optional(),
  bone_scale: z.record(z.string(), boneScale).optional(),
  skin_tone_correction: skinToneCorrection.optional(),
  metadata: z.record(z.string(), z.string()).optional(),
});
export type AvaturnCustomization = z.infer<typeof customizationSchema>;

export const exportResponseSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('pending'), url: z.null() }),
  z.object({ status: z.literal('ready'), url: httpUrl }),
]);
export type AvaturnExport = z.infer<typeof exportResponseSchema>;

export type AvaturnRenderFormat = 'jpg' | 'png' | 'webp';

export const createRenderResponseSchema = z
  .object({ id, status: z.string(), render_url: httpUrl.nullable() })
  .transform((r) => ({ id: r.id, status: r.status, renderUrl: r.render_url }));

const outcome = z.enum(['ready', 'failed']);
const webhookBase = { avatar_id: id, user_id: id, status: outcome };

/**
 * Webhook deliveries, discriminated on `event`. `avatar.ready`'s `status` is [ASSUMED], hence
 * optional: a delivery is only a hint that the gateway confirms with the API anyway.
 */
export const avaturnWebhookSchema = z.discriminatedUnion('event', [
  z.looseObject({ event: z.literal('avatar.ready'), ...webhookBase, status: outcome.optional() }),
  z.looseObject({ event: z.literal('export.ready'), ...webhookBase, export_url: httpUrl.nullable() }),
  z.looseObject({ event: z.literal('render.ready'), ...webhookBase, id, render_url: httpUrl.nullable() }),
]);
export type AvaturnWebhook = z.infer<typeof avaturnWebhookSchema>;
