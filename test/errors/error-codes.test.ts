import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ErrorCode, LIBRARY_CODE_ALIASES } from '../../src/errors/codes.js';
import { schema } from '../../src/schema/index.js';

/**
 * Every `extensions.code` the server can emit is a value of the `ErrorCode` enum. Ours come from
 * the one table (`src/errors/codes.ts`; TypeScript holds every `ErrorCode.X` to it), so what is
 * left to find is codes written as literals: in our sources, and in the libraries that answer
 * for us (Yoga, envelop, graphql-armor, @graphql-tools' executor, graphql-ws, Pothos). Each of
 * theirs is in the table or renamed into it by the error mask. graphql-ws reports protocol
 * failures with close codes (4400, 4401, 4403, 4408, 4409, 4429, 4500), not `extensions.code`.
 * `emitted-codes.test.ts` checks the same against the running server.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const table = new Set<string>(Object.values(ErrorCode));

const CODE_LITERALS = [
  /\bcode\s*:\s*['"]([A-Z][A-Z0-9_]+)['"]/g,
  /\[\s*['"]code['"]\s*\]\s*(?:\|\||\?\?)?=\s*['"]([A-Z][A-Z0-9_]+)['"]/g,
  /\.code\s*(?:\|\||\?\?)=\s*['"]([A-Z][A-Z0-9_]+)['"]/g,
];

const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

function codesIn(text: string): Set<string> {
  const found = new Set<string>();
  for (const pattern of CODE_LITERALS) for (const match of withoutComments(text).matchAll(pattern)) found.add(match[1]!);
  return found;
}

function filesUnder(dir: string, keep: (path: string) => boolean): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !relative(dir, path).split(sep).includes('node_modules') && keep(path));
}

/** Runtime packages (no dev dependencies) that build GraphQL errors a client may see. */
function answeringPackages(): Array<{ name: string; dir: string }> {
  const dirs = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root, encoding: 'utf8' }).trim().split('\n');
  return [...new Set(dirs)]
    .map((dir) => ({ dir, name: dir.slice(dir.lastIndexOf(`node_modules${sep}`) + 'node_modules/'.length) }))
    .filter(({ name }) => /graphql|yoga|envelop|armor|pothos/.test(name));
}

function libraryCodes(): Map<string, Set<string>> {
  const byCode = new Map<string, Set<string>>();
  for (const { name, dir } of answeringPackages()) {
    for (const file of filesUnder(dir, (p) => /\.(c|m)?js$/.test(p))) {
      for (const code of codesIn(readFileSync(file, 'utf8'))) byCode.set(code, (byCode.get(code) ?? new Set()).add(name));
    }
  }
  return byCode;
}

describe('ErrorCode: every code the server can emit is in the enum', () => {
  const fromLibraries = libraryCodes();

  it('is the table in src/errors/codes.ts, value for value', () => {
    const enumType = schema.getType('ErrorCode');
    if (!isEnumType(enumType)) throw new Error('ErrorCode is not an enum');
    expect(enumType.getValues().map((v) => v.name).sort()).toEqual([...table].sort());
  });

  it('finds the codes the libraries set (the scan works)', () => {
    expect([...fromLibraries.keys()]).toEqual(expect.arrayContaining(['BAD_REQUEST', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'REQUEST_ENTITY_TOO_LARGE']));
    expect([...fromLibraries.get('BAD_REQUEST')!]).toContain('graphql-yoga');
  });

  it("has every library's code, or renames it into the table", () => {
    const missing = [...fromLibraries].filter(([code]) => !table.has(code) && !Object.hasOwn(LIBRARY_CODE_ALIASES, code));
    expect(missing.map(([code, packages]) => `${code} (${[...packages].join(', ')})`)).toEqual([]);
    for (const [alias, code] of Object.entries(LIBRARY_CODE_ALIASES)) {
      expect(table.has(code), `${alias} -> ${code}`).toBe(true);
      expect(table.has(alias), `${alias} is renamed, so it is not in the table itself`).toBe(false);
    }
  });

  it('renames only codes a library still sets (no stale alias)', () => {
    expect(Object.keys(LIBRARY_CODE_ALIASES).filter((code) => !fromLibraries.has(code))).toEqual([]);
  });

  it('has every code our own sources write as a literal (they use the table everywhere)', () => {
    const ours = new Map<string, string[]>();
    // The simulators speak the upstreams' formats, not ours; generated documents hold no codes.
    const files = filesUnder(join(root, 'src'), (p) => p.endsWith('.ts') && !p.includes(`${sep}sandbox${sep}`) && !p.includes('__generated__'));
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      for (const code of codesIn(readFileSync(file, 'utf8'))) ours.set(code, [...(ours.get(code) ?? []), relative(root, file)]);
    }
    expect([...ours].filter(([code]) => !table.has(code))).toEqual([]);
  });
});
