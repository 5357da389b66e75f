import type { AvatarRepository } from '../avatars/avatar-repository.js';
import type { Config } from '../config/config.js';
import type { EventBus } from '../events/pubsub.js';
import type { ImageRepository } from '../images/image-repository.js';
import type { Logger } from '../logging/logger.js';
import type { PoseCatalog } from '../poses/catalog.js';
import type { Store } from '../store/store.js';
import type { AvaturnClient } from '../upstreams/avaturn/client.js';

/**
 * What the Avaturn features need from the process; `src/services.ts` provides it, and each
 * function takes only the part it uses (`Pick<AvaturnDeps, ...>`).
 */
export interface AvaturnDeps {
  config: Pick<Config, 'avaturn'>;
  logger: Logger;
  store: Store;
  events: EventBus;
  avatars: AvatarRepository;
  images: ImageRepository;
  catalog: PoseCatalog;
  avaturn: AvaturnClient;
}
