import type { Dispatcher } from 'undici';
import type { Logger } from '../../logging/logger.js';
import type { PoseCatalog } from '../../poses/catalog.js';
import type { FaultController } from '../faults.js';
import type { Scheduler } from './scheduler.js';
import type { AvaturnStore } from './store.js';
import type { WebhookSender } from './webhooks.js';

export interface CallRecord {
  method: string;
  path: string;
  /** 0 when the connection was dropped without an answer. */
  status: number;
}

/** Everything the route modules share: resolved options and the simulator's state. */
export interface SandboxContext {
  basePath: string;
  /** `${publicUrl}${basePath}`: the origin of upload, editor and result URLs. */
  publicBase: string;
  apiKey: string;
  processingDelayMs: number;
  exportDelayMs: number;
  renderDelayMs: number;
  maxPhotoBytes: number;
  catalog: PoseCatalog;
  faults: FaultController;
  logger: Logger;
  dispatcher: Dispatcher | undefined;
  now: () => number;
  store: AvaturnStore;
  scheduler: Scheduler;
  webhooks: WebhookSender;
  calls: CallRecord[];
}

/** URL lifetimes: renders 15 min (docs); exports 1 h, upload URLs and editor sessions 1 h (sandbox choices). */
export const TTL = {
  uploadUrlMs: 60 * 60 * 1000,
  sessionMs: 60 * 60 * 1000,
  exportUrlMs: 60 * 60 * 1000,
  renderUrlMs: 15 * 60 * 1000,
} as const;
