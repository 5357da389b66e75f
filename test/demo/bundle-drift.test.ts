import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_BUNDLE_DIR } from '../../src/demo/demo-routes.js';

const read = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name), 'utf8')]));

describe('the committed demo bundle (src/demo/bundle/)', () => {
  const out = mkdtempSync(join(tmpdir(), 'demo-bundle-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('is what npm run build:demo makes from src/demo/page/ (else: run it and commit)', async () => {
    await build({ configFile: 'src/demo/vite.config.ts', logLevel: 'silent', build: { outDir: out, emptyOutDir: true } });
    expect(read(DEMO_BUNDLE_DIR), 'src/demo/bundle/ is stale: run npm run build:demo and commit it').toEqual(read(out));
  }, 60_000);
});
