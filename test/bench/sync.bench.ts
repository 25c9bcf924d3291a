/**
 * `npm run bench:sync`: Paritaire's sync server against @hocuspocus/server
 * 4.7.0 (Database extension on the same Postgres) and @y/websocket-server
 * 0.1.1 (LevelDB persistence as it ships), on this machine, in one run.
 * Every measurement starts a fresh server process on a fresh store; the
 * servers take turns (interleaved rounds, the order rotating each round);
 * the first seconds of each load are warm-up and discarded. The load
 * generator is this process (one event loop); the server is another
 * process, so on a two-core machine they get a core each when nothing else
 * runs. Prints a table and writes test/bench/results/sync.json.
 *
 * Scaling, to fit in ~15 minutes on 2 cores (override with env):
 * BENCH_ROUNDS=2 fan-out rounds of BENCH_FANOUT_MS=8000 ms each;
 * max-rate steps 250…4000 updates/s of 4 s; 1,000 idle connections over 100
 * fiches; 20,000 updates then 3 cold opens; one kill -9 run.
 * BENCH_METRICS=fanout,maxUpdatesPerSec,idleConnKB,coldLoadMs,lostAfterKill
 * re-measures a subset and merges it into the existing sync.json.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { SERVER_KINDS, startServer, type BenchServer, type ServerKind } from './sync/servers.ts'
import { coldLoadMs, fanout10x10, fanout40, idleConnKB, lostAfterKill, maxUpdatesPerSec, type FanoutResult } from './sync/scenarios.ts'
import { percentile, round1 } from './sync/stats.ts'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2)
const FANOUT_MS = Number(process.env.BENCH_FANOUT_MS ?? 8_000)
const RATES = (process.env.BENCH_RATES ?? '250,500,1000,2000,4000').split(',').map(Number)
const RATE_STEP_MS = Number(process.env.BENCH_RATE_STEP_MS ?? 4_000)
const IDLE_DOCS = Number(process.env.BENCH_IDLE_DOCS ?? 100)
const IDLE_CONNECTIONS = Number(process.env.BENCH_IDLE_CONNECTIONS ?? 1_000)
const COLD_UPDATES = Number(process.env.BENCH_COLD_UPDATES ?? 20_000)
const COLD_OPENS = Number(process.env.BENCH_COLD_OPENS ?? 3)
const ONLY = process.env.BENCH_ONLY?.split(',') as ServerKind[] | undefined
const METRIC_NAMES = ['fanout', 'maxUpdatesPerSec', 'idleConnKB', 'coldLoadMs', 'lostAfterKill'] as const
/** BENCH_METRICS=maxUpdatesPerSec,… re-measures only those and merges them into the existing sync.json. */
const METRICS = new Set(process.env.BENCH_METRICS?.split(',') ?? METRIC_NAMES)
const PARTIAL = METRIC_NAMES.some((m) => !METRICS.has(m))

const log = (s: string) => process.stderr.write(`${s}\n`)

interface Collected {
  fanout40: FanoutResult[]
  fanout10x10: FanoutResult[]
  maxUpdatesPerSec: number
  idleConnKB: number
  coldLoadMs: number
  coldLoadComplete: boolean
  lostAfterKill: number
}

/** Runs one measurement on a fresh server; a failure is logged and gives `fallback` (the run goes on). */
async function withServer<T>(kind: ServerKind, run: (s: BenchServer) => Promise<T>, fallback: T): Promise<T> {
  let server: BenchServer | null = null
  try {
    server = await startServer(kind)
    const result = await run(server)
    log(`    → ${JSON.stringify(result, (k, v) => (k === 'latencies' ? `${v.length} mesures` : v))}`)
    return result
  } catch (error) {
    log(`    ÉCHEC ${kind} : ${(error as Error).stack ?? String(error)}`)
    return fallback
  } finally {
    await server?.stop().catch((e) => log(`arrêt de ${kind} : ${(e as Error).message}`))
  }
}

const NO_LOAD: FanoutResult = { latencies: [], sent: 0, expected: 0, delivered: 0 }

/** Round r: every server once, in an order rotated by r. */
function rotation(r: number, kinds: ServerKind[]): ServerKind[] {
  return kinds.map((_, i) => kinds[(i + r) % kinds.length]!)
}

function summarise(results: FanoutResult[]) {
  const all = results.flatMap((r) => r.latencies)
  const expected = results.reduce((n, r) => n + r.expected, 0)
  const delivered = results.reduce((n, r) => n + r.delivered, 0)
  return {
    p50: round1(percentile(all, 50)),
    p99: round1(percentile(all, 99)),
    delivered: expected > 0 ? Math.round((delivered / expected) * 100_000) / 1000 : 0,
  }
}

