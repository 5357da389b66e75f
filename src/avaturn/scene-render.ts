import { randomUUID } from 'node:crypto';
import type { AvaturnAvatarRecord } from '../avatars/avatar-record.js';
import { ValidationError } from '../errors/app-error.js';
import type { ImageFormat, ImageRecord } from '../images/image-record.js';
import type { AvatarImageRequest } from '../images/image-request.js';
import { waitForImage } from '../images/wait-for-image.js';
import { PoseCatalog, type Pose } from '../poses/catalog.js';
import { resolvePoseArg } from '../poses/resolve-pose.js';
import type { AvaturnRenderFormat } from '../upstreams/avaturn/schemas.js';
import { indexSceneRender, RENDER_URL_TTL_MS } from '../webhooks/scene-state.js';
import { putDefaultCustomization } from './customize-avatar.js';
import type { AvaturnDeps } from './deps.js';
import { requireReady } from './errors.js';
import { avaturnKeys } from './keys.js';

/** [ASSUMED] Avaturn renders scenes 1024 px wide (the sandbox's choice; not published); height follows the scene's ratio. */
const SCENE_RENDER_WIDTH = 1024;
/** A ready render this close to expiry is rendered again rather than reused. */
const REUSE_MARGIN_MS = 60 * 1000;

const FORMATS: Record<ImageFormat, AvaturnRenderFormat | undefined> = { JPG: 'jpg', PNG: 'png', WEBP: 'webp', APNG: undefined };

/**
 * `Avatar.image` for an Avaturn avatar: the pose is one of Avaturn's render scenes. Starts
 * `renders/new` (after setting a default customization if none was ever set), then waits up to
 * SCENE_RENDER_WAIT_MS for `render.ready`; past that it answers PENDING and `imageUpdated(id)`
 * delivers the result. The same scene in the same format for the same customization is one
 * render while its URL lives: asking again reuses it (or joins its wait).
 */
export async function renderAvaturnScene(services: AvaturnDeps, avatar: AvaturnAvatarRecord, request: AvatarImageRequest): Promise<ImageRecord> {
  const pose = resolvePoseArg(services.catalog, request.pose, 'AVATURN');
  const formatName = request.format ?? 'PNG';
  const format = FORMATS[formatName];
  if (!format) throw new ValidationError('Avaturn scenes render as JPG, PNG or WEBP (APNG is for animated ZEPETO poses)', 'format');
  requireReady(avatar);
  const image = await startOrReuse(services, avatar, pose, formatName, format);
  if (image.status !== 'PENDING') return image;
  return (await waitForImage(services, image.id, services.config.avaturn.sceneRenderWaitMs)) ?? image;
}

function reusable(image: ImageRecord | undefined, now = Date.now()): image is ImageRecord {
  if (!image) return false;
  if (image.status === 'PENDING') return true;
  return image.status === 'READY' && image.expiresAt !== null && Date.parse(image.expiresAt) - now > REUSE_MARGIN_MS;
}

async function startOrReuse(
  services: AvaturnDeps,
  avatar: AvaturnAvatarRecord,
  pose: Pose,
  formatName: ImageFormat,
  format: AvaturnRenderFormat,
): Promise<ImageRecord> {
  const { store, images } = services;
  const key = avaturnKeys(services.config).scene(avatar.id, avatar.customizationVersion, pose.key, formatName);
  const imageId = randomUUID();
  // The key is claimed in the name of the image that renders it, for as long as its URL lives.
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await store.claim(key, imageId, RENDER_URL_TTL_MS)) {
      try {
        return await startRender(services, avatar, pose, imageId, formatName, format);
      } catch (err) {
        await store.release(key, imageId);
        throw err;
      }
    }
    const existingId = await store.get<string>(key);
    // Claimed a moment ago by a concurrent request that has not saved its image yet: join it.
    if (existingId) {
      const existing = (await images.get(existingId)) ?? (await waitForImage(services, existingId, 2_000, true));
      if (reusable(existing)) return existing;
      // Let go of that render only: one claimed meanwhile for a fresh image stays.
      await store.release(key, existingId);
    }
  }
  throw new Error('scene render cache kept changing');
}

async function startRender(
  services: AvaturnDeps,
  avatar: AvaturnAvatarRecord,
  pose: Pose,
  imageId: string,
  formatName: ImageFormat,
  format: AvaturnRenderFormat,
): Promise<ImageRecord> {
  if (!avatar.customizationSet) {
    await putDefaultCustomization(services, avatar);
    await services.avatars.update<AvaturnAvatarRecord>(avatar.id, (r) => (r.customizationSet ? undefined : { customizationSet: true }));
  }
  const render = await services.avaturn.createRender(avatar.avaturnAvatarId, pose.key, format);
  const image: ImageRecord = {
    id: imageId,
    ownerId: avatar.ownerId,
    version: 1,
    status: 'PENDING',
    url: null,
    expiresAt: null,
    format: formatName,
    width: SCENE_RENDER_WIDTH,
    height: Math.round(SCENE_RENDER_WIDTH * pose.ratio),
    frameCount: null,
    poseId: PoseCatalog.idOf(pose),
    quality: null,
    avatarIds: [avatar.id],
    costUnits: 0,
    failureReason: null,
    upstreamRenderId: render.id,
  };
  // Saved before the render id is indexed, so a `render.ready` that finds the index finds the image.
  await services.images.save(image);
  await indexSceneRender(services, render.id, { imageId, avaturnAvatarId: avatar.avaturnAvatarId, avaturnUserId: avatar.avaturnUserId });
  return image;
}
