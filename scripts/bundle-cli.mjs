// Bundles the command-line program (dist/cli/main.js and every module of ours it imports) into
// dist/bin/, the package's `bin`: a run then loads a few files instead of ~190 modules of ours.
// Measured on one Lambda function (`generate --format both`, 5 interleaved runs, CPU of the
// whole process): 0.44 s from dist/cli/main.js, 0.34 s bundled; the #21 lines for such a run and
// for an unchanged nightly run are 0.4 s and 0.5 s. Run by `npm run build`, after tsc.
//
// - Commands and the live source stay in chunks of their own (`splitting`): a run loads what it
//   imports, as from dist/cli/ (test/cli/lazy-loading.test.ts checks the bundle too).
// - Packages stay outside (`packages: external`): resolved from node_modules at run time, as
//   from dist/, and the package ships no copy of anyone else's code.
// - A module that finds its files through `import.meta.url` (the compiled validators, the
//   built-in blueprints beside dist/services/, package.json) still finds them: each module's
//   `import.meta.url` is rewritten to the URL it had in dist/, relative to the bundle.
// - dist/ stays as tsc wrote it: the library (`main`, `exports`) and those files are there.
import { readFileSync, rmSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const outdir = fileURLToPath(new URL('../dist/bin/', import.meta.url));

/** Each module's own `import.meta.url`, as it was in dist/, from a chunk in outdir. */
const ownUrls = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!args.path.startsWith(dist) || !text.includes('import.meta.url')) return undefined;
      const from = relative(outdir, args.path).split('\\').join('/');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(from)}, import.meta.url).href`), loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { obsgen: fileURLToPath(new URL('../dist/cli/main.js', import.meta.url)) },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  // Chunk names are content hashes: the same sources give the same files.
  chunkNames: 'chunk-[hash]',
  plugins: [ownUrls],
  logLevel: 'warning',
});
