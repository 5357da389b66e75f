import { NotFoundError } from '../errors/app-error.js';
import { decodeGlobalIdOrNothing } from '../schema/global-ids.js';
import type { Pose, PoseCatalog, PoseProvider } from './catalog.js';

/**
 * Reads a `pose: ID!` argument: a Pose global id (from `poses`), or, for convenience, the raw
 * upstream key (`PO_2`, `common/preview`) of the avatar's provider. Unknown poses and poses of
 * the other provider are NOT_FOUND before any upstream call.
 */
export function resolvePoseArg(catalog: PoseCatalog, arg: string, provider: PoseProvider, _field = 'pose'): Pose {
  let pose: Pose | undefined = catalog.get(provider, arg);
  if (!pose) {
    // An id of another type, or garbage, is an unknown pose like any other.
    const decoded = decodeGlobalIdOrNothing(arg);
    if (decoded.typename === 'Pose') pose = catalog.getById(decoded.id);
  }
  if (!pose) throw new NotFoundError(`Unknown pose "${arg}"`);
  if (pose.provider !== provider) {
    throw new NotFoundError(`Pose "${pose.key}" belongs to ${pose.provider}, not ${provider}`);
  }
  return pose;
}
