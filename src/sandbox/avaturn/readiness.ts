import { invalid } from './errors.js';
import type { AvatarRecord } from './store.js';

/**
 * Exports and renders need a ready avatar (422 otherwise) and, as a sandbox rule, a
 * customization set by PUT (422 "customization required"): the docs leave results undefined
 * for a photo avatar never opened in the editor until a customization is set.
 */
export function requireExportable(avatar: AvatarRecord): asserts avatar is AvatarRecord & { customization: object } {
  if (avatar.status !== 'ready') {
    throw invalid({ loc: ['query', 'avatar_id'], msg: `avatar is not ready (status ${avatar.status})`, type: 'value_error' });
  }
  if (avatar.customization === null) {
    throw invalid({ loc: ['query', 'avatar_id'], msg: 'customization required', type: 'value_error' });
  }
}
