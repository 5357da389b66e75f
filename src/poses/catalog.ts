import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The pose catalog: Render-it publishes no pose listing, so the gateway ships one (the operator
 * can replace it with `POSE_CATALOG`), and the Render-it sandbox serves the same ids. Avaturn
 * render scenes are listed as poses of provider AVATURN.
 */
const poseSchema = z
  .object({
    /** The upstream id: a Render-it pose id (`PO_2`) or an Avaturn scene (`common/preview`). */
    key: z.string().min(1).max(200),
    provider: z.enum(['ZEPETO', 'AVATURN']),
    kind: z.enum(['STILL', 'ANIMATED']),
    /** Image height / width. */
    ratio: z.number().positive().max(10),
    durationSeconds: z.number().positive().max(60).optional(),
    tags: z.array(z.string()).default([]),
  })
  .refine((p) => p.kind === 'STILL' || p.durationSeconds !== undefined, {
    message: 'animated poses need durationSeconds',
  })
  .refine((p) => p.provider === 'ZEPETO' || p.kind === 'STILL', { message: 'Avaturn scenes are still images' })
  .refine((p) => p.provider === 'ZEPETO' || /^[a-zA-Z0-9_/]+$/.test(p.key), {
    message: 'Avaturn scene keys match ^[a-zA-Z0-9_/]+$',
  });

export type Pose = z.infer<typeof poseSchema>;
export type PoseProvider = Pose['provider'];

const catalogSchema = z.object({ version: z.literal(1), poses: z.array(poseSchema).min(1) });

export class PoseCatalog {
  private readonly byId = new Map<string, Pose>();

  constructor(readonly poses: readonly Pose[]) {
    for (const pose of poses) {
      const id = PoseCatalog.idOf(pose);
      if (this.byId.has(id)) throw new Error(`duplicate pose ${pose.provider}:${pose.key}`);
      this.byId.set(id, pose);
    }
  }

  /** Stable local id of a pose: provider and key (the Relay id wraps this). */
  static idOf(pose: Pick<Pose, 'provider' | 'key'>): string {
    return `${pose.provider}:${pose.key}`;
  }

  get(provider: PoseProvider, key: string): Pose | undefined {
    return this.byId.get(`${provider}:${key}`);
  }

  getById(id: string): Pose | undefined {
    return this.byId.get(id);
  }

  ofProvider(provider: PoseProvider): Pose[] {
    return this.poses.filter((p) => p.provider === provider);
  }

  /** Parses a catalog file; throws with the file name and the first problem. */
  static fromFile(path: string): PoseCatalog {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new Error(`POSE_CATALOG cannot be read from ${path}: ${(err as Error).message}`);
    }
    const parsed = catalogSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`POSE_CATALOG ${path} is invalid at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    return new PoseCatalog(parsed.data.poses);
  }
}
