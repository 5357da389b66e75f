import { createHash, randomUUID } from 'node:crypto';
import { ConflictError, ValidationError } from '../errors/app-error.js';
import { awaitClaim } from '../store/await-claim.js';
import type { UploadDeps } from './deps.js';

/** A replay within this time returns the first result. */
const DONE_TTL_MS = 24 * 60 * 60 * 1000;
/** A claim whose request died (instance crash) frees itself after this. */
const PENDING_TTL_MS = 10 * 60 * 1000;
/** How long a replay waits for the first request to finish before answering CONFLICT. */
const REPLAY_WAIT_MS = 2_000;
const REPLAY_POLL_MS = 25;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** What the first call left for its replays. */
type Done = { state: 'done'; resultId: string };

type IdempotencyClaim =
  | { kind: 'replay'; resultId: string }
  | { kind: 'first'; complete(resultId: string): Promise<void>; release(): Promise<void> };

/**
 * The `Idempotency-Key` header, or the `idempotencyKey` input field (for clients that cannot set
 * headers). Both given must agree. Printable ASCII, at most 255 characters.
 */
export function pickIdempotencyKey(header: string | null | undefined, field: string | null | undefined): string | undefined {
  const fromHeader = header?.trim() || undefined;
  const fromField = field?.trim() || undefined;
  if (fromHeader && fromField && fromHeader !== fromField) {
    throw new ValidationError('input.idempotencyKey differs from the Idempotency-Key header', 'input.idempotencyKey');
  }
  const key = fromHeader ?? fromField;
  if (key !== undefined && !KEY_PATTERN.test(key)) {
    throw new ValidationError('The idempotency key must be 1 to 255 printable ASCII characters', 'input.idempotencyKey');
  }
  return key;
}

/**
 * Claims `key` for one call of `operation` by `ownerId` (a store claim, so it holds across
 * instances). The first call gets `first` and must `complete` with its result id or `release`
 * on failure (a failed call leaves nothing to replay, so the client may retry with the same
 * key). A repeat gets `replay` with the first result, waits briefly while the first call is
 * still running, then answers CONFLICT.
 */
async function claimIdempotencyKey(
  services: Pick<UploadDeps, 'store' | 'config'>,
  operation: string,
  ownerId: string,
  key: string,
): Promise<IdempotencyClaim> {
  const { store } = services;
  // Under the Avaturn namespace (createAvatar is the one idempotent mutation); the client's key is hashed (it may be long or odd).
  const doneKey = `${services.config.avaturn.keyNamespace}:idempotency:${operation}:${ownerId}:${createHash('sha256').update(key).digest('hex')}`;
  const claimKey = `${doneKey}:claim`;
  const owner = randomUUID();
  // Only a finished call's record (an older version kept `{ state: 'pending' }` under the same key).
  const done = async () => {
    const entry = await store.get<Done>(doneKey);
    return entry?.state === 'done' ? entry : undefined;
  };
  const deadline = Date.now() + REPLAY_WAIT_MS;
  for (;;) {
    const first = await done();
    if (first) return { kind: 'replay', resultId: first.resultId };
    if (await store.claim(claimKey, owner, PENDING_TTL_MS)) {
      return {
        kind: 'first',
        complete: async (resultId) => {
          await store.set<Done>(doneKey, { state: 'done', resultId }, { ttlMs: DONE_TTL_MS });
          await store.release(claimKey, owner);
        },
        release: async () => {
          await store.release(claimKey, owner);
        },
      };
    }
    const replayed = await awaitClaim(store, claimKey, done, { until: deadline, pollMs: REPLAY_POLL_MS });
    if (replayed) return { kind: 'replay', resultId: replayed.resultId };
    if (Date.now() >= deadline) throw new ConflictError('A request with this idempotency key is still in progress');
  }
}

/** Runs `run` once per key: a repeat gets `replay(firstResultId)` instead. Without a key, just runs. */
export async function idempotent<T extends { id: string }>(
  services: Pick<UploadDeps, 'store' | 'config'>,
  scope: { operation: string; ownerId: string; key: string | undefined },
  run: () => Promise<T>,
  replay: (resultId: string) => Promise<T>,
): Promise<T> {
  if (scope.key === undefined) return run();
  const claim = await claimIdempotencyKey(services, scope.operation, scope.ownerId, scope.key);
  if (claim.kind === 'replay') return replay(claim.resultId);
  let result: T;
  try {
    result = await run();
  } catch (err) {
    await claim.release();
    throw err;
  }
  await claim.complete(result.id);
  return result;
}
