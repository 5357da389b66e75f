import type { TokenVerifier } from '../auth/verify-token.js';
import type { AvatarRepository } from '../avatars/avatar-repository.js';
import type { Config } from '../config/config.js';
import type { UserLimits } from '../limits/user-limits.js';
import type { Logger } from '../logging/logger.js';
import type { Store } from '../store/store.js';
import type { AvaturnClient } from '../upstreams/avaturn/client.js';

/**
 * What the photo upload flow needs from the process; `src/services.ts` provides it, and each
 * function takes only the part it uses (`Pick<UploadDeps, ...>`).
 */
export interface UploadDeps {
  config: Pick<Config, 'avaturn' | 'maxPhotoBytes'>;
  logger: Logger;
  store: Store;
  avatars: AvatarRepository;
  avaturn: AvaturnClient;
  /** Multipart requests are authenticated before their body is read. */
  verifyToken: TokenVerifier;
  /** createAvatar and startAvatarUpload share one per-user limit. */
  limits: Pick<UserLimits, 'avatarCreate'>;
}
