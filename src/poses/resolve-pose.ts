import { decodeGlobalID } from '@pothos/plugin-relay';
import { NotFoundError, ValidationError } from '../errors/app-error.js';
import type { Pose, PoseCatalog, PoseProvider } from './catalog.js';

/**
 * Reads a `pose: ID!` argument: a Pose global id (from `poses`), or, for convenience, the raw
 * upstream key (`PO_2`, `common/preview`) of the avatar's provider. Unknown poses and poses of
 * the other provider are NOT_FOUND before any upstream call.
 */
export function resolvePoseArg(catalog: PoseCatalog, arg: string, provider: PoseProvider, field = 'pose'): Pose {
  let pose: Pose | undefined = catalog.get(provider, arg);
  if (!pose) {
    let decoded: { typename: string; id: string } | undefined;
    try {
      decoded = decodeGlobalID(arg);
    } catch {
      decoded = undefined;
    }
    if (decoded && decoded.typename !== 'Pose') throw new ValidationError(`${field} must be a Pose id`, field);
    if (decoded) pose = catalog.getById(decoded.id);
  }
  if (!pose) throw new NotFoundError(`Unknown pose "${arg}"`);
  if (pose.provider !== provider) {
    throw new NotFoundError(`Pose "${pose.key}" belongs to ${pose.provider}, not ${provider}`);
  }
  return pose;
}
