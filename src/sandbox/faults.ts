import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { discardBody, sendJson } from '../http/body.js';

const latencyMs = z.number().int().min(0).max(60_000);
const rate = z.number().min(0).max(1);
const errorStatuses = z.array(z.number().int().min(400).max(599)).min(1);
const seed = z.number().int();

/**
 * Fault injection shared by both simulators. Settings come from `SANDBOX_FAULTS` (JSON,
 * `{"avaturn": {...}, "renderIt": {...}}`) and can be changed at run time through
 * `GET|PUT|DELETE /sandbox/admin/faults`. Randomness is seeded so a test run repeats itself.
 */
export const faultSettingsSchema = z.object({
  /** Added before every API answer. @default 0 */
  latencyMs: latencyMs.default(0),
  /** Share of API calls answered with one of `errorStatuses`. @default 0 */
  errorRate: rate.default(0),
  /** Statuses injected errors use, chosen uniformly. @default [429, 500] */
  errorStatuses: errorStatuses.default([429, 500]),
  /** Share of API calls whose connection is destroyed without an answer. @default 0 */
  dropConnectionRate: rate.default(0),
  /** Share of webhook deliveries never sent (Avaturn only). @default 0 */
  webhookDropRate: rate.default(0),
  /** Share of webhook deliveries sent twice (Avaturn only). @default 0 */
  webhookDuplicateRate: rate.default(0),
  /** Seed of the random sequence. @default 1 */
  seed: seed.default(1),
});

/**
 * A change to some settings. No defaults here (an omitted field keeps its current value) and no
 * unknown fields (a misspelled name is an error, not a silent no-op).
 */
export const faultPatchSchema = z.strictObject({
  latencyMs: latencyMs.optional(),
  errorRate: rate.optional(),
  errorStatuses: errorStatuses.optional(),
  dropConnectionRate: rate.optional(),
  webhookDropRate: rate.optional(),
  webhookDuplicateRate: rate.optional(),
  seed: seed.optional(),
});

export type FaultSettings = z.infer<typeof faultSettingsSchema>;
export type FaultSettingsInput = z.input<typeof faultSettingsSchema>;
export type FaultPatch = z.infer<typeof faultPatchSchema>;

/** `SANDBOX_FAULTS` and the body of `PUT /sandbox/admin/faults`. */
export const sandboxFaultsSchema = z.strictObject({
  avaturn: faultPatchSchema.optional(),
  renderIt: faultPatchSchema.optional(),
});

/** mulberry32: tiny, fast, good enough for picking faults reproducibly. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultController {
  private settings: FaultSettings;
  private random: () => number;

  constructor(initial: FaultSettingsInput = {}) {
    this.settings = faultSettingsSchema.parse(initial);
    this.random = seededRandom(this.settings.seed);
  }

  get current(): FaultSettings {
    return { ...this.settings };
  }

  /** Merges a partial update into the current settings (a new seed restarts the sequence). */
  update(patch: FaultPatch): FaultSettings {
    this.settings = faultSettingsSchema.parse({ ...this.settings, ...patch });
    if (patch.seed !== undefined) this.random = seededRandom(this.settings.seed);
    return this.current;
  }

  reset(): FaultSettings {
    this.settings = faultSettingsSchema.parse({});
    this.random = seededRandom(this.settings.seed);
    return this.current;
  }

  roll(rate: number): boolean {
    return rate > 0 && this.random() < rate;
  }

  /**
   * Applies latency, dropped connections and injected errors to one API call. Returns true when
   * the call was answered (or dropped) here and the simulator must not handle it.
   */
  async intercept(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const s = this.settings;
    if (s.latencyMs > 0) await sleep(s.latencyMs);
    if (this.roll(s.dropConnectionRate)) {
      req.socket.destroy();
      return true;
    }
    if (this.roll(s.errorRate)) {
      const status = s.errorStatuses[Math.floor(this.random() * s.errorStatuses.length)]!;
      discardBody(req);
      const headers: Record<string, string> = status === 429 ? { 'retry-after': '1' } : {};
      sendJson(res, status, { code: status, message: 'injected fault', detail: 'injected fault' }, headers);
      return true;
    }
    return false;
  }

  /** How many times a webhook delivery goes out: 0 (dropped), 1, or 2 (duplicated). */
  webhookCopies(): 0 | 1 | 2 {
    if (this.roll(this.settings.webhookDropRate)) return 0;
    return this.roll(this.settings.webhookDuplicateRate) ? 2 : 1;
  }
}

/** Parses `SANDBOX_FAULTS`; throws a message naming the variable on bad JSON or values. */
export function parseSandboxFaults(raw: string | undefined): z.infer<typeof sandboxFaultsSchema> {
  if (!raw) return {};
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error('SANDBOX_FAULTS must be JSON like {"renderIt":{"errorRate":0.2}}');
  }
  const parsed = sandboxFaultsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`SANDBOX_FAULTS ${issue.path.join('.')} ${issue.message}`);
  }
  return parsed.data;
}
