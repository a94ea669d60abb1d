// Bundles the job into dist/stockpipe.mjs, one file with every dependency, plus the PGlite runtime files it loads
// beside itself. The image copies dist/, migrations/ and models/ and nothing else.
import { copyFile, mkdir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));
const dist = join(root, 'dist');
const started = performance.now();

await rm(dist, { recursive: true, force: true });
await build({
  entryPoints: [join(root, 'src/cli.ts')],
  outfile: join(dist, 'stockpipe.mjs'),
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'none',
  logLevel: 'warning',
  // Some dependencies are CommonJS and call require(): give the ES module one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});

// PGlite finds its WebAssembly and data files next to the module that loads it: here, the bundle.
const pglite = dirname(fileURLToPath(import.meta.resolve('@electric-sql/pglite')));
await mkdir(dist, { recursive: true });
for (const file of ['pglite.wasm', 'pglite.data', 'initdb.wasm'])
  await copyFile(join(pglite, file), join(dist, file));

// uPlot's script and stylesheet, inlined into dashboards; read from here when there is no node_modules.
const uplot = dirname(fileURLToPath(import.meta.resolve('uplot/dist/uPlot.iife.min.js')));
await mkdir(join(dist, 'assets'), { recursive: true });
for (const file of ['uPlot.iife.min.js', 'uPlot.min.css'])
  await copyFile(join(uplot, file), join(dist, 'assets', file));
// The dashboard's own script and stylesheet, read and inlined the same way.
for (const file of ['dashboard-page.js', 'dashboard-page.css'])
  await copyFile(join(root, 'src/report', file), join(dist, 'assets', file));

const size = (await stat(join(dist, 'stockpipe.mjs'))).size;
console.log(
  `dist/stockpipe.mjs ${(size / 1024 / 1024).toFixed(1)} MB in ${Math.round(performance.now() - started)} ms`,
);
