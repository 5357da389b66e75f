import { beforeAll, describe, expect, it } from 'vitest';
import type { IModule } from 'dependency-cruiser';
import { cruiseSrc, cyclesOf, folderGraph, topLevelOf, type ModuleImports } from '../helpers/dependency-graph.js';

let modules: IModule[];
beforeAll(async () => {
  modules = await cruiseSrc();
}, 60_000);

const module = (source: string, ...imports: string[]): ModuleImports => ({ source, dependencies: imports.map((resolved) => ({ resolved })) });

describe('the folder graph of src/', () => {
  it('has no cycle between top-level folders, each file at the top of src/ being a node of its own', () => {
    const graph = folderGraph(modules);
    expect(graph.get('renders/')).toBeDefined();
    expect(graph.get('services.ts')?.has('renders/')).toBe(true);
    expect(cyclesOf(graph)).toEqual([]);
  });

  it('keeps the GraphQL layer on top: no folder outside it imports schema/, graphql/ or context.ts', () => {
    const graph = folderGraph(modules);
    const importers = [...graph].filter(([, targets]) => ['schema/', 'graphql/', 'context.ts'].some((t) => targets.has(t))).map(([from]) => from);
    expect(importers.sort()).toEqual(['app.ts', 'graphql/', 'schema/', 'server/']);
  });

  it('finds a cycle through folders even when no file-level cycle exists', () => {
    const graph = folderGraph([
      module('src/avatars/avatar-repository.ts', 'src/store/store.ts'),
      module('src/store/memory-store.ts', 'src/avatars/avatar-record.ts'),
      module('src/app.ts', 'src/store/store.ts', 'node_modules/ioredis/built/index.js'),
    ]);
    expect(cyclesOf(graph)).toEqual([['avatars/', 'store/']]);
  });

  it('names top-level nodes: a folder, or a file at the top of src/', () => {
    expect(topLevelOf('src/upstreams/admission/fair-queue.ts')).toBe('upstreams/');
    expect(topLevelOf('src/services.ts')).toBe('services.ts');
    expect(topLevelOf('node_modules/graphql/index.js')).toBeUndefined();
  });
});
