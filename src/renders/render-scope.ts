import type { AvatarRepository } from '../avatars/avatar-repository.js';
import type { ImageRepository } from '../images/image-repository.js';
import type { RenderBudget } from '../limits/render-budget.js';
import type { PoseCatalog } from '../poses/catalog.js';
import type { RenderMethods } from './render-calls.js';
import type { RenderRuntime } from './render-runtime.js';

/** What the render path needs from the process (`src/services.ts` provides it). */
interface RenderServices {
  renders: RenderRuntime;
  renderIt: RenderMethods;
  /** Group images read the avatars they show, and who connected the other ZEPETO IDs in them. */
  avatars: Pick<AvatarRepository, 'getOwned' | 'connectedBy'>;
  images: ImageRepository;
  catalog: PoseCatalog;
  limits: { renderBudget: RenderBudget | undefined };
}

/**
 * Who asks for renders, and on whose behalf: an operation, or one subscription (the GraphQL
 * context is one). The scope object itself is the identity of the current render scope: its
 * meter (`render-meter.ts`) and loader (`render-loader.ts`) hang off it.
 */
export interface RenderScope {
  services: RenderServices;
  viewer: { userId: string } | null;
}
