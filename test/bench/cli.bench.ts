/**
 * `npm run bench:cli`: the wall time of the compiled `paritaire` command
 * against the floor every Node command pays, `node -e 0`, on this machine
 * in the same run (target of issue 14: ≤ 5× that floor), and peak memory
 * (max RSS from /proc at exit, via `/usr/bin/time` when present). Cases:
 * `paritaire diff` of the photography avenant (004, 114 fiches) against a
 * copy with 10 % of its words edited, both as the text files negotiators
 * hold (so both are imported, then diffed, then written as JSON);
 * `paritaire import` of the avenant; and the server's start on an embedded
 * database already migrated (spawn → first `GET /api/health` answered),
 * which `npm start` runs once the build is up to date (target < 1 s).
 * The cases take turns within each sample (BENCH_SAMPLES, 7); medians and
 * ranges. Prints a table and writes test/bench/results/cli.json with the
 * commit measured.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { rng } from '../diff/edits.ts'
import { provenance } from './provenance.ts'
import { freePort } from './sync/servers.ts'
import { round1, sleep, spread, showSpread, type Spread } from './sync/stats.ts'

const ROOT = join(import.meta.dirname, '..', '..')
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 7)
const BIN = join(ROOT, 'apps', 'server', 'bin', 'paritaire.mjs')
const AVENANT = join(ROOT, 'test', 'fixtures', 'corpus', '004_cf39432f65990045.txt')
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null

interface Run {
  ms: number
  maxRssKB: number | null
}

/** Runs a command to completion; wall time from spawn to exit, and its peak RSS when /usr/bin/time can tell. */
function timed(args: string[], env: Record<string, string> = {}): Run {
  const command = TIME ? [TIME, '-f', '%M', process.execPath, ...args] : [process.execPath, ...args]
  const t0 = performance.now()
  const r = spawnSync(command[0]!, command.slice(1), { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
  const ms = performance.now() - t0
  if (r.status !== 0) throw new Error(`${args.join(' ')} : code ${r.status}\n${r.stderr}`)
  const rss = TIME ? Number(r.stderr.trim().split('\n').at(-1)) : NaN
  return { ms, maxRssKB: Number.isFinite(rss) ? rss : null }
}

/** Replaces `share` of the words of four letters or more (job numbers and headings keep their shape). */
function editRawWords(text: string, share: number, seed: number): string {
  const random = rng(seed)
  return text.replace(/\p{L}{4,}/gu, (word) => (random() < share ? `${word.slice(0, -1)}é` : word))
}

/** `paritaire serve` on an embedded database: spawn → first health answer, then a clean stop. */
async function serverStart(dataDir: string): Promise<Run> {
  const port = await freePort()
  const t0 = performance.now()
  const child = spawn(process.execPath, [BIN, 'serve'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let log = ''
  child.stderr.on('data', (c: Buffer) => { log = (log + c.toString()).slice(-4000) })
  try {
    for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
      if (child.exitCode !== null) throw new Error(`serveur arrêté (${child.exitCode}) : ${log}`)
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false)
      if (ok) return { ms: performance.now() - t0, maxRssKB: null }
      await sleep(5)
    }
    throw new Error(`serveur pas prêt en 60 s : ${log}`)
  } finally {
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  }
}

async function main() {
  const measured = provenance()
  const built = spawnSync(process.execPath, [join(ROOT, 'apps', 'server', 'build.mjs')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
  if (built.status !== 0) throw new Error('construction du serveur impossible')
  const work = mkdtempSync(join(tmpdir(), 'bench-cli-'))
  try {
    // The edited copy is a text file too, as a negotiator's would be: one word in ten of the raw text changed (seeded).
    const edited = join(work, '004-edite.txt')
    writeFileSync(edited, editRawWords(readFileSync(AVENANT, 'utf8'), 0.1, 7))
    const dataDir = join(work, 'data')
    // First start applies the migrations: not what is timed.
    await serverStart(dataDir)
    const cases: Record<string, () => Promise<Run> | Run> = {
      'node -e 0': () => timed(['-e', '0']),
      'paritaire diff (004 contre 004 édité à 10 %, JSON)': () => timed([BIN, 'diff', AVENANT, edited]),
      'paritaire import (004, JSON)': () => timed([BIN, 'import', AVENANT]),
      'paritaire serve (base embarquée migrée → /api/health)': () => serverStart(dataDir),
    }
    const runs: Record<string, Run[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]))
    // One untimed round first: the files and the bundle are then in the page cache for every case alike.
    for (const run of Object.values(cases)) await run()
    for (let n = 0; n < SAMPLES; n++) {
      const names = Object.keys(cases)
      for (let i = 0; i < names.length; i++) {
        const name = names[(i + n) % names.length]!
        runs[name]!.push(await cases[name]!())
      }
    }
    const floor = spread(runs['node -e 0']!.map((r) => r.ms))
    const figures = Object.fromEntries(Object.entries(runs).map(([name, rs]) => {
      const ms = spread(rs.map((r) => round1(r.ms)))
      const rss = rs.map((r) => r.maxRssKB).filter((x): x is number => x !== null)
      return [name, { ms, timesFloor: round1(ms.median / floor.median), maxRssMB: rss.length ? spread(rss.map((kb) => round1(kb / 1024))) : null }]
    }))
    printTable(figures)
    const cpu = cpus()
    const result = {
      commit: measured.commit, dirty: measured.dirty, ...(measured.dirtyFiles ? { dirtyFiles: measured.dirtyFiles } : {}), date: measured.date,
      machine: `${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} Go, Node ${process.version}`,
      loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
      samples: SAMPLES,
      targets: { cliTimesFloor: 5, serveStartMs: 1000 },
      figures,
    }
    const dir = join(import.meta.dirname, 'results')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'cli.json'), `${JSON.stringify(result, null, 2)}\n`)
    console.log(`résultats écrits dans test/bench/results/cli.json (commit ${measured.commit}${measured.dirty ? ', arbre modifié' : ''})`)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

function printTable(figures: Record<string, { ms: Spread; timesFloor: number; maxRssMB: Spread | null }>): void {
  const rows = Object.entries(figures).map(([name, f]) => [name, showSpread(f.ms, ' ms'), `${f.timesFloor}×`, f.maxRssMB ? showSpread(f.maxRssMB, ' Mo') : '—'])
  const header = ['commande', 'durée (médiane, min–max)', '× node -e 0', 'RSS max']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')
  console.log(line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'))
  for (const r of rows) console.log(line(r))
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
