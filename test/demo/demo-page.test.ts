import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_PHOTOS_DIR } from '../../src/demo/demo-routes.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = 'test-results/demo.png';
const FINAL_SCREENSHOT = 'test-results/demo-final.png';
/** Images the page's gallery renders (GALLERY_SIZE in src/demo/page/zepeto-flow.ts). */
const GALLERY_SIZE = 8;

const haveChromium = existsSync(CHROMIUM);
const requireBrowser = Boolean(process.env['REQUIRE_BROWSER']);
if (!haveChromium && !requireBrowser) {
  console.warn(`demo page browser test skipped: ${CHROMIUM} not found (apt-get install -y chromium; REQUIRE_BROWSER=1 makes this a failure)`);
}

interface Cost {
  images: number;
  units: number;
  usd: number;
}

describe.skipIf(!haveChromium && !requireBrowser)('the demo page in Chromium', () => {
  let gw: TestGateway;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const requested: string[] = [];
  const costs: Cost[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    if (!haveChromium) return; // REQUIRE_BROWSER: each test fails below, and counts as failed.
    // A quick watchdog: Avaturn sends nothing when photos fail, the gateway's poll finds out.
    gw = await startTestGateway({ SANDBOX_PROCESSING_DELAY_MS: '300', WATCHDOG_INTERVAL_MS: '100' });
    profile = mkdtempSync(join(tmpdir(), 'demo-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1000, height: 900 },
      args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('request', (r) => requested.push(r.url()));
    page.on('websocket', (ws) => requested.push(ws.url()));
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (err) => consoleErrors.push(err.message));
    // What the gateway reported as spent, to compare with what the page shows (SSE streams are not JSON).
    page.on('response', async (r) => {
      if (!r.url().endsWith('/graphql') || !(r.headers()['content-type'] ?? '').includes('json')) return;
      const body = (await r.json().catch(() => undefined)) as { extensions?: { cost?: Cost } } | undefined;
      if (body?.extensions?.cost) costs.push(body.extensions.cost);
    });
  }, 30_000);

  afterAll(async () => {
    // The page as the tests left it (for a failure; demo.png is the finished happy path).
    if (page) {
      mkdirSync('test-results', { recursive: true });
      await page.screenshot({ path: FINAL_SCREENSHOT, fullPage: true }).catch(() => undefined);
    }
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await gw?.stop();
  });

  const requireChromium = () => expect(haveChromium, `REQUIRE_BROWSER is set but ${CHROMIUM} is missing: apt-get install -y chromium`).toBe(true);

  /** Text of a data-testid element once `done` holds for it. */
  async function settledText(testId: string, done: RegExp, timeout = 10_000): Promise<string> {
    await page.waitForFunction(
      ([id, source]) => new RegExp(source!).test(document.querySelector(`[data-testid="${id}"]`)?.textContent ?? ''),
      [testId, done.source] as const,
      { timeout },
    );
    return (await page.getByTestId(testId).textContent()) ?? '';
  }

  it('goes from sample photos to a READY avatar, a GLB, a preview, a connected ZEPETO account, a gallery and its cost', async () => {
    requireChromium();
    await page.goto(`${gw.url}/`);
    expect(await settledText('demo-cost', /images/)).toBe('0 images · 0 units · $0.000');
    await page.locator('#session').filter({ hasText: 'demo-' }).waitFor();
    // Record what a person sees change: every status shown and every gallery size.
    await page.evaluate(() => {
      const seen: Record<string, string[]> = { status: [], gallery: [] };
      (window as unknown as { seen: typeof seen }).seen = seen;
      const status = document.querySelector('[data-testid="demo-avatar-status"]')!;
      const gallery = document.querySelector('[data-testid="demo-gallery"]')!;
      new MutationObserver(() => seen.status!.push(status.textContent ?? '')).observe(status, { childList: true, characterData: true, subtree: true });
      new MutationObserver(() => seen.gallery!.push(String(gallery.querySelectorAll('img').length))).observe(gallery, { childList: true });
    });

    await page.getByTestId('demo-use-samples').click();
    await page.getByTestId('demo-create').click();
    expect(await settledText('demo-avatar-status', /^(READY|FAILED)/)).toBe('READY');

    const link = page.getByTestId('demo-model-link');
    await link.waitFor({ state: 'visible' });
    const href = (await link.getAttribute('href'))!;
    expect(new URL(href).origin).toBe(new URL(gw.url).origin);
    const glb = await request(href);
    expect(glb.statusCode).toBe(200);
    expect(Buffer.from(await glb.body.arrayBuffer()).subarray(0, 4).toString('latin1')).toBe('glTF');

    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="demo-preview"]');
      return !!img && !img.hidden && img.complete && img.naturalWidth > 0;
    });

    await page.getByTestId('demo-zepeto-connect').click();
    await page.getByTestId('demo-zepeto-complete').click();
    expect(await settledText('demo-zepeto-status', /^(CONNECTED|EXPIRED)/)).toMatch(/^CONNECTED · sandbox_user_\d+$/);

    await page.waitForFunction(
      (n) => {
        const imgs = [...document.querySelectorAll<HTMLImageElement>('[data-testid="demo-gallery"] img')];
        return imgs.length === n && imgs.every((img) => img.complete && img.naturalWidth > 0);
      },
      GALLERY_SIZE,
      { timeout: 10_000 },
    );

    const cost = await settledText('demo-cost', new RegExp(`^${GALLERY_SIZE} images`));
    const spent = costs.reduce((a, c) => ({ images: a.images + c.images, units: a.units + c.units, usd: a.usd + c.usd }), { images: 0, units: 0, usd: 0 });
    const shown = /^(\d+) images · ([\d.]+) units · \$([\d.]+)$/.exec(cost);
    expect(shown, cost).not.toBeNull();
    expect(Number(shown![1])).toBe(spent.images);
    expect(Number(shown![2])).toBeCloseTo(spent.units, 2);
    expect(Number(shown![3])).toBeCloseTo(spent.usd, 6);
    expect(spent.units).toBeGreaterThan(0);

    const seen = await page.evaluate(() => (window as unknown as { seen: Record<string, string[]> }).seen);
    // The status moved live (the subscription's first event is the current state), and the gallery filled in steps.
    expect(seen['status']).toEqual(expect.arrayContaining(['PROCESSING', 'READY']));
    expect(seen['status']!.indexOf('PROCESSING')).toBeLessThan(seen['status']!.indexOf('READY'));
    const sizes = seen['gallery']!.map(Number).filter((n) => n > 0);
    expect(sizes.some((n) => n < GALLERY_SIZE)).toBe(true);
    expect(sizes.at(-1)).toBe(GALLERY_SIZE);

    expect(consoleErrors).toEqual([]);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it('takes three picked files, and shows why the avatar failed when one has no face', async () => {
    requireChromium();
    const photo = readFileSync(`${SAMPLE_PHOTOS_DIR}frontal.jpg`);
    const files = {
      frontal: photo,
      side1: photo,
      // The sandbox's "no face" marker: processing fails.
      side2: Buffer.concat([photo, Buffer.from('NO_FACE')]),
    };
    for (const [view, buffer] of Object.entries(files)) {
      await page.locator(`input[data-photo="${view}"]`).setInputFiles({ name: `mine-${view}.jpg`, mimeType: 'image/jpeg', buffer });
      await page.waitForFunction((id) => (document.getElementById(id) as HTMLImageElement).naturalWidth > 0, `photo-${view}`);
    }
    await page.getByTestId('demo-create').click();
    expect(await settledText('demo-avatar-status', /^(READY|FAILED)/)).toMatch(/^FAILED · .*no face/i);
    expect(await page.getByTestId('demo-create').isEnabled()).toBe(true);
    expect(await page.getByTestId('demo-model-link').isVisible()).toBe(false);
  });

  it('requested nothing from any host but the gateway', () => {
    requireChromium();
    const origin = new URL(gw.url).origin;
    expect(requested.length).toBeGreaterThan(10);
    const elsewhere = requested.filter((url) => !/^(data|blob):/.test(url) && new URL(url).origin !== origin);
    expect(elsewhere).toEqual([]);
  });
});
