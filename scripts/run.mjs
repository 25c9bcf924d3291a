#!/usr/bin/env node
// Entry point behind the README's commands. A fresh clone has only Node and
// npm: this script installs the pinned pnpm and the locked dependencies when
// they are missing or stale, builds what must be built, then runs the job.
// Install and build chatter goes to stderr so that `npm run --silent
// paritaire -- import …` keeps stdout for the command's own output.
import { spawnSync } from 'node:child_process'
import { existsSync, statSync, readdirSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const PNPM = 'pnpm@10.34.8'
const bin = (name) => join(root, 'node_modules', '.bin', name)

function run(cmd, args, { toStderr = false, env = {} } = {}) {
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: ['inherit', toStderr ? process.stderr : 'inherit', 'inherit'],
    env: { ...process.env, ...env },
  })
  if (r.error) {
    console.error(`paritaire: cannot run ${cmd}: ${r.error.message}`)
    process.exit(1)
  }
  return r.status ?? 1
}

function mtime(path) {
  try { return statSync(path).mtimeMs } catch { return 0 }
}

function newestMtime(dir) {
  let newest = 0
  if (!existsSync(dir)) return 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue
    const p = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : mtime(p))
  }
  return newest
}

function ensureInstalled() {
  const marker = join(root, 'node_modules', '.pnpm', 'lock.yaml')
  const manifests = ['pnpm-lock.yaml', 'package.json', 'pnpm-workspace.yaml']
    .map((f) => mtime(join(root, f)))
  if (existsSync(marker) && Math.max(...manifests) <= mtime(marker)) return
  console.error('paritaire: installing dependencies (first run)…')
  const local = bin('pnpm')
  const status = existsSync(local)
    ? run(local, ['install', '--frozen-lockfile'], { toStderr: true })
    : run('npx', ['--yes', PNPM, 'install', '--frozen-lockfile'], { toStderr: true })
  if (status !== 0) {
    console.error('paritaire: dependency installation failed')
    process.exit(status)
  }
}

function ensureEditorBuilt() {
  const editor = join(root, 'apps', 'editor')
  const built = mtime(join(editor, 'dist', 'index.html'))
  const sources = Math.max(newestMtime(join(editor, 'src')), newestMtime(join(root, 'packages')),
    mtime(join(editor, 'index.html')), mtime(join(editor, 'vite.config.ts')))
  if (built >= sources) return
  console.error('paritaire: building the editor…')
  const status = run(bin('pnpm'), ['--filter', '@paritaire/editor', 'build'], { toStderr: true })
  if (status !== 0) process.exit(status)
}

// The server and the command line run compiled (apps/server/build.mjs):
// built once, again only when a source changed, so that starting loads no
// TypeScript loader.
function ensureServerBuilt() {
  const server = join(root, 'apps', 'server')
  const built = mtime(join(server, 'dist', 'paritaire.js'))
  const sources = Math.max(newestMtime(join(server, 'src')), newestMtime(join(root, 'packages')),
    mtime(join(server, 'build.mjs')), mtime(join(server, 'package.json')))
  if (built >= sources) return
  console.error('paritaire: building the server…')
  const status = run(process.execPath, [join(server, 'build.mjs')], { toStderr: true })
  if (status !== 0) process.exit(status)
}

const cli = join(root, 'apps', 'server', 'dist', 'paritaire.js')
const [job, ...rest] = process.argv.slice(2)
ensureInstalled()

switch (job) {
  case 'start':
    ensureEditorBuilt()
    ensureServerBuilt()
    process.exit(run(process.execPath, [cli, 'serve', '--demo', ...rest]))
  case 'test': {
    const tc = run(bin('pnpm'), ['-r', '--workspace-concurrency=1', 'typecheck'])
    if (tc !== 0) process.exit(tc)
    if (existsSync(join(root, 'apps', 'editor', 'index.html'))) ensureEditorBuilt()
    ensureServerBuilt()
    process.exit(run(bin('vitest'), ['run', ...rest]))
  }
  case 'paritaire':
    ensureServerBuilt()
    process.exit(run(process.execPath, [cli, ...rest]))
  case 'bench':
    process.exit(run(bin('tsx'), [join(root, 'test', 'bench', `${rest[0]}.bench.ts`), ...rest.slice(1)]))
  default:
    console.error('usage: node scripts/run.mjs start|test|paritaire|bench NAME')
    process.exit(2)
}
