import { fileURLToPath } from 'node:url';
import { sendJson } from '../http/body.js';
import { route, type Router } from '../http/router.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import { mountDemoToken } from './demo-token.js';
import { loadStaticFiles, sendStatic } from './static-files.js';

// Resolved from the repository root (two levels up from src/demo/ and from dist/demo/ alike), so a
// compiled server serves the committed bundle without a copy step.
const ROOT = new URL('../../', import.meta.url);
/** `npm run build:demo` writes the page here (committed; test/demo/bundle-drift.test.ts keeps it current). */
export const DEMO_BUNDLE_DIR = fileURLToPath(new URL('src/demo/bundle/', ROOT));
export const SAMPLE_PHOTOS_DIR = fileURLToPath(new URL('samples/photos/', ROOT));

/** What the page needs to know about this gateway (GET /demo/settings.json). */
interface DemoSettings {
  /** POST /sandbox/demo-token exists; otherwise the page asks for a token. */
  demoToken: boolean;
  /** Render-it is simulated: the page can complete a ZEPETO login itself. */
  sandboxZepetoLogin: boolean;
  /** GraphiQL is served at /graphql. */
  graphiql: boolean;
}

/**
 * The demo page at `/` and its files under `/demo/` (DEMO; on by default in sandbox mode). Every
 * file comes from this server, and the page's CSP says so to the browser: scripts, styles and
 * requests go to this origin only; images also from PUBLIC_URL (where the sandbox's render URLs
 * point) and, with a live upstream, from its https hosts.
 */
export function mountDemo(router: Router, services: { config: Config; logger: Logger }): void {
  const { config, logger } = services;
  if (!config.demo) return;
  const settings: DemoSettings = {
    demoToken: mountDemoToken(router, config),
    sandboxZepetoLogin: config.renderIt.mode === 'sandbox',
    graphiql: config.http.graphiql,
  };

  const bundle = loadStaticFiles(DEMO_BUNDLE_DIR);
  const page = bundle.get('index.html');
  const imageSources = ["'self'", new URL(config.publicUrl).origin, 'blob:', 'data:'];
  if (config.avaturn.mode === 'live' || config.renderIt.mode === 'live') imageSources.push('https:');
  const pageHeaders = {
    'content-security-policy': [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      `img-src ${imageSources.join(' ')}`,
      "connect-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    'referrer-policy': 'no-referrer',
  };

  if (!page) {
    logger.warn({ dir: DEMO_BUNDLE_DIR }, 'demo page bundle missing: run npm run build:demo');
    route(router, 'GET', '/', (_req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('The demo page is not built: run npm run build:demo\n');
    });
    return;
  }
  route(router, ['GET', 'HEAD'], '/', (req, res) => sendStatic(req, res, page, pageHeaders));
  for (const [name, file] of bundle) {
    if (name !== 'index.html') route(router, ['GET', 'HEAD'], `/demo/${name}`, (req, res) => sendStatic(req, res, file));
  }
  for (const [name, file] of loadStaticFiles(SAMPLE_PHOTOS_DIR)) {
    route(router, ['GET', 'HEAD'], `/demo/samples/${name}`, (req, res) => sendStatic(req, res, file));
  }
  route(router, 'GET', '/demo/settings.json', (_req, res) => sendJson(res, 200, settings, { 'cache-control': 'no-store' }));
}
