import type { AvatarRepository } from '../avatars/avatar-repository.js';
import type { Config } from '../config/config.js';
import type { ImageRepository } from '../images/image-repository.js';
import type { Logger } from '../logging/logger.js';
import type { Store } from '../store/store.js';
import type { AvaturnClient } from '../upstreams/avaturn/client.js';

/**
 * What the status flow needs from the process; `src/services.ts` provides it, and each function
 * takes only the part it uses (`Pick<StatusDeps, ...>`), so tests pass exactly that.
 */
export interface StatusDeps {
  config: Pick<Config, 'avaturn'>;
  logger: Logger;
  store: Store;
  avatars: AvatarRepository;
  images: ImageRepository;
  /** Confirmations and the watchdog only read Avaturn's state. */
  avaturn: Pick<AvaturnClient, 'listAvatars' | 'createExport'>;
}
