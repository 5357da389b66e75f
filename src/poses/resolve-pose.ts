import { decodeGlobalID } from '@pothos/plugin-relay';
import { NotFoundError } from '../errors/app-error.js';
import type { Pose, PoseCatalog, PoseProvider } from './catalog.js';

/** Longer than any Pose id by far: a longer argument is not one (and is not decoded). */
const MAX_POSE_ID_LENGTH = 512;

/** The pose a Pose global id (`Pose:<provider>:<key>`, base64) names; undefined for anything else. */
function poseOfId(catalog: PoseCatalog, arg: string): Pose | undefined {
  if (arg.length > MAX_POSE_ID_LENGTH) return undefined;
  try {
    const { typename, id } = decodeGlobalID(arg);
    return typename === 'Pose' ? catalog.getById(id) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads a `pose: ID!` argument: a Pose global id (from `poses`), or, for convenience, the raw
 * upstream key (`PO_2`, `common/preview`) of the avatar's provider. Unknown poses and poses of
 * the other provider are NOT_FOUND before any upstream call.
 */
export function resolvePoseArg(catalog: PoseCatalog, arg: string, provider: PoseProvider, _field = 'pose'): Pose {
  // An id of another type, or garbage, is an unknown pose like any other.
  const pose = catalog.get(provider, arg) ?? poseOfId(catalog, arg);
  if (!pose) throw new NotFoundError(`Unknown pose "${arg}"`);
  if (pose.provider !== provider) {
    throw new NotFoundError(`Pose "${pose.key}" belongs to ${pose.provider}, not ${provider}`);
  }
  return pose;
}
