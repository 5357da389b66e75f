import type { Router } from '../../http/router.js';
import type { Logger } from '../../logging/logger.js';
import type { PoseCatalog } from '../../poses/catalog.js';
import type { FaultController } from '../faults.js';
import type { AuthSessions } from './auth-sessions.js';
import type { ResultsStore } from './results-store.js';
import type { TpsWindow } from './tps-window.js';

export interface CallRecord {
  /** Clock time the call was admitted (after injected latency), the time the TPS window counts. */
  at: number;
  method: string;
  /** Path below `basePath`, without the query, e.g. `/services/biz/openApi/photos/PO_1`. */
  path: string;
  status: number;
  /** Images billed: 1 for Single, one per pose for Multi, one per frame for both animations; 0 on errors. */
  images: number;
}

/** Everything the route files share; built once per mounted simulator. */
export interface SandboxContext {
  router: Router;
  /** Without a trailing slash. */
  basePath: string;
  /** Without a trailing slash. */
  publicUrl: string;
  apiKey: string;
  catalog: PoseCatalog;
  faults: FaultController;
  logger: Logger;
  now: () => number;
  tps: TpsWindow;
  sessions: AuthSessions;
  results: ResultsStore;
  connected: Set<string>;
  /** Who allowed whom to take pictures with them: ZEPETO ID -> connected ZEPETO IDs it allowed. */
  consents: Map<string, Set<string>>;
  calls: CallRecord[];
  /** Calls since the last reset, including any the bounded `calls` log has dropped. */
  callCount: { value: number };
}
