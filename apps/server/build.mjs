// Compiles the server and the `paritaire` command to plain JavaScript in
// dist/ (one ESM bundle with a chunk per command, workspace packages
// inlined from their TypeScript sources, npm dependencies left as
// imports), so that production runs no TypeScript loader. `npm start` and
// `npm run paritaire` run it; see scripts/run.mjs.
import { build } from 'esbuild'
import { readFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const outdir = join(here, 'dist')
rmSync(outdir, { recursive: true, force: true })

// The server's own npm dependencies stay imports (resolved from its
// node_modules at run time: one copy of yjs, PGlite's wasm beside it); our
// workspace packages and what only they depend on (pnpm does not let the
// server resolve those) are bundled. So are the pure-JavaScript libraries
// made of hundreds of small modules: resolving and loading each file one by
// one cost the server's start ~0.3 s (kysely alone 150 ms, zod 90 ms).
const BUNDLED = new Set(['kysely', 'kysely-postgres-js', 'zod', 'hono', '@hono/node-server'])
const manifest = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'))
const ownDependencies = new Set(Object.keys(manifest.dependencies ?? {}).filter((name) => !name.startsWith('@paritaire/') && !BUNDLED.has(name)))
const packageName = (path) => (path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0])
const externalNpm = {
  name: 'external-own-dependencies',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { path: args.path, external: true }
      return ownDependencies.has(packageName(args.path)) ? { path: args.path, external: true } : undefined
    })
  },
}

// The file commands run without the server and are bundled each on its
// own, tree-shaken alone. In the split build below, esbuild assigns whole
// files to chunks by the entries that import them, so through the
// packages' index files `paritaire diff` would also load the editor schema
// (TipTap, ProseMirror) and the Word writer that only the server runs.
// The split build imports them as these files; `diff-documents` (the Word
// renderings) is loaded by `diff` only for a Word format.
const standalone = ['import-command', 'diff-command', 'diff-documents', 'avenant-command']
const standaloneFiles = {
  name: 'standalone-commands',
  setup(b) {
    const names = standalone.join('|')
    b.onResolve({ filter: new RegExp(`^\\./(${names})\\.ts$`) }, (args) => {
      if (!args.importer.startsWith(join(here, 'src', 'cli'))) return undefined
      return { path: args.path.replace(/\.ts$/, '.js'), external: true }
    })
  },
}
const common = { bundle: true, format: 'esm', platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' }

await build({
  ...common,
  entryPoints: Object.fromEntries(standalone.map((name) => [name, join(here, 'src', 'cli', `${name}.ts`)])),
  outdir,
  splitting: false,
  // Keep readable names in stack traces; the whitespace and syntax shrink what each command parses.
  minifyWhitespace: true,
  minifySyntax: true,
  plugins: [externalNpm, standaloneFiles],
})

await build({
  // The worker pool's thread entry is loaded by file name (dist/worker.js), beside the chunks.
  entryPoints: { paritaire: join(here, 'src', 'cli', 'main.ts'), worker: join(here, 'src', 'workers', 'worker.ts') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Keep readable names in stack traces of a server people operate.
  minify: false,
  plugins: [externalNpm, standaloneFiles],
  logLevel: 'warning',
})
