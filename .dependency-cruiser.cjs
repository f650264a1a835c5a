// @ts-check
/*
 * The import rules of src/, checked by `npm run lint` (dependency-cruiser, over the TypeScript
 * sources, type-only imports included).
 *
 * LAYERS is the one place the layer order is written down: a folder may import from its own
 * layer's folder and from the layers before it, never from a later one, and folders that share
 * a layer do not import each other. Why this order: the knowledge a run draws on (services,
 * blueprints, config) comes before the stages that use it (discover → match → resolve → tune →
 * model), the stages before the I/O adapters and output targets that read their results, the
 * run's state (the manifest) after what it records, and the orchestration (pipeline), the CLI
 * and the library entry last.
 */
const LAYERS = [
  ['package-root.ts'],
  ['util'],
  ['diagnostics'],
  ['services'], // one folder per AWS service, and the registry of them
  ['blueprints'],
  ['discover'], // inputs as files: inventory, log groups, snapshots
  ['config'],
  ['match'],
  ['resolve'],
  ['tune'],
  ['aws'], // the live account: listing, look-ups, metric history, alarms (the only runtime user of the AWS SDK, with services' enrich hooks)
  ['model'],
  ['targets'], // one folder per output target, and the registry of them
  ['state'], // the manifest: the run's memory
  ['safety', 'plan', 'drift', 'write', 'docs'],
  ['pipeline'],
  ['cli'],
  ['index.ts'],
];

const path = (folder) => (folder.endsWith('.ts') ? `^src/${folder.replace('.', '\\.')}$` : `^src/${folder}/`);
const any = (folders) => folders.map(path).join('|');

const layerRules = LAYERS.flatMap((layer, i) => [
  ...(i + 1 < LAYERS.length
    ? [
        {
          name: `layer-${layer.join('+')}`,
          comment: `${layer.join(', ')} may not import from a later layer (${LAYERS.slice(i + 1).flat().join(', ')}); see LAYERS in .dependency-cruiser.cjs`,
          severity: 'error',
          from: { path: any(layer) },
          to: { path: any(LAYERS.slice(i + 1).flat()) },
        },
      ]
    : []),
  ...layer.map((folder) => ({
    name: `peers-of-${folder}`,
    comment: `${folder} shares a layer with ${layer.filter((f) => f !== folder).join(', ')}: they do not import each other`,
    severity: 'error',
    from: { path: path(folder) },
    to: { path: any(layer.filter((f) => f !== folder)) || '^$' },
  })),
]).filter((r) => r.to.path !== '^$');

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Modules do not import each other, directly or through others.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'services-are-self-contained',
      comment: 'A service folder imports only the services\' shared modules, never another service: adding or removing one touches nothing else.',
      severity: 'error',
      from: { path: '^src/services/([^/]+)/' },
      to: { path: '^src/services/[^/]+/', pathNot: '^src/services/$1/' },
    },
    {
      name: 'targets-are-self-contained',
      comment: 'An output target imports only the targets\' shared modules, never another target.',
      severity: 'error',
      from: { path: '^src/targets/([^/]+)/' },
      to: { path: '^src/targets/[^/]+/', pathNot: '^src/targets/$1/' },
    },
    {
      name: 'aws-sdk-only-in-adapters',
      comment: 'The AWS SDK takes half a second to load: only the live adapters (aws/) and services\' enrich hooks import it at run time, and they are loaded only by runs that call AWS.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/aws/|^src/services/[^/]+/enrich\\.ts$' },
      to: { path: '@aws-sdk/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
  },
};
