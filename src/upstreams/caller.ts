import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import type { Logger } from '../logging/logger.js';
import { Admission } from './admission/admission.js';
import { UpstreamAuthError, UpstreamError, type UpstreamName } from './errors.js';
import {
  joinUrl,
  openScope,
  parseResponse,
  sendRequest,
  type CallOptions,
  type HttpMethod,
  type UpstreamResponse,
} from './http.js';
import type { RateLimiter } from './admission/rate-limiter.js';
import { withRetry, type RetryHooks, type RetryPolicy } from './retry.js';

/** Told about every attempt: its HTTP status, or the error code when no answer came. */
export type UpstreamCallObserver = (attempt: {
  upstream: UpstreamName;
  operation: string;
  outcome: number | string;
  seconds: number;
}) => void;

/** Options both upstream clients take. */
export interface UpstreamClientOptions {
  /** Origin plus optional path prefix, e.g. `https://api.avaturn.me` or `http://127.0.0.1:4000/sandbox/avaturn`. */
  baseUrl: string;
  apiKey: string;
  /** The pool for `baseUrl`'s origin (`createUpstreamDispatcher`), or a `MockAgent` in tests. */
  dispatcher: Dispatcher;
  logger: Logger;
  /** Acquired before every attempt, retries included, in fair turns between users (`CallerOptions.user`). */
  limiter?: RateLimiter;
  /**
   * Calls in flight at once; set it to the pool's connection count. A limiter slot is only taken
   * once a connection is free, so granted calls never queue in the pool and then leave in a
   * burst that breaks the TPS window. @default unlimited
   */
  maxConcurrent?: number;
  /** Metrics hook, called once per attempt. */
  observe?: UpstreamCallObserver;
  retry?: Partial<RetryPolicy> & RetryHooks;
  /** Per-request overrides of the dispatcher's timeouts, in ms. */
  timeouts?: { headersTimeout?: number; bodyTimeout?: number };
  /** Largest response body read, in bytes. @default 1 MiB */
  maxResponseBytes?: number;
}

export interface CallSpec {
  /** Name for logs, e.g. `createUser`. */
  operation: string;
  method: HttpMethod;
  path: string;
  query?: Record<string, string | undefined>;
  json?: unknown;
  headers?: Record<string, string>;
  /** Repeating the call has the effect of doing it once. */
  idempotent: boolean;
  allowRedirect?: boolean;
}

/** Per-call options of the clients: the usual ones, plus who the call is for. */
export interface CallerOptions extends CallOptions {
  /**
   * The app user the call serves. Attempts waiting for a connection or a TPS slot are served in
   * turns between users, so one user's flood cannot hold everyone else back. @default none (one shared queue)
   */
  user?: string;
}

const KEY_VARIABLE: Record<UpstreamName, string> = { avaturn: 'AVATURN_API_KEY', 'render-it': 'RENDERIT_API_KEY' };

/** Shared call path of the clients: limiter, retry, authorization, response validation, alarms. */
export class UpstreamCaller {
  private readonly admission: Admission | undefined;

  constructor(
    readonly upstream: UpstreamName,
    private readonly options: UpstreamClientOptions,
  ) {
    const { limiter, maxConcurrent } = options;
    this.admission = limiter || maxConcurrent ? new Admission({ limiter, maxConcurrent }) : undefined;
  }

  url(path: string, query?: Record<string, string | undefined>): URL {
    return joinUrl(this.options.baseUrl, path, query);
  }

  async send(spec: CallSpec, call: CallerOptions = {}): Promise<UpstreamResponse> {
    const { logger, retry, timeouts } = this.options;
    const url = this.url(spec.path, spec.query);
    const attempt = async () => {
      const started = performance.now();
      const observe = (outcome: number | string) =>
        this.options.observe?.({ upstream: this.upstream, operation: spec.operation, outcome, seconds: (performance.now() - started) / 1000 });
      const sent = sendRequest({
        upstream: this.upstream,
        dispatcher: this.options.dispatcher,
        method: spec.method,
        url,
        headers: { authorization: `Bearer ${this.options.apiKey}`, ...spec.headers },
        json: spec.json,
        signal: call.signal,
        deadline: call.deadline,
        maxResponseBytes: this.options.maxResponseBytes,
        headersTimeout: timeouts?.headersTimeout,
        bodyTimeout: timeouts?.bodyTimeout,
        allowRedirect: spec.allowRedirect,
      });
      return sent.then(
        (res) => {
          observe(res.status);
          return res;
        },
        (err: unknown) => {
          observe(err instanceof UpstreamError ? (err.status ?? err.code) : 'error');
          throw err;
        },
      );
    };
    try {
      return await withRetry(
        () => this.admitted(call, attempt),
        {
          ...retry,
          idempotent: spec.idempotent,
          deadline: call.deadline,
          signal: call.signal,
          onRetry: ({ attempt, delayMs, error }) =>
            logger.warn(
              { upstream: this.upstream, operation: spec.operation, attempt, delayMs, code: error.code, status: error.status },
              'retrying upstream call',
            ),
        },
      );
    } catch (err) {
      if (err instanceof UpstreamAuthError) {
        logger.error(
          { upstream: this.upstream, operation: spec.operation, status: err.status, code: err.code, alarm: 'upstream-auth' },
          `${err.message}: check ${KEY_VARIABLE[this.upstream]}${err.status === 403 ? ' and the allowed IPs/referers' : ''}`,
        );
      }
      throw err;
    }
  }

  async json<S extends z.ZodType>(spec: CallSpec & { schema: S }, call: CallerOptions = {}): Promise<z.output<S>> {
    const res = await this.send(spec, call);
    return parseResponse(this.upstream, spec.schema, res.body, res.status);
  }

  /** One attempt, once admitted (connection and TPS slot); the connection is given back when it settles. */
  private async admitted<T>(call: CallerOptions, attempt: () => Promise<T>): Promise<T> {
    if (!this.admission) return attempt();
    const scope = openScope(call);
    let release: () => void;
    try {
      release = await this.admission.enter(call.user, scope.signal);
    } catch (err) {
      throw scope.abortError(this.upstream, err) ?? err;
    } finally {
      scope.dispose();
    }
    try {
      return await attempt();
    } finally {
      release();
    }
  }
}
