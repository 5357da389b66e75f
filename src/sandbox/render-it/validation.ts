import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { readJson } from '../../http/body.js';
import { RenderItError, badRequest } from './errors.js';

/** Quality codes and their widths in px [SEED]. */
export const QUALITY_WIDTHS = {
  W160: 160,
  W240: 240,
  W320: 320,
  W480: 480,
  W640: 640,
  W960: 960,
  W1280: 1280,
  W1600: 1600,
  W1920: 1920,
  W2560: 2560,
  W3200: 3200,
  W3840: 3840,
} as const;
export type Quality = keyof typeof QUALITY_WIDTHS;

const qualities = Object.keys(QUALITY_WIDTHS) as [Quality, ...Quality[]];
const qualityMessage = `quality must be one of ${qualities.join(', ')}`;

const renderQuery = z.object({
  quality: z.enum(qualities, { error: qualityMessage }),
  redirect: z
    .enum(['true', 'false'], { error: 'redirect must be true or false' })
    .optional()
    .transform((v) => v !== 'false'),
});

const targets = z
  .array(z.object({ zepetoId: z.string({ error: 'zepetoId must be a string' }).min(1, 'zepetoId must not be empty') }), {
    error: 'targets must be a list of {zepetoId}',
  })
  .min(1, 'targets needs 1 to 8 entries')
  .max(8, 'targets needs 1 to 8 entries');

const fps = z
  .number({ error: 'fps must be a whole number from 1 to 15' })
  .int('fps must be a whole number from 1 to 15')
  .min(1, 'fps must be a whole number from 1 to 15')
  .max(15, 'fps must be a whole number from 1 to 15');

export const photoBody = z.object({ targets }, { error: 'body must be a JSON object' });
export const multiBody = z.object(
  {
    poseIds: z
      .array(z.string().min(1, 'pose ids must not be empty'), { error: 'poseIds must be a list of pose ids' })
      .min(1, 'poseIds needs 1 to 10 entries')
      .max(10, 'poseIds needs 1 to 10 entries'),
    targets,
  },
  { error: 'body must be a JSON object' },
);
export const videoBody = z.object({ fps, targets }, { error: 'body must be a JSON object' });

/**
 * Parses with a schema; the first problem becomes the 400 message. Top-level messages above
 * already name their field, so only nested ones (`targets.2.zepetoId`) get the path in front.
 */
export function parseOr400<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length > 1 ? `${issue.path.join('.')}: ` : '';
  throw badRequest(`${where}${issue.message}`);
}

export function parseRenderQuery(query: Record<string, string | string[] | undefined>): { quality: Quality; redirect: boolean } {
  return parseOr400(renderQuery, { quality: query.quality, redirect: query.redirect });
}

/** The render methods accept `application/json` only (415 otherwise), then a JSON body (400 if malformed). */
export async function readRenderBody(req: IncomingMessage): Promise<unknown> {
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/json') throw new RenderItError(415, 'content-type must be application/json');
  return readJson(req, 64 * 1024);
}
