import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Webhook } from 'standardwebhooks';
import { request, type Dispatcher } from 'undici';
import type { Logger } from '../../logging/logger.js';
import type { FaultController } from '../faults.js';

export interface WebhookAttempt {
  event: string;
  body: unknown;
  status: number | 'error';
  attempt: number;
}

export interface WebhookSenderOptions {
  url: string | undefined;
  secret: string | undefined;
  retry: { attempts: number; baseDelayMs: number };
  faults: FaultController;
  logger: Logger;
  dispatcher: Dispatcher | undefined;
}

const TIMEOUT_MS = 10_000;

/**
 * Delivers webhook events at least once: JSON POST, retried on a non-2xx answer or a network
 * error with doubling delays, sent 0, 1 or 2 times as fault injection decides. All copies and
 * attempts of one event share its `webhook-id`; the signature is computed per attempt.
 */
export class WebhookSender {
  readonly attempts: WebhookAttempt[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private readonly signer: Webhook | undefined;

  constructor(private readonly options: WebhookSenderOptions) {
    this.signer = options.secret ? new Webhook(options.secret) : undefined;
  }

  send(body: { event: string } & Record<string, unknown>): void {
    const { url, faults, logger } = this.options;
    if (!url || this.abort.signal.aborted) return;
    const copies = faults.webhookCopies();
    if (copies === 0) {
      logger.debug({ event: body.event }, 'avaturn sandbox: webhook dropped by fault injection');
      return;
    }
    const id = `msg_${randomUUID()}`;
    const payload = JSON.stringify(body);
    const task = (async () => {
      for (let copy = 0; copy < copies; copy++) await this.deliver(url, id, body, payload);
    })()
      .catch((err: unknown) => logger.error({ err }, 'avaturn sandbox: webhook delivery crashed'))
      .finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
  }

  private async deliver(url: string, id: string, body: { event: string }, payload: string): Promise<void> {
    const { retry, logger, dispatcher } = this.options;
    const signal = this.abort.signal;
    for (let attempt = 1; attempt <= retry.attempts; attempt++) {
      if (signal.aborted) return;
      const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'avaturn-sandbox' };
      if (this.signer) {
        const at = new Date();
        headers['webhook-id'] = id;
        headers['webhook-timestamp'] = String(Math.floor(at.getTime() / 1000));
        headers['webhook-signature'] = this.signer.sign(id, at, payload);
      }
      let status: number | 'error';
      try {
        const res = await request(url, {
          method: 'POST',
          headers,
          body: payload,
          dispatcher,
          signal,
          headersTimeout: TIMEOUT_MS,
          bodyTimeout: TIMEOUT_MS,
        });
        await res.body.dump();
        status = res.statusCode;
      } catch {
        if (signal.aborted) return;
        status = 'error';
      }
      this.attempts.push({ event: body.event, body, status, attempt });
      if (typeof status === 'number' && status >= 200 && status < 300) return;
      if (attempt === retry.attempts) break;
      try {
        await sleep(retry.baseDelayMs * 2 ** (attempt - 1), undefined, { signal });
      } catch {
        return;
      }
    }
    logger.warn({ event: body.event, attempts: retry.attempts }, 'avaturn sandbox: webhook delivery gave up');
  }

  /** Stops retries and aborts requests in flight. */
  async close(): Promise<void> {
    this.abort.abort();
    await Promise.allSettled([...this.inFlight]);
  }
}
