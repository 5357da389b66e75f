import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { FormData, request } from 'undici';
import { DEFAULT_POSE_CATALOG } from '../../src/config/config.js';
import { readText, sendJson } from '../../src/http/body.js';
import { createRouter, route } from '../../src/http/router.js';
import { silentLogger } from '../../src/logging/logger.js';
import { PoseCatalog } from '../../src/poses/catalog.js';
import { mountAvaturnSandbox, type AvaturnSandbox, type AvaturnSandboxOptions } from '../../src/sandbox/avaturn/index.js';
import { FaultController } from '../../src/sandbox/faults.js';
import { renderJpeg, renderPng } from '../../src/sandbox/images/index.js';

export const API_KEY = 'test-avaturn-key';
export const BASE_PATH = '/sandbox/avaturn';

interface ReceivedWebhook {
  headers: Record<string, string>;
  raw: string;
  body: { event: string; [key: string]: unknown };
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: unknown;
}

export interface Harness {
  origin: string;
  sandbox: AvaturnSandbox;
  faults: FaultController;
  /** Webhooks the test receiver answered 2xx to, in arrival order. */
  received: ReceivedWebhook[];
  /** Statuses the receiver answers next (then 200). */
  receiverStatuses: number[];
  /** Shifts the simulator's clock. */
  advanceClock(ms: number): void;
  api(method: string, path: string, init?: { body?: unknown; token?: string | null }): Promise<Reply>;
  fetch(url: string, init?: { method?: 'GET' | 'POST'; body?: FormData }): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: Buffer }>;
  close(): Promise<void>;
}

export type HarnessOptions = Partial<Omit<AvaturnSandboxOptions, 'faults' | 'logger' | 'catalog' | 'publicUrl' | 'basePath'>> & {
  webhooks?: boolean;
};

const catalog = PoseCatalog.fromFile(DEFAULT_POSE_CATALOG);

/** A real loopback server with the simulator and a webhook receiver on one router. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const router = createRouter();
  const server: Server = createServer((req, res) => router.lookup(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const received: ReceivedWebhook[] = [];
  const receiverStatuses: number[] = [];
  route(router, 'POST', '/hooks/avaturn', async (req, res) => {
    const raw = await readText(req, 1024 * 1024);
    const status = receiverStatuses.shift() ?? 200;
    if (status < 300) {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      received.push({ headers, raw, body: JSON.parse(raw) as ReceivedWebhook['body'] });
    }
    sendJson(res, status, { ok: status < 300 });
  });

  let offset = 0;
  const faults = new FaultController();
  const { webhooks = true, ...rest } = options;
  const sandbox = mountAvaturnSandbox(router, {
    basePath: BASE_PATH,
    publicUrl: origin,
    apiKey: API_KEY,
    webhookUrl: webhooks ? `${origin}/hooks/avaturn` : undefined,
    processingDelayMs: 50,
    exportDelayMs: 30,
    renderDelayMs: 30,
    webhookRetry: { attempts: 3, baseDelayMs: 20 },
    catalog,
    faults,
    logger: silentLogger,
    now: () => Date.now() + offset,
    ...rest,
  });

  return {
    origin,
    sandbox,
    faults,
    received,
    receiverStatuses,
    advanceClock: (ms) => {
      offset += ms;
    },
    async api(method, path, init = {}) {
      const headers: Record<string, string> = {};
      const token = init.token === undefined ? API_KEY : init.token;
      if (token !== null) headers.authorization = `Bearer ${token}`;
      let body: string | undefined;
      if (init.body !== undefined) {
        headers['content-type'] = 'application/json';
        body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
      }
      const res = await request(`${origin}${BASE_PATH}/api/v1/${path}`, {
        method: method as 'GET',
        headers,
        body,
      });
      const text = await res.body.text();
      return { status: res.statusCode, headers: res.headers, json: text === '' ? undefined : (JSON.parse(text) as unknown) };
    },
    async fetch(url, init = {}) {
      const res = await request(url, { method: init.method ?? 'GET', body: init.body });
      return { status: res.statusCode, headers: res.headers, bytes: Buffer.from(await res.body.arrayBuffer()) };
    },
    async close() {
      await sandbox.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Polls until `check` returns a value (not undefined) or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('waitFor timed out');
    await sleep(10);
  }
}

export const goodJpeg = (seed = 'face'): Buffer => renderJpeg({ width: 128, height: 160, seed });
const goodPng = (seed = 'face'): Buffer => renderPng({ width: 96, height: 96, seed });

export interface PhotoSet {
  frontal?: Buffer | string;
  side1?: Buffer | string;
  side2?: Buffer | string;
  bodyType?: string;
  telephoto?: string;
}

/** The upload form; a string photo is sent as a plain text field, an omitted one is left out. */
export function photoForm(photos: PhotoSet = {}, omit: string[] = []): FormData {
  const form = new FormData();
  const files: Array<[string, Buffer | string]> = [
    ['image-frontal', photos.frontal ?? goodJpeg('f')],
    ['image-side-1', photos.side1 ?? goodJpeg('s1')],
    ['image-side-2', photos.side2 ?? goodPng('s2')],
  ];
  for (const [name, value] of files) {
    if (omit.includes(name)) continue;
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, new Blob([new Uint8Array(value)], { type: 'image/jpeg' }), `${name}.jpg`);
  }
  if (!omit.includes('body-type')) form.append('body-type', photos.bodyType ?? 'female');
  if (photos.telephoto !== undefined) form.append('telephoto', photos.telephoto);
  return form;
}

export async function newUser(h: Harness): Promise<string> {
  const res = await h.api('POST', 'users/new');
  return (res.json as { id: string }).id;
}

export async function newAvatar(h: Harness, userId: string): Promise<{ avatar_id: string; upload_url: string }> {
  const res = await h.api('POST', 'avatars/new', { body: { user_id: userId } });
  return res.json as { avatar_id: string; upload_url: string };
}

export async function avatarStatus(h: Harness, userId: string, avatarId: string): Promise<string | undefined> {
  const res = await h.api('GET', `users/${userId}/avatars?include_not_ready=true`);
  return (res.json as Array<{ id: string; status: string }>).find((a) => a.id === avatarId)?.status;
}

/** A ready avatar (optionally with a customization PUT), waiting for processing to end. */
export async function readyAvatar(h: Harness, customize = true): Promise<{ userId: string; avatarId: string }> {
  const userId = await newUser(h);
  const { avatar_id: avatarId, upload_url } = await newAvatar(h, userId);
  const upload = await h.fetch(upload_url, { method: 'POST', body: photoForm() });
  if (upload.status !== 200) throw new Error(`upload failed with ${upload.status}`);
  const deadline = Date.now() + 3000;
  while ((await avatarStatus(h, userId, avatarId)) !== 'ready') {
    if (Date.now() > deadline) throw new Error('avatar never became ready');
    await sleep(10);
  }
  if (customize) await h.api('PUT', `avatars/${avatarId}/customization`, { body: {} });
  return { userId, avatarId };
}
