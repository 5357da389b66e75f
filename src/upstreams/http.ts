import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { Pool, type Dispatcher } from 'undici';
import type { z } from 'zod';
import { UpstreamAbortedError, UpstreamBadResponseError, UpstreamDeadlineExceededError, type UpstreamError, type UpstreamName } from './errors.js';
import { errorFromStatus, errorFromTransport } from './error-mapping.js';

const KiB = 1024;
const MiB = 1024 * KiB;

export interface DispatcherOptions {
  /** Sockets kept to the origin at most. @default 16 */
  connections?: number;
  /** Time to wait for the response headers, in ms. @default 15000 */
  headersTimeout?: number;
  /** Longest silence while reading a response body, in ms. @default 30000 */
  bodyTimeout?: number;
  /** Time to open a connection (TCP and TLS), in ms. @default 10000 */
  connectTimeout?: number;
  /** Idle time before a kept-alive socket is closed, in ms. @default 4000 */
  keepAliveTimeout?: number;
}

export const DEFAULT_DISPATCHER_OPTIONS: Required<DispatcherOptions> = {
  connections: 16,
  headersTimeout: 15_000,
  bodyTimeout: 30_000,
  connectTimeout: 10_000,
  keepAliveTimeout: 4_000,
};

/** One pool per upstream origin, created once at start-up, closed on shutdown. undici's defaults (300 s timeouts, unlimited sockets) are never used. */
export function createUpstreamDispatcher(origin: string | URL, options: DispatcherOptions = {}): Pool {
  const o = { ...DEFAULT_DISPATCHER_OPTIONS, ...options };
  return new Pool(new URL(origin).origin, {
    connections: o.connections,
    headersTimeout: o.headersTimeout,
    bodyTimeout: o.bodyTimeout,
    connectTimeout: o.connectTimeout,
    keepAliveTimeout: o.keepAliveTimeout,
    pipelining: 1,
  });
}

/** Per-call options every client method takes. */
export interface CallOptions {
  /** Cancels the call (including retries and limiter waits). */
  signal?: AbortSignal;
  /** Absolute time (ms since the epoch) after which the call gives up; no attempt or wait runs past it. */
  deadline?: number;
}

/** A signal that fires on the caller's abort or at the deadline, and tells the two apart. */
export interface CallScope {
  readonly signal: AbortSignal | undefined;
  /** The error to throw if the scope was aborted, else undefined. */
  abortError(upstream: UpstreamName, cause?: unknown): UpstreamError | undefined;
  dispose(): void;
}

export function openScope({ signal, deadline }: CallOptions, now = Date.now()): CallScope {
  if (deadline === undefined) {
    return {
      signal,
      abortError: (upstream, cause) => (signal?.aborted ? new UpstreamAbortedError(upstream, cause) : undefined),
      dispose: () => {},
    };
  }
  const controller = new AbortController();
  let expired = false;
  const expire = () => {
    expired = true;
    controller.abort(new Error('deadline exceeded'));
  };
  const remaining = deadline - now;
  const timer = remaining > 0 ? setTimeout(expire, remaining) : undefined;
  timer?.unref();
  if (remaining <= 0) expire();
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    abortError: (upstream, cause) => {
      if (signal?.aborted) return new UpstreamAbortedError(upstream, cause);
      if (expired) return new UpstreamDeadlineExceededError(upstream, cause);
      return undefined;
    },
    dispose: () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface UpstreamRequest extends CallOptions {
  upstream: UpstreamName;
  dispatcher: Dispatcher;
  method: HttpMethod;
  url: URL;
  headers?: Record<string, string>;
  /** Serialized as the JSON body (sets `content-type` unless given). */
  json?: unknown;
  /** A streamed body; the caller must never retry such a request. */
  stream?: Readable;
  /** Largest success body read, in bytes. @default 1 MiB */
  maxResponseBytes?: number;
  /** Per-request override of the dispatcher's headers timeout, in ms. */
  headersTimeout?: number;
  /** Per-request override of the dispatcher's body timeout, in ms. */
  bodyTimeout?: number;
  /** Hand back 3xx answers (their `location`) instead of treating them as contract breaks. */
  allowRedirect?: boolean;
}

export interface UpstreamResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Parsed JSON, or undefined for an empty body or a redirect. */
  body: unknown;
}

