import { generate } from '@graphql-codegen/cli';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import committedPossibleTypes from '../../schema/possible-types.json' with { type: 'json' };
import config from './readme/codegen.js';

/**
 * The README's codegen config for frontends (test/clients/readme/codegen.ts, included there
 * verbatim), run in a scratch app holding the committed SDL and one document: it generates,
 * the output compiles under strict TypeScript, the scalars are mapped as documented, and the
 * possibleTypes equal the gateway's committed schema/possible-types.json.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
let app: string;
const read = (path: string) => readFileSync(join(app, path), 'utf8');

// An app's file: two documents, and type checks of the scalar mapping the compile test runs.
const APP_SOURCE = `import { graphql } from './gql';
import type { AvatarStatusQuery, CreateAvatarInput } from './gql/graphql';

export const AvatarStatus = graphql(\`
  query AvatarStatus($id: ID!) {
    avatar(id: $id) { id status createdAt ... on AvaturnAvatar { model { url expiresAt } } }
  }
\`);

export const CreateAvatar = graphql(\`
  mutation CreateAvatar($input: CreateAvatarInput!) {
    createAvatar(input: $input) { __typename ... on Error { code message } }
  }
\`);

type Avatar = NonNullable<AvatarStatusQuery['avatar']>;
export const createdAt: Avatar['createdAt'] = '2024-01-02T03:04:05.678Z';
// @ts-expect-error a DateTime arrives as a string, not a Date
export const notADate: Avatar['createdAt'] = new Date();
export const frontal: CreateAvatarInput['frontal'] = new File([], 'frontal.jpg');
// @ts-expect-error an Upload is a File you send, not a string
export const notAFile: CreateAvatarInput['frontal'] = 'frontal.jpg';
`;

beforeAll(async () => {
  app = mkdtempSync(join(tmpdir(), 'frontend-codegen-'));
  symlinkSync(join(root, 'node_modules'), join(app, 'node_modules'), 'dir');
  copyFileSync(join(root, 'schema/schema.graphql'), join(app, 'avatar-gateway.graphql'));
  mkdirSync(join(app, 'src'));
  writeFileSync(join(app, 'src/app.ts'), APP_SOURCE);
  await generate({ ...config, cwd: app, silent: true }, true);
}, 60_000);
afterAll(() => rmSync(app, { recursive: true, force: true }));

describe('README: the codegen config a frontend copies', () => {
  it('maps every custom scalar as documented (the compile test checks the types themselves)', () => {
    const types = read('src/gql/graphql.ts');
    expect(types).toMatch(/createdAt: string/);
    expect(types).toMatch(/url: string \| null/);
    expect(types).toMatch(/frontal: File;/);
  });

  it("writes the same possibleTypes as the gateway's committed schema/possible-types.json", () => {
    expect(JSON.parse(read('src/gql/possible-types.json'))).toEqual(committedPossibleTypes);
  });

  it('writes a persisted-documents manifest (hash -> document) with both operations', () => {
    const manifest = JSON.parse(read('src/gql/persisted-documents.json')) as Record<string, string>;
    expect(Object.values(manifest).sort()).toEqual([expect.stringContaining('mutation CreateAvatar'), expect.stringContaining('query AvatarStatus')]);
  });

  it('compiles with the app under strict TypeScript', () => {
    const program = ts.createProgram([join(app, 'src/app.ts')], {
      strict: true,
      noEmit: true,
      // What a Vite (or any bundler) app compiles with.
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
      skipLibCheck: true,
      verbatimModuleSyntax: true,
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
  }, 30_000);
});
