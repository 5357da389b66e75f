import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The README's client set-ups are the files the tests run: each block after a
 * `<!-- verbatim: path -->` marker equals that file, and every file of test/clients/readme/ is
 * shown. After changing one, paste it back into the README (or the other way round).
 */
const root = new URL('../../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const blocks = [...readme.matchAll(/<!-- verbatim: (\S+) -->\n```\w+\n([\s\S]*?)\n```/g)].map((m) => ({ path: m[1]!, code: m[2]! }));

describe('README: client snippets', () => {
  it('shows every file of test/clients/readme/ once', () => {
    const files = readdirSync(new URL('test/clients/readme/', root)).map((name) => `test/clients/readme/${name}`);
    expect(blocks.map((b) => b.path).sort()).toEqual(files.sort());
  });

  it.each(blocks.map((b) => [b.path, b.code] as const))('shows %s as it is', (path, code) => {
    expect(code).toBe(readFileSync(new URL(path, root), 'utf8').replace(/\n$/, ''));
  });
});