const DEFAULT_MAX_RESPONSE_BYTES = MiB;
/** Error bodies are only read for their validation detail; anything longer is dropped. */
const MAX_ERROR_BODY_BYTES = 64 * KiB;

type Body = Dispatcher.ResponseData['body'];

/** Reads at most `cap` bytes; past it the body is destroyed (closing the socket) and undefined returned. */
async function readCapped(body: Body, cap: number, contentLength: string | undefined): Promise<Buffer | undefined> {
  if (contentLength !== undefined && Number(contentLength) > cap) {
    body.destroy();
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > cap) {
      body.destroy();
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

function parseJson(buf: Buffer): { ok: true; value: unknown } | { ok: false } {
  const text = buf.toString('utf8');
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * Sends one request and classifies the answer: 2xx comes back with its JSON body read under a
 * size cap; every other outcome throws an `UpstreamError`. The body is always consumed or
 * destroyed, so the socket goes back to the pool or is closed, never leaked.
 */
export async function sendRequest(req: UpstreamRequest): Promise<UpstreamResponse> {
  const scope = openScope(req);
  try {
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    let body: string | Readable | undefined;
    if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] ??= 'application/json';
    } else if (req.stream) {
      body = req.stream;
    }
    const res = await req.dispatcher.request({
      origin: req.url.origin,
      path: `${req.url.pathname}${req.url.search}`,
      method: req.method,
      headers,
      body: body ?? null,
      signal: scope.signal ?? null,
      headersTimeout: req.headersTimeout ?? null,
      bodyTimeout: req.bodyTimeout ?? null,
      idempotent: req.method === 'GET' || req.method === 'PUT' || req.method === 'DELETE',
    });
    const contentLength = header(res.headers, 'content-length');

    if (res.statusCode >= 300 && res.statusCode < 400) {
      await res.body.dump();
      if (req.allowRedirect) return { status: res.statusCode, headers: res.headers, body: undefined };
      throw new UpstreamBadResponseError(req.upstream, 'unexpected-redirect', { status: res.statusCode });
    }
    if (res.statusCode < 200 || res.statusCode >= 300) {
      const raw = await readCapped(res.body, MAX_ERROR_BODY_BYTES, contentLength);
      const parsed = raw === undefined ? undefined : parseJson(raw);
      throw errorFromStatus(req.upstream, res.statusCode, res.headers, parsed?.ok ? parsed.value : undefined);
    }
    const raw = await readCapped(res.body, req.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, contentLength);
    if (raw === undefined) throw new UpstreamBadResponseError(req.upstream, 'too-large', { status: res.statusCode });
    const parsed = parseJson(raw);
    if (!parsed.ok) throw new UpstreamBadResponseError(req.upstream, 'not-json', { status: res.statusCode });
    return { status: res.statusCode, headers: res.headers, body: parsed.value };
  } catch (err) {
    throw scope.abortError(req.upstream, err) ?? errorFromTransport(req.upstream, err);
  } finally {
    scope.dispose();
  }
}

/** Validates an upstream answer against its schema; a mismatch is a bad response, its issues kept internal. */
export function parseResponse<S extends z.ZodType>(upstream: UpstreamName, schema: S, body: unknown, status?: number): z.output<S> {
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new UpstreamBadResponseError(upstream, 'invalid-shape', {
      status,
      issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return result.data;
}

/** `sendRequest` then `parseResponse`: the usual JSON call. */
export async function sendJson<S extends z.ZodType>(req: UpstreamRequest & { schema: S }): Promise<z.output<S>> {
  const res = await sendRequest(req);
  return parseResponse(req.upstream, req.schema, res.body, res.status);
}

/** Joins a path onto a base URL that may itself have a path (`http://host/sandbox/avaturn`). */
export function joinUrl(base: string, path: string, query?: Record<string, string | undefined>): URL {
  const url = new URL(`${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`);
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
  return url;
}
