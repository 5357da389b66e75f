import { z } from 'zod';

/**
 * Every Render-it answer the gateway parses (see shared/upstreams/render-it.md). All response
 * bodies below are [ASSUMED] there (only the requests are published), so a correction is one
 * edit in this file.
 */

const imageUrl = z.url({ protocol: /^https?$/ });

/** [ASSUMED] Single Image with `redirect=false`. */
export const singleImageResponseSchema = z.object({ url: imageUrl });

/** [ASSUMED] Multi Images: one entry per requested pose, in request order. */
export const multiImageResponseSchema = z.object({
  images: z.array(z.object({ poseId: z.string(), url: imageUrl })),
});

/** [ASSUMED] Animated Image with `redirect=false`. */
export const animatedImageResponseSchema = z.object({ url: imageUrl, frameCount: z.number().int().positive() });

/** [ASSUMED] Animated Image by frames. */
export const framesResponseSchema = z.object({ frames: z.array(imageUrl).min(1) });

/** A redirect's target (`redirect=true`). */
export const locationSchema = imageUrl;

/** [DOC] start of the QR login; `url` is a `ZEPETO://` deep link, not http. */
export const authStartResponseSchema = z.object({ url: z.string().min(1), sessionId: z.string().min(1) });

/** [ASSUMED] state of a QR login. */
export const authStatusResponseSchema = z.object({
  status: z.enum(['PENDING', 'CONNECTED', 'EXPIRED']),
  zepetoIds: z.array(z.string()).default([]),
});
export type RenderItAuthStatus = z.infer<typeof authStatusResponseSchema>;
