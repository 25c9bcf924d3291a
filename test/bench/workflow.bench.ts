/**
 * `npm run bench:workflow`: the table's heavy REST steps, server-side as the
 * editor calls them (issue 14's targets: import of the 51-fiche directory
 * ≤ 300 ms, a version of the 114-fiche avenant ≤ 200 ms) — importing the
 * corpus directory 002 and avenant 004 into a fresh negotiation, and
 * creating a version of the avenant (its fiches closed, then with ten of
 * them open in live documents, as during a sitting). On PGlite, and on
 * Postgres when TEST_DATABASE_URL (or BENCH_DATABASE_URL) is set. There is
 * no peer for these steps: the figures are set against the targets. Several
 * samples, median and spread; prints a table and writes
 * test/bench/results/workflow.json with the commit measured.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { startAppServer } from '../utils/app-server.ts'
import { databaseTargets } from '../utils/db.ts'
import { ApiClient } from '../utils/http.ts'
import { seedWorld } from '../utils/seed.ts'
import { connectSync } from '../utils/sync-clients.ts'
import { provenance } from './provenance.ts'

const here = import.meta.dirname
const corpus = join(here, '..', 'fixtures', 'corpus')
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 5)
const DIRECTORY = readFileSync(join(corpus, '002_6cd951afcde3cdbf.txt'))
const AVENANT = readFileSync(join(corpus, '004_cf39432f65990045.txt'))

interface Figure { median: number; min: number; max: number; samples: number[] }

const round = (x: number) => Math.round(x * 10) / 10
function figure(samples: number[]): Figure {
  const sorted = [...samples].sort((a, b) => a - b)
  return { median: round(sorted[Math.floor(sorted.length / 2)]!), min: round(sorted[0]!), max: round(sorted.at(-1)!), samples: samples.map(round) }
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now()
  await fn()
  return performance.now() - t0
}

async function benchTarget(target: ReturnType<typeof databaseTargets>[number]) {
  const server = await startAppServer(target)
  try {
    const world = await seedWorld(server.ctx)
    const chair = await new ApiClient(server.url).login(world.users.chair.email, world.users.chair.password)
    const fresh = async (title: string) => {
      const res = await chair.post('/api/negotiations', { title })
      if (res.status !== 201) throw new Error(`négociation : ${res.status} ${res.text}`)
      return res.json.negotiation.id as string
    }
    const importInto = async (negotiationId: string, source: Buffer, fileName: string) => {
      const res = await chair.request('POST', `/api/negotiations/${negotiationId}/import?fileName=${fileName}`, {
        body: source, headers: { 'content-type': 'text/plain', 'x-requested-with': 'paritaire' },
      })
      if (res.status !== 201) throw new Error(`import ${fileName} : ${res.status} ${res.text.slice(0, 300)}`)
      return res.json.fiches as { id: string }[]
    }
    const version = async (negotiationId: string, label: string) => {
      const res = await chair.post(`/api/negotiations/${negotiationId}/versions`, { label })
      if (res.status !== 201) throw new Error(`version : ${res.status} ${res.text.slice(0, 300)}`)
    }

    const directory: number[] = []
    const avenant: number[] = []
    const versionClosed: number[] = []
    const versionOpen: number[] = []
    // One warm-up round, not counted (first compilation of every code path).
    for (let i = -1; i < SAMPLES; i++) {
      const d = await fresh(`Répertoire ${i}`)
      const dMs = await timed(async () => { await importInto(d, DIRECTORY, '002.txt') })
      const a = await fresh(`Avenant ${i}`)
      let fiches: { id: string }[] = []
      const aMs = await timed(async () => { fiches = await importInto(a, AVENANT, '004.txt') })
      const closedMs = await timed(() => version(a, `v${i} fermée`))
      const clients = fiches.slice(0, 10).map((f) => connectSync(server.url, f.id, chair.cookieHeader()))
      await Promise.all(clients.map((c) => c.synced))
      const openMs = await timed(() => version(a, `v${i} ouverte`))
      for (const c of clients) c.destroy()
      if (i < 0) continue
      directory.push(dMs)
      avenant.push(aMs)
      versionClosed.push(closedMs)
      versionOpen.push(openMs)
    }
    return {
      database: target.name,
      importDirectory51: figure(directory),
      importAvenant114: figure(avenant),
      version114: figure(versionClosed),
      version114With10Open: figure(versionOpen),
    }
  } finally {
    await server.stop()
  }
}

const results = []
for (const target of databaseTargets()) {
  console.error(`workflow bench: ${target.name}…`)
  results.push(await benchTarget(target))
}
console.log('| database | import 51 fiches (002) | import 114 fiches (004) | version of 114 fiches | same, 10 fiches open |')
console.log('|---|---|---|---|---|')
const cell = (f: Figure) => `${f.median} ms (${f.min}–${f.max})`
for (const r of results) {
  console.log(`| ${r.database} | ${cell(r.importDirectory51)} | ${cell(r.importAvenant114)} | ${cell(r.version114)} | ${cell(r.version114With10Open)} |`)
}
console.log('Targets: import of the directory ≤ 300 ms; version of the avenant ≤ 200 ms.')
mkdirSync(join(here, 'results'), { recursive: true })
writeFileSync(join(here, 'results', 'workflow.json'), `${JSON.stringify({
  ...provenance(), machine: { cpus: cpus().length, model: cpus()[0]?.model, loadavg: loadavg() }, samples: SAMPLES, results,
}, null, 2)}\n`)
