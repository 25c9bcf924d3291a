/**
 * `npm run bench:sync`: Paritaire's sync server against @hocuspocus/server
 * 4.7.0 (Database extension on the same Postgres), in its default
 * configuration (store debounced 2 s, at most 10 s) and with `debounce: 0`,
 * and @y/websocket-server 0.1.1 (LevelDB persistence as it ships), on this
 * machine, in one run. Every measurement starts a fresh server process on a
 * fresh store; the servers take turns (interleaved, the order rotating each
 * sample); the first seconds of each load are warm-up and discarded; every
 * figure is measured BENCH_SAMPLES times (3) and reported as its median and
 * range. The load generator is this process (one event loop); the server is
 * another process. Prints tables and writes test/bench/results/sync.json
 * with the commit measured.
 *
 * Metrics (BENCH_METRICS=a,b re-measures a subset and merges it into the
 * existing sync.json; BENCH_ONLY=paritaire,… restricts the servers):
 * - fanout: fanout40 and fanout10x10, BENCH_ROUNDS (3) rounds of BENCH_FANOUT_MS (8000) ms, and each round
 *   the floor of a durable fan-out: one Postgres commit, fsync included (sync/commit-floor.ts);
 * - maxUpdatesPerSec: steps BENCH_RATES (250…4000/s) of BENCH_RATE_STEP_MS (4000) ms;
 * - idleConnKB: BENCH_IDLE_CONNECTIONS (10,000) idle clients over BENCH_IDLE_DOCS (1,000) fiches, with REST probes,
 *   5 s after connecting and settled (see sync/memory.ts);
 * - rssOpen: RSS with BENCH_OPEN_DOCS (100) fiches open and BENCH_OPEN_CONNECTIONS (1,000) clients;
 * - coldLoadMs: BENCH_COLD_UPDATES (20,000) updates, stored, then BENCH_COLD_OPENS (3) cold opens;
 * - lostAfterKill: 3 s of typing, kill -9, restart;
 * Paritaire only:
 * - coldTail: the same history opened after kill -9 with SYNC_COMPACT_EVERY=10⁹ (a real 20,000-row tail) and with the default;
 * - twoInstances: relay through a second instance, BENCH_RELAY_MS (8000) ms at 40 updates/s;
 * - fanoutDocx: fan-out on one fiche alone, then with BENCH_DOCX_IN_FLIGHT (8) DOCX redlines in flight, BENCH_DOCX_MS (8000) ms each.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'
import { provenance } from './provenance.ts'
import { SERVER_KINDS, startServer, type BenchServer, type ServerKind, type StartOptions } from './sync/servers.ts'
import { coldLoadMs, fanout10x10, fanout40, lostAfterKill, maxUpdatesPerSec, type FanoutResult } from './sync/scenarios.ts'
import { idleConnections, rssOpenMB, type IdleResult } from './sync/memory.ts'
import { coldTail, fanoutUnderDocx, twoInstances, type ColdTail, type DocxContention, type RelayResult } from './sync/paritaire-only.ts'
import { durableCommitFloor, type CommitFloor } from './sync/commit-floor.ts'
import { percentile, round1, showSpread, spread, type Spread } from './sync/stats.ts'

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
const SAMPLES = env('BENCH_SAMPLES', 3)
const ROUNDS = env('BENCH_ROUNDS', 3)
const FANOUT_MS = env('BENCH_FANOUT_MS', 8_000)
const RATES = (process.env.BENCH_RATES ?? '250,500,1000,2000,4000').split(',').map(Number)
const RATE_STEP_MS = env('BENCH_RATE_STEP_MS', 4_000)
const IDLE_DOCS = env('BENCH_IDLE_DOCS', 1_000)
const IDLE_CONNECTIONS = env('BENCH_IDLE_CONNECTIONS', 10_000)
const OPEN_DOCS = env('BENCH_OPEN_DOCS', 100)
const OPEN_CONNECTIONS = env('BENCH_OPEN_CONNECTIONS', 1_000)
const COLD_UPDATES = env('BENCH_COLD_UPDATES', 20_000)
const COLD_OPENS = env('BENCH_COLD_OPENS', 3)
const RELAY_MS = env('BENCH_RELAY_MS', 8_000)
const DOCX_MS = env('BENCH_DOCX_MS', 8_000)
const DOCX_IN_FLIGHT = env('BENCH_DOCX_IN_FLIGHT', 8)
const ONLY = process.env.BENCH_ONLY?.split(',') as ServerKind[] | undefined
const METRIC_NAMES = ['fanout', 'maxUpdatesPerSec', 'idleConnKB', 'rssOpen', 'coldLoadMs', 'lostAfterKill', 'coldTail', 'twoInstances', 'fanoutDocx'] as const
type Metric = (typeof METRIC_NAMES)[number]
const METRICS = new Set((process.env.BENCH_METRICS?.split(',') ?? METRIC_NAMES) as Metric[])
for (const m of METRICS) if (!METRIC_NAMES.includes(m)) throw new Error(`BENCH_METRICS : « ${m} » inconnu (${METRIC_NAMES.join(', ')})`)
const PARTIAL = METRIC_NAMES.some((m) => !METRICS.has(m))
/** The keys of a server's entry in sync.json that each metric writes (a partial run replaces only those). */
const KEYS: Record<Metric, string[]> = {
  fanout: ['fanout40', 'fanout10x10', 'delivered'],
  maxUpdatesPerSec: ['maxUpdatesPerSec'],
  idleConnKB: ['idleConnKB', 'idleConnKBSettled', 'idleRestP95Ms', 'idle'],
  rssOpen: ['rssOpenMB'],
  coldLoadMs: ['coldLoadMs', 'coldLoadComplete'],
  lostAfterKill: ['lostAfterKill', 'lostAfterKillNote'],
  coldTail: ['coldTail'],
  twoInstances: ['twoInstances'],
  fanoutDocx: ['fanoutDocx'],
}
/** Without debounce Hocuspocus stores each change; by default it waits 2 s (at most 10 s) after the last one. */
const DEBOUNCE_NOTE = 'perd jusqu’à 10 s de frappe par conception (stockage différé de 2 s, au plus 10 s)'
const NO_COMPACTION = '1000000000'

