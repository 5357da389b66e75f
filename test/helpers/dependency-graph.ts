import { cruise, type IModule } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

/** Folder -> the folders it imports from. */
export type FolderGraph = Map<string, Set<string>>;

/** The modules of src/ and what each imports, as `npm run check:deps` sees them (same config: type-only imports count). */
export async function cruiseSrc(): Promise<IModule[]> {
  const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
  const result = await cruise(['src'], options, undefined, { tsConfig: extractTSConfig('tsconfig.json') });
  if (typeof result.output === 'string') throw new Error('dependency-cruiser answered with a report, not a result');
  return result.output.modules;
}

/** `src/renders/render-job.ts` -> `renders/`; a file at the top of src/ is a node of its own (`app.ts`). */
export function topLevelOf(path: string): string | undefined {
  const match = /^src\/(?:([^/]+)\/|([^/]+)$)/.exec(path);
  if (!match) return undefined;
  return match[1] === undefined ? match[2] : `${match[1]}/`;
}

/** What the folder graph reads of a cruised module. */
export interface ModuleImports {
  source: string;
  dependencies: ReadonlyArray<{ resolved: string }>;
}

/** The imports between top-level nodes of src/ (imports within one node left out). */
export function folderGraph(modules: readonly ModuleImports[]): FolderGraph {
  const graph: FolderGraph = new Map();
  for (const module of modules) {
    const from = topLevelOf(module.source);
    if (!from) continue;
    const targets = graph.get(from) ?? new Set<string>();
    graph.set(from, targets);
    for (const dependency of module.dependencies) {
      const to = topLevelOf(dependency.resolved);
      if (to && to !== from) targets.add(to);
    }
  }
  return graph;
}

/** Every set of nodes that reach each other (Tarjan's strongly connected components, size > 1), sorted. */
export function cyclesOf(graph: FolderGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles.sort((a, b) => a[0]!.localeCompare(b[0]!));
}