async function main() {
  const kinds = ONLY ?? SERVER_KINDS
  const started = Date.now()
  const data = Object.fromEntries(kinds.map((k) => [k, { fanout40: [], fanout10x10: [], maxUpdatesPerSec: 0, idleConnKB: 0, coldLoadMs: 0, coldLoadComplete: true, lostAfterKill: 0 } as Collected]))

  for (let r = 0; r < (METRICS.has('fanout') ? ROUNDS : 0); r++) {
    for (const kind of rotation(r, kinds)) {
      log(`tour ${r + 1}/${ROUNDS} — ${kind} : fanout40`)
      data[kind]!.fanout40.push(await withServer(kind, (s) => fanout40(s, FANOUT_MS), NO_LOAD))
      log(`tour ${r + 1}/${ROUNDS} — ${kind} : fanout10x10`)
      data[kind]!.fanout10x10.push(await withServer(kind, (s) => fanout10x10(s, FANOUT_MS), NO_LOAD))
    }
  }
  for (const kind of METRICS.has('maxUpdatesPerSec') ? rotation(1, kinds) : []) {
    log(`${kind} : maxUpdatesPerSec`)
    data[kind]!.maxUpdatesPerSec = await withServer(kind, (s) => maxUpdatesPerSec(s, RATES, RATE_STEP_MS, log), 0)
  }
  for (const kind of METRICS.has('idleConnKB') ? rotation(2, kinds) : []) {
    log(`${kind} : idleConnKB`)
    data[kind]!.idleConnKB = round1(await withServer(kind, (s) => idleConnKB(s, IDLE_DOCS, IDLE_CONNECTIONS), NaN))
  }
  for (const kind of METRICS.has('coldLoadMs') ? rotation(0, kinds) : []) {
    log(`${kind} : coldLoadMs`)
    const cold = await withServer(kind, (s) => coldLoadMs(s, COLD_UPDATES, COLD_OPENS, log), { ms: NaN, complete: false })
    data[kind]!.coldLoadMs = round1(cold.ms)
    data[kind]!.coldLoadComplete = cold.complete
  }
  for (const kind of METRICS.has('lostAfterKill') ? rotation(1, kinds) : []) {
    log(`${kind} : lostAfterKill`)
    data[kind]!.lostAfterKill = await withServer(kind, (s) => lostAfterKill(s, log), NaN)
  }

  const dir = join(import.meta.dirname, 'results')
  const file = join(dir, 'sync.json')
  const previous = PARTIAL && existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null
  const servers = Object.fromEntries(
    kinds.map((k) => {
      const d = data[k]!
      const f40 = summarise(d.fanout40)
      const f10 = summarise(d.fanout10x10)
      const fresh = {
        fanout40: { p50: f40.p50, p99: f40.p99 },
        fanout10x10: { p50: f10.p50, p99: f10.p99 },
        maxUpdatesPerSec: d.maxUpdatesPerSec,
        idleConnKB: d.idleConnKB,
        coldLoadMs: d.coldLoadMs,
        lostAfterKill: d.lostAfterKill,
        delivered: { fanout40: f40.delivered, fanout10x10: f10.delivered },
        coldLoadComplete: d.coldLoadComplete,
      }
      if (!previous?.servers?.[k]) return [k, fresh]
      // Partial re-run: keep the other metrics of the previous full run.
      const merged = { ...previous.servers[k] }
      if (METRICS.has('fanout')) Object.assign(merged, { fanout40: fresh.fanout40, fanout10x10: fresh.fanout10x10, delivered: fresh.delivered })
      if (METRICS.has('maxUpdatesPerSec')) merged.maxUpdatesPerSec = fresh.maxUpdatesPerSec
      if (METRICS.has('idleConnKB')) merged.idleConnKB = fresh.idleConnKB
      if (METRICS.has('coldLoadMs')) Object.assign(merged, { coldLoadMs: fresh.coldLoadMs, coldLoadComplete: fresh.coldLoadComplete })
      if (METRICS.has('lostAfterKill')) merged.lostAfterKill = fresh.lostAfterKill
      return [k, merged]
    }),
  )
  const cpu = cpus()
  const result = {
    servers,
    machine: `${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} Go, Node ${process.version}, Postgres 127.0.0.1:5432`,
    date: previous?.date ?? new Date().toISOString(),
    ...(previous ? { rerun: { metrics: [...METRICS], date: new Date().toISOString(), previousDate: previous.date } } : {}),
    settings: { rounds: ROUNDS, fanoutMs: FANOUT_MS, rates: RATES, rateStepMs: RATE_STEP_MS, idleDocs: IDLE_DOCS, idleConnections: IDLE_CONNECTIONS, coldUpdates: COLD_UPDATES, coldOpens: COLD_OPENS, durationS: Math.round((Date.now() - started) / 1000) },
  }

  const header = ['serveur', 'fanout40 p50/p99', 'fanout10x10 p50/p99', 'max maj/s', 'Ko/conn. inactive', 'ouverture à froid', 'perdues (kill -9)']
  const rows = kinds.map((k) => {
    const s = servers[k]!
    return [k, `${s.fanout40.p50} / ${s.fanout40.p99} ms`, `${s.fanout10x10.p50} / ${s.fanout10x10.p99} ms`, String(s.maxUpdatesPerSec), String(s.idleConnKB), `${s.coldLoadMs} ms${s.coldLoadComplete ? '' : ' (incomplet)'}`, String(s.lostAfterKill)]
  })
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')
  console.log(line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'))
  for (const r of rows) console.log(line(r))
  console.log(`(${result.machine} ; ${result.settings.durationS} s)`)

  mkdirSync(dir, { recursive: true })
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`)
  log(`résultats écrits dans ${file}`)
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
