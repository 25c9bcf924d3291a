/**
 * What production runs: the server and the `paritaire` command compiled to
 * JavaScript by apps/server/build.mjs, started with plain `node` (no
 * TypeScript loader anywhere in the process). `diff` and `import` load only
 * their own chunk; `serve --demo` seeds the embedded database — the import
 * running in the compiled worker thread — and answers.
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..')
const CLI = join(ROOT, 'apps', 'server', 'dist', 'paritaire.js')
const work = mkdtempSync(join(tmpdir(), 'paritaire-compiled-'))

beforeAll(() => {
  // Built here too, so that this file tests the sources it sits beside.
  execFileSync(process.execPath, [join(ROOT, 'apps', 'server', 'build.mjs')], { stdio: 'inherit' })
}, 60_000)
afterAll(() => rmSync(work, { recursive: true, force: true }))

function run(args: string[]): { code: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, [CLI, ...args], { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } })
    return { code: 0, stdout, stderr: '' }
  } catch (err) {
    const e = err as { status: number; stdout: string; stderr: string }
    return { code: e.status, stdout: e.stdout, stderr: e.stderr }
  }
}

it('imports and diffs two texts with the compiled command', () => {
  const imported = run(['import', join(ROOT, 'test', 'fixtures', 'corpus', '004_cf39432f65990045.txt')])
  expect(imported.code).toBe(0)
  const texte = JSON.parse(imported.stdout)
  expect(texte.fiches).toHaveLength(114)
  writeFileSync(join(work, 'new.json'), imported.stdout)
  writeFileSync(join(work, 'old.json'), imported.stdout.replaceAll('"periodeMaximale": "6 mois"', '"periodeMaximale": "1 an"'))
  const diff = run(['diff', 'old.json', 'new.json', '--format', 'json'])
  expect(diff.code).toBe(0)
  const changes = JSON.parse(diff.stdout)
  expect(changes.summary.modified).toBe(8)
})

it('stops quietly when its reader goes away (`paritaire diff … | head`)', async () => {
  const avenant = join(ROOT, 'test', 'fixtures', 'corpus', '004_cf39432f65990045.txt')
  // Enough changes for a change set well past one pipe buffer (64 KB).
  writeFileSync(join(work, 'edited.txt'), readFileSync(avenant, 'utf8').replaceAll(' les ', ' des ').replaceAll(' la ', ' une '))
  const child = spawn(process.execPath, [CLI, 'diff', avenant, 'edited.txt'], {
    cwd: work, env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString() })
  // Read the first chunk, then close the pipe, as `head -c` does.
  child.stdout!.once('data', () => child.stdout!.destroy())
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  expect(stderr).not.toMatch(/EPIPE|Error/)
  expect(code).toBe(0)
})

it('loads no TypeScript at run time: the bundle imports no .ts file and no tsx', () => {
  const entry = readFileSync(CLI, 'utf8')
  expect(entry).not.toMatch(/from ["'][^"']*\.ts["']|import\(["'][^"']*\.ts["']\)|tsx/)
})

it('serves the demo on the embedded database, imported in a worker thread', async () => {
  const dataDir = join(work, 'data')
  const child = spawn(process.execPath, [CLI, 'serve', '--demo'], {
    cwd: work, env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'],
  })
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = ''
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString()
        const m = /(http:\/\/[^\s/]+)\//.exec(out)
        if (m) resolve(m[1]!)
      })
      child.on('exit', (code) => reject(new Error(`serve exited ${code}`)))
    })
    const health = await (await fetch(`${url}/api/health`)).json()
    expect(health).toMatchObject({ status: 'ok', db: 'pglite', demo: true })
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'fnp@demo.paritaire.fr', password: 'paritaire-demo' }),
    })
    expect(login.status).toBe(200)
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!
    const { negotiations } = await (await fetch(`${url}/api/negotiations`, { headers: { cookie } })).json()
    const { fiches } = await (await fetch(`${url}/api/negotiations/${negotiations[0].id}/fiches`, { headers: { cookie } })).json()
    expect(fiches).toHaveLength(114)
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
  }
}, 60_000)
