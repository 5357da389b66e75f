/**
 * Child process: a minimal loopback Render-it for the load benches, shared by every arm (the
 * bare Yoga server, the gateway and the direct floor), so they all call the same upstream. It
 * answers like the real API (shared/upstreams/render-it.md): bearer key (401), JSON only (415),
 * quality, targets and pose counts checked (400), Single and Multi Images with `redirect=false`,
 * and the QR login, which connects FAKE_ZEPETO_IDS ids (`bench_0`, `bench_1`, ...) at once.
 * Unlike the sandbox simulator it has no TPS limit and no latency (FAKE_LATENCY_MS adds one),
 * and it keeps no state per render, so its cost per call stays flat however long a bench runs.
 * `GET /__bench/stats` counts the calls by method. Reports `{ type: 'ready', url }` over IPC.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const KEY = process.env['FAKE_RENDERIT_KEY'] ?? 'bench-renderit-key';
const ZEPETO_IDS = Number(process.env['FAKE_ZEPETO_IDS'] ?? '8');
const LATENCY_MS = Number(process.env['FAKE_LATENCY_MS'] ?? '0');
const QUALITIES = new Set(['W160', 'W240', 'W320', 'W480', 'W640', 'W960', 'W1280', 'W1600', 'W1920', 'W2560', 'W3200', 'W3840']);
const SINGLE = '/services/biz/openApi/photos/';
const MULTI = '/services/biz/openApi/photos';
const AUTH = '/services/biz/characters/auth';

const stats = { single: 0, multi: 0, auth: 0, refused: 0 };
let images = 0;
let sessions = 0;
let base = '';

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
}

const imageUrl = () => `${base}/results/${++images}.png`;

function validTargets(body: unknown): boolean {
  const targets = (body as { targets?: unknown } | undefined)?.targets;
  return Array.isArray(targets) && targets.length >= 1 && targets.length <= 8 && targets.every((t) => typeof (t as { zepetoId?: unknown }).zepetoId === 'string');
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', base);
  if (url.pathname === '/__bench/stats') return send(res, 200, stats);
  if (req.headers.authorization !== `Bearer ${KEY}`) {
    stats.refused++;
    return send(res, 401, { code: 401, message: 'invalid API key' });
  }
  if (req.method === 'GET' && url.pathname.startsWith(`${AUTH}/`)) {
    const zepetoIds = Array.from({ length: ZEPETO_IDS }, (_, i) => `bench_${i}`);
    return send(res, 200, { status: 'CONNECTED', zepetoIds });
  }
  if (req.method !== 'POST') return send(res, 404, { code: 404, message: 'not found' });
  if (url.pathname === AUTH) {
    stats.auth++;
    const sessionId = `bench-session-${++sessions}`;
    return send(res, 200, { url: `ZEPETO://PLATFORM/QR_LOGIN?type=RENDER_IT&udid=${sessionId}`, sessionId });
  }
  if (!req.headers['content-type']?.startsWith('application/json')) return send(res, 415, { code: 415, message: 'unsupported content type' });
  const body = await readJson(req);
  if (!QUALITIES.has(url.searchParams.get('quality') ?? '') || !validTargets(body)) {
    stats.refused++;
    return send(res, 400, { code: 400, message: 'bad parameters' });
  }
  if (LATENCY_MS > 0) await sleep(LATENCY_MS);
  if (url.pathname.startsWith(SINGLE)) {
    stats.single++;
    return send(res, 200, { url: imageUrl() });
  }
  if (url.pathname === MULTI) {
    const poseIds = (body as { poseIds?: unknown }).poseIds;
    if (!Array.isArray(poseIds) || poseIds.length < 1 || poseIds.length > 10) return send(res, 400, { code: 400, message: 'bad parameters' });
    stats.multi++;
    return send(res, 200, { images: poseIds.map((poseId) => ({ poseId, url: imageUrl() })) });
  }
  send(res, 404, { code: 404, message: 'not found' });
}

const server = createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
  handle(req, res).catch(() => send(res, 400, { code: 400, message: 'bad request' }));
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
process.on('disconnect', () => process.exit(0));
process.send!({ type: 'ready', url: base });
