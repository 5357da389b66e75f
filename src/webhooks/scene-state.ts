import type { Store } from '../store/store.js';
import type { ImageRepository } from '../images/image-repository.js';
import type { ImageRecord } from '../images/image-record.js';
import type { Config } from '../config/config.js';
import { statusKeys } from './keys.js';

/** Render URLs must be downloaded within 15 minutes (docs); one minute of margin. */
export const RENDER_URL_TTL_MS = 14 * 60 * 1000;
/** How long a render id is remembered for its `render.ready`. */
const RENDER_INDEX_TTL_MS = 60 * 60 * 1000;

/** What `render.ready` must match: the image a scene render fills, and whose avatar it shows. */
export interface RenderRef {
  imageId: string;
  avaturnAvatarId: string;
  avaturnUserId: string;
}

type Deps = { store: Store; config: Pick<Config, 'avaturn'> };

/** Remembers a started scene render for its `render.ready` (after its PENDING image is saved). */
export async function indexSceneRender(deps: Deps, renderId: string, ref: RenderRef): Promise<void> {
  await deps.store.set<RenderRef>(statusKeys(deps.config).render(renderId), ref, { ttlMs: RENDER_INDEX_TTL_MS });
}

/** The render the gateway started under `renderId`, if it did. */
export function sceneRenderOf(deps: Deps, renderId: string): Promise<RenderRef | undefined> {
  return deps.store.get<RenderRef>(statusKeys(deps.config).render(renderId));
}

/**
 * `render.ready` for a PENDING scene render: READY with its URL (for as long as Avaturn keeps it),
 * or FAILED. A render that already settled stays as it is. `changed` says whether this call moved it.
 */
export async function settleSceneRender(
  images: ImageRepository,
  imageId: string,
  outcome: { renderUrl: string | null | undefined },
  now = Date.now(),
): Promise<{ image: ImageRecord | undefined; changed: boolean }> {
  let changed = false;
  const image = await images.update(imageId, (current) => {
    // May run more than once under contention: the last run decides.
    changed = current.status === 'PENDING';
    if (!changed) return undefined;
    return outcome.renderUrl
      ? { status: 'READY', url: outcome.renderUrl, expiresAt: new Date(now + RENDER_URL_TTL_MS).toISOString() }
      : { status: 'FAILED', failureReason: 'Avaturn could not render this scene' };
  });
  return { image, changed };
}