const log = (s: string) => process.stderr.write(`${s}\n`)

interface Collected {
  fanout40: FanoutResult[]
  fanout10x10: FanoutResult[]
  maxUpdatesPerSec: number[]
  idle: IdleResult[]
  rssOpenMB: number[]
  coldLoadMs: number[]
  coldLoadComplete: boolean
  lostAfterKill: number[]
  coldTail: { noCompaction: ColdTail[]; defaultCompaction: ColdTail[] }
  twoInstances: RelayResult[]
  fanoutDocx: DocxContention[]
}

/** Runs one measurement on a fresh server; a failure is logged and gives `fallback` (the run goes on). */
async function withServer<T>(kind: ServerKind, run: (s: BenchServer) => Promise<T>, fallback: T, options: StartOptions = {}): Promise<T> {
  let server: BenchServer | null = null
  try {
    server = await startServer(kind, options)
    const result = await run(server)
    log(`    → ${JSON.stringify(result, (k, v) => (k === 'latencies' ? `${v.length} mesures` : v))}`)
    return result
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause
    log(`    ÉCHEC ${kind} : ${(error as Error).stack ?? String(error)}${cause ? `\n    cause : ${String(cause)}` : ''}`)
    if (server) log(`    sortie du serveur : ${server.output().slice(-2000)}`)
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

/** Pooled p50/p99 over the rounds, and the range of each round's own p50/p99. */
function summarise(results: FanoutResult[]) {
  const ran = results.filter((r) => r.latencies.length > 0)
  const all = ran.flatMap((r) => r.latencies)
  const expected = results.reduce((n, r) => n + r.expected, 0)
  const delivered = results.reduce((n, r) => n + r.delivered, 0)
  return {
    p50: round1(percentile(all, 50)),
    p99: round1(percentile(all, 99)),
    rounds: { p50: spread(ran.map((r) => percentile(r.latencies, 50))), p99: spread(ran.map((r) => percentile(r.latencies, 99))) },
    delivered: expected > 0 ? Math.round((delivered / expected) * 100_000) / 1000 : 0,
  }
}

const coldTailSpread = (runs: ColdTail[]) => ({
  ms: spread(runs.flatMap((r) => r.times)),
  tailRows: runs.map((r) => r.tailRows),
  complete: runs.length > 0 && runs.every((r) => r.complete),
})

async function main() {
  const kinds = ONLY ?? SERVER_KINDS
  const started = Date.now()
  const measured = provenance()
  const empty = (): Collected => ({
    fanout40: [], fanout10x10: [], maxUpdatesPerSec: [], idle: [], rssOpenMB: [], coldLoadMs: [], coldLoadComplete: true, lostAfterKill: [],
    coldTail: { noCompaction: [], defaultCompaction: [] }, twoInstances: [], fanoutDocx: [],
  })
  const data = Object.fromEntries(kinds.map((k) => [k, empty()])) as Record<ServerKind, Collected>
  const has = (m: Metric) => METRICS.has(m)

  const floors: CommitFloor[] = []
  for (let r = 0; r < (has('fanout') ? ROUNDS : 0); r++) {
    log(`tour ${r + 1}/${ROUNDS} — plancher : un commit Postgres durable`)
    floors.push(await durableCommitFloor())
    log(`    → ${JSON.stringify(floors.at(-1))}`)
    for (const kind of rotation(r, kinds)) {
      log(`tour ${r + 1}/${ROUNDS} — ${kind} : fanout40`)
      data[kind].fanout40.push(await withServer(kind, (s) => fanout40(s, FANOUT_MS), NO_LOAD))
      log(`tour ${r + 1}/${ROUNDS} — ${kind} : fanout10x10`)
      data[kind].fanout10x10.push(await withServer(kind, (s) => fanout10x10(s, FANOUT_MS), NO_LOAD))
    }
  }
  for (let n = 0; n < SAMPLES; n++) {
    const tag = `échantillon ${n + 1}/${SAMPLES}`
    for (const kind of has('maxUpdatesPerSec') ? rotation(n + 1, kinds) : []) {
      log(`${tag} — ${kind} : maxUpdatesPerSec`)
      data[kind].maxUpdatesPerSec.push(await withServer(kind, (s) => maxUpdatesPerSec(s, RATES, RATE_STEP_MS, log), NaN))
    }
    for (const kind of has('idleConnKB') ? rotation(n + 2, kinds) : []) {
      log(`${tag} — ${kind} : idleConnKB (${IDLE_CONNECTIONS} connexions, ${IDLE_DOCS} fiches)`)
      const r = await withServer(kind, (s) => idleConnections(s, IDLE_DOCS, IDLE_CONNECTIONS, log), null)
      if (r) data[kind].idle.push(r)
    }
    for (const kind of has('rssOpen') ? rotation(n, kinds) : []) {
      log(`${tag} — ${kind} : rssOpen (${OPEN_DOCS} fiches, ${OPEN_CONNECTIONS} connexions)`)
      data[kind].rssOpenMB.push(await withServer(kind, (s) => rssOpenMB(s, OPEN_DOCS, OPEN_CONNECTIONS), NaN))
    }
    for (const kind of has('coldLoadMs') ? rotation(n, kinds) : []) {
      log(`${tag} — ${kind} : coldLoadMs`)
      const cold = await withServer(kind, (s) => coldLoadMs(s, COLD_UPDATES, COLD_OPENS, log), { ms: NaN, complete: false })
      data[kind].coldLoadMs.push(cold.ms)
      data[kind].coldLoadComplete &&= cold.complete
    }
    for (const kind of has('lostAfterKill') ? rotation(n + 1, kinds) : []) {
      log(`${tag} — ${kind} : lostAfterKill`)
      data[kind].lostAfterKill.push(await withServer(kind, (s) => lostAfterKill(s, log), NaN))
    }
    if (!kinds.includes('paritaire')) continue
    const p = data.paritaire
    if (has('coldTail')) {
      log(`${tag} — paritaire : coldTail sans compactage (SYNC_COMPACT_EVERY=${NO_COMPACTION})`)
      const none = await withServer('paritaire', (s) => coldTail(s, COLD_UPDATES, COLD_OPENS, log), null, { env: { SYNC_COMPACT_EVERY: NO_COMPACTION } })
      if (none) p.coldTail.noCompaction.push(none)
      log(`${tag} — paritaire : coldTail avec le compactage par défaut`)
      const dflt = await withServer('paritaire', (s) => coldTail(s, COLD_UPDATES, COLD_OPENS, log), null)
      if (dflt) p.coldTail.defaultCompaction.push(dflt)
    }
    if (has('twoInstances')) {
      log(`${tag} — paritaire : twoInstances`)
      const r = await withServer('paritaire', (s) => twoInstances(s, RELAY_MS), null)
      if (r) p.twoInstances.push(r)
    }
    if (has('fanoutDocx')) {
      log(`${tag} — paritaire : fanoutDocx (${DOCX_IN_FLIGHT} comparaisons DOCX en cours)`)
      const r = await withServer('paritaire', (s) => fanoutUnderDocx(s, DOCX_MS, DOCX_IN_FLIGHT, log), null)
      if (r) p.fanoutDocx.push(r)
    }
  }

  const dir = join(import.meta.dirname, 'results')
  const file = join(dir, 'sync.json')
  const previous = PARTIAL && existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null
  // A partial run (BENCH_ONLY, BENCH_METRICS) keeps what it did not measure: the other servers whole, the other metrics of these.
  const servers = {
    ...(previous?.servers ?? {}),
    ...Object.fromEntries(
    kinds.map((k) => {
      const d = data[k]
      const f40 = summarise(d.fanout40)
      const f10 = summarise(d.fanout10x10)
      const fresh: Record<string, unknown> = {
        fanout40: { p50: f40.p50, p99: f40.p99, rounds: f40.rounds },
        fanout10x10: { p50: f10.p50, p99: f10.p99, rounds: f10.rounds },
        delivered: { fanout40: f40.delivered, fanout10x10: f10.delivered },
        maxUpdatesPerSec: spread(d.maxUpdatesPerSec),
        idleConnKB: spread(d.idle.map((r) => r.kbPerConnection)),
        idleConnKBSettled: spread(d.idle.map((r) => r.kbPerConnectionSettled)),
        idleRestP95Ms: { connecting: spread(d.idle.map((r) => r.probeConnectingP95Ms)), held: spread(d.idle.map((r) => r.probeHeldP95Ms)) },
        idle: { connections: IDLE_CONNECTIONS, docs: IDLE_DOCS, probeMaxMs: d.idle.map((r) => r.probeMaxMs), probeFailures: d.idle.map((r) => r.probeFailures) },
        rssOpenMB: spread(d.rssOpenMB),
        coldLoadMs: spread(d.coldLoadMs),
        coldLoadComplete: d.coldLoadComplete,
        lostAfterKill: spread(d.lostAfterKill),
        ...(k === 'hocuspocus' ? { lostAfterKillNote: DEBOUNCE_NOTE } : {}),
      }
      if (k === 'paritaire') {
        fresh.coldTail = { noCompaction: coldTailSpread(d.coldTail.noCompaction), defaultCompaction: coldTailSpread(d.coldTail.defaultCompaction) }
        const t = d.twoInstances
        fresh.twoInstances = {
          addedP50: spread(t.map((r) => r.addedP50)), addedP99: spread(t.map((r) => r.addedP99)),
          sameP50: spread(t.map((r) => r.sameP50)), sameP99: spread(t.map((r) => r.sameP99)),
          crossP50: spread(t.map((r) => r.crossP50)), crossP99: spread(t.map((r) => r.crossP99)),
          delivered: t.map((r) => r.delivered),
        }
        const x = d.fanoutDocx
        fresh.fanoutDocx = {
          inFlight: DOCX_IN_FLIGHT,
          baselineP50: spread(x.map((r) => r.baseline.p50)), baselineP99: spread(x.map((r) => r.baseline.p99)),
          withDocxP50: spread(x.map((r) => r.withDocx.p50)), withDocxP99: spread(x.map((r) => r.withDocx.p99)),
          docxDone: x.map((r) => r.docxDone), docxFailed: x.map((r) => r.docxFailed), docxMedianMs: spread(x.map((r) => r.docxMedianMs)),
        }
      }
      if (!previous?.servers?.[k]) return [k, fresh]
      // Partial re-run: keep the other metrics of the previous run.
      const merged = { ...previous.servers[k] }
      for (const m of METRICS) for (const key of KEYS[m]) if (key in fresh) merged[key] = fresh[key]
      return [k, merged]
    }),
    ),
  }
  const cpu = cpus()
  const durableCommitMs = floors.length > 0
    ? { p50: spread(floors.map((f) => f.p50)), p99: spread(floors.map((f) => f.p99)), commitsPerSample: floors[0]!.commits, date: measured.date, commit: measured.commit }
    : previous?.durableCommitMs
  const result = {
    servers,
    ...(durableCommitMs ? { durableCommitMs } : {}),
    commit: measured.commit,
    dirty: measured.dirty,
    ...(measured.dirtyFiles ? { dirtyFiles: measured.dirtyFiles } : {}),
    machine: `${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} Go, Node ${process.version}, Postgres 127.0.0.1:5432`,
    loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
    date: previous?.date ?? measured.date,
    // Each partial run since the full one: what it re-measured, where and on which commit.
    ...(previous ? { reruns: [...(previous.reruns ?? []), { metrics: [...METRICS], date: measured.date, commit: measured.commit, servers: kinds }] } : {}),
    settings: {
      samples: SAMPLES, rounds: ROUNDS, fanoutMs: FANOUT_MS, rates: RATES, rateStepMs: RATE_STEP_MS, idleDocs: IDLE_DOCS, idleConnections: IDLE_CONNECTIONS,
      openDocs: OPEN_DOCS, openConnections: OPEN_CONNECTIONS, coldUpdates: COLD_UPDATES, coldOpens: COLD_OPENS, relayMs: RELAY_MS, docxMs: DOCX_MS,
      docxInFlight: DOCX_IN_FLIGHT, durationS: Math.round((Date.now() - started) / 1000),
    },
  }
  printTables(kinds, servers, result.machine, result.settings.durationS, durableCommitMs)
  mkdirSync(dir, { recursive: true })
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`)
  log(`résultats écrits dans ${file} (commit ${measured.commit}${measured.dirty ? ', arbre modifié' : ''})`)
}

/** A figure as sync.json holds it: a spread, or a plain number (older files). */
function show(v: unknown, unit = ''): string {
  if (typeof v === 'number') return Number.isFinite(v) ? `${v}${unit}` : '—'
  return showSpread(v as Spread | undefined, unit)
}

function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')
  console.log(line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'))
  for (const r of rows) console.log(line(r))
}

function printTables(kinds: ServerKind[], servers: Record<string, any>, machine: string, durationS: number, floor?: { p50: Spread; p99: Spread }): void {
  console.log('médiane (min–max) sur les échantillons ; fan-out : p50 / p99 de toutes les mesures')
  table(
    ['serveur', 'fanout40 p50/p99', 'fanout10x10 p50/p99', 'max maj/s', 'Ko/conn. inactive (5 s / stable)', 'REST p95 (conn. tenues)', 'RSS 100 fiches/1000 conn.', 'ouverture à froid', 'perdues (kill -9)'],
    kinds.map((k) => {
      const s = servers[k] ?? {}
      return [
        k,
        Number.isFinite(s.fanout40?.p50) ? `${s.fanout40.p50} / ${s.fanout40.p99} ms` : '—',
        Number.isFinite(s.fanout10x10?.p50) ? `${s.fanout10x10.p50} / ${s.fanout10x10.p99} ms` : '—',
        show(s.maxUpdatesPerSec),
        `${show(s.idleConnKB)} / ${show(s.idleConnKBSettled)}`,
        show(s.idleRestP95Ms?.held, ' ms'),
        show(s.rssOpenMB, ' Mo'),
        `${show(s.coldLoadMs, ' ms')}${s.coldLoadComplete === false ? ' (incomplet)' : ''}`,
        `${show(s.lostAfterKill)}${s.lostAfterKillNote ? ' — perd jusqu’à 10 s par conception' : ''}`,
      ]
    }),
  )
  if (floor) console.log(`plancher d’un fan-out durable — un commit Postgres (fsync compris) : p50 ${showSpread(floor.p50, ' ms')}, p99 ${showSpread(floor.p99, ' ms')}`)
  const p = servers.paritaire
  if (p && (p.coldTail || p.twoInstances || p.fanoutDocx)) {
    console.log('\nParitaire seul')
    const rows: string[][] = []
    if (p.coldTail) {
      rows.push(['ouverture à froid, queue de journal non compactée', `${show(p.coldTail.noCompaction.ms, ' ms')} (queue : ${p.coldTail.noCompaction.tailRows.join(', ') || '—'} lignes)`])
      rows.push(['ouverture à froid, compactage par défaut', `${show(p.coldTail.defaultCompaction.ms, ' ms')} (queue : ${p.coldTail.defaultCompaction.tailRows.join(', ') || '—'} lignes)`])
    }
    if (p.twoInstances) {
      rows.push(['relais par une 2e instance : latence ajoutée p50 / p99', `${show(p.twoInstances.addedP50, ' ms')} / ${show(p.twoInstances.addedP99, ' ms')}`])
      rows.push(['  même instance p50 / p99 ; autre instance p50 / p99', `${show(p.twoInstances.sameP50)} / ${show(p.twoInstances.sameP99)} ; ${show(p.twoInstances.crossP50)} / ${show(p.twoInstances.crossP99)} ms`])
    }
    if (p.fanoutDocx) {
      rows.push([`frappe p50 / p99 seule`, `${show(p.fanoutDocx.baselineP50, ' ms')} / ${show(p.fanoutDocx.baselineP99, ' ms')}`])
      rows.push([`frappe p50 / p99, ${p.fanoutDocx.inFlight} DOCX en cours`, `${show(p.fanoutDocx.withDocxP50, ' ms')} / ${show(p.fanoutDocx.withDocxP99, ' ms')} (${p.fanoutDocx.docxDone.join(', ')} DOCX servis)`])
    }
    table(['mesure', 'valeur'], rows)
  }
  console.log(`(${machine} ; ${durationS} s)`)
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
