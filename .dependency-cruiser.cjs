// @ts-check
/**
 * The dependency rules of src/ (`npm run check:deps`; `npm run lint` runs it). Type-only imports
 * count (tsPreCompilationDeps): a cycle through types is a cycle a reader must follow too.
 * test/architecture/folder-graph.test.ts adds the rule dependency-cruiser cannot say: the top-level
 * folders of src/ (and each file at its top) form no cycle. README "Architecture" explains the layers.
 */

/** What everything else stands on: no domain code, no GraphQL. */
const INFRASTRUCTURE = '^src/(errors|logging|events|http|store|config|auth|upstreams|observability)/';
/** Records and catalogs the flows share. */
const MODEL = '^src/(avatars|images|poses|limits)/';
/** The flows and features on top of the model. */
const FLOWS = '^src/(webhooks|avaturn|uploads|renders|zepeto|providers)/';
/** The GraphQL layer: the Pothos schema, Yoga and its per-operation context. */
const GRAPHQL = '^src/(schema|graphql)/|^src/context[.]ts$';
/** The composition root: what creates the long-lived things and wires the routes. */
const ROOT = '^src/(services|app|server)[.]ts$|^src/server/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycle between files, type-only imports included.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'infrastructure-knows-no-domain',
      severity: 'error',
      comment: 'Store, events, HTTP, upstream clients, config, auth and metrics serve the domain and never import it.',
      from: { path: INFRASTRUCTURE },
      to: { path: [MODEL, FLOWS, GRAPHQL, ROOT, '^src/demo/'] },
    },
    {
      name: 'model-knows-no-flows',
      severity: 'error',
      comment: 'Records, repositories, poses and limits are shared by the flows and import none of them.',
      from: { path: MODEL },
      to: { path: [FLOWS, GRAPHQL, ROOT] },
    },
    {
      name: 'status-flow-under-the-avaturn-features',
      severity: 'error',
      comment: 'webhooks/ (flow 2, with the Avaturn state machines) is what avaturn/ and uploads/ build on, never the reverse.',
      from: { path: '^src/webhooks/' },
      to: { path: '^src/(avaturn|uploads|providers)/' },
    },
    {
      name: 'avaturn-features-under-the-upload-flow',
      severity: 'error',
      comment: 'avaturn/ is used by uploads/ (flow 1) and providers/, and uses neither.',
      from: { path: '^src/avaturn/' },
      to: { path: '^src/(uploads|providers)/' },
    },
    {
      name: 'renders-stand-alone',
      severity: 'error',
      comment: 'renders/ (flow 3) needs no other flow; providers/ picks it or avaturn/ per avatar.',
      from: { path: '^src/renders/' },
      to: { path: '^src/(webhooks|avaturn|uploads|zepeto|providers)/' },
    },
    {
      name: 'graphql-layer-on-top',
      severity: 'error',
      comment: 'Domain code never imports the schema, Yoga or the GraphQL context: it declares what it needs (deps.ts, render-scope.ts).',
      from: { path: '^src/', pathNot: [GRAPHQL, '^src/app[.]ts$', '^src/server/'] },
      to: { path: GRAPHQL },
    },
    {
      name: 'composition-root-on-top',
      severity: 'error',
      comment: 'Only the GraphQL layer (its context holds the services) and the root itself import the root.',
      from: { path: '^src/', pathNot: [GRAPHQL, ROOT] },
      to: { path: ROOT },
    },
    {
      name: 'providers-for-the-schema',
      severity: 'error',
      comment: 'providers/ dispatches GraphQL fields that serve both providers; only the schema calls it.',
      from: { path: '^src/', pathNot: '^src/(schema|providers)/' },
      to: { path: '^src/providers/' },
    },
    {
      name: 'sandbox-stands-alone',
      severity: 'error',
      comment: 'The simulators share HTTP helpers, the logger and the pose catalog with the gateway, and nothing else.',
      from: { path: '^src/sandbox/' },
      to: { path: '^src/', pathNot: '^src/(sandbox|http|logging|poses)/' },
    },
    {
      name: 'sandbox-mounted-by-the-app',
      severity: 'error',
      comment: 'Only the app mounts the simulators; the config validates SANDBOX_FAULTS with their schema.',
      from: { path: '^src/', pathNot: ['^src/sandbox/', '^src/app[.]ts$', '^src/config/'] },
      to: { path: '^src/sandbox/' },
    },
    {
      name: 'config-reads-only-the-fault-schema',
      severity: 'error',
      from: { path: '^src/config/' },
      to: { path: '^src/sandbox/', pathNot: '^src/sandbox/faults[.]ts$' },
    },
    {
      name: 'no-dev-dependencies-in-src',
      severity: 'error',
      comment: 'A compiled server runs without devDependencies (the demo page is built by Vite beforehand).',
      from: { path: '^src/', pathNot: '^src/demo/(page/|vite[.]config[.]ts$)' },
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '__generated__|^src/demo/(page|bundle)/' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
