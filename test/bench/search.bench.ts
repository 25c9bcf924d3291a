/**
 * `npm run bench:search`: full-text search on a negotiation of 1,000 fiches
 * with 20 versions each (fiches from the corpus avenant 004 and directory
 * 002, cycled; 5 % of fiches reworded between versions), through the HTTP
 * API as the editor calls it, on the embedded PGlite and — when
 * TEST_DATABASE_URL (or BENCH_DATABASE_URL) is set — on Postgres. Peer in
 * the same run: the naive search a first version would do, `ILIKE` over
 * the stored JSON of the fiches (live text) and of the versions (across
 * versions), without stemming, ranking or extracts. Several samples per
 * query after a warm-up; median and p95. Prints a table and writes
 * test/bench/results/search.json with the commit measured.
 */
import { execSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { importTexte, type Fiche } from '@paritaire/schema'
import { sql } from '@paritaire/server'
import { startAppServer } from '../utils/app-server.ts'
import { databaseTargets } from '../utils/db.ts'
import { ApiClient } from '../utils/http.ts'
import { seedWorld } from '../utils/seed.ts'

const here = dirname(fileURLToPath(import.meta.url))
const corpus = join(here, '..', 'fixtures', 'corpus')
const FICHES = Number(process.env.BENCH_FICHES ?? 1000)
const VERSIONS = Number(process.env.BENCH_VERSIONS ?? 20)
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 15)

const QUERIES: { name: string; q: string; versions: boolean; like: string }[] = [
  { name: 'un mot (salarié)', q: 'salarié', versions: false, like: 'salari' },
  { name: 'expression « prise de vue »', q: '"prise de vue"', versions: false, like: 'prise de vue' },
  { name: 'deux mots (retouche défauts)', q: 'retouche défauts', versions: false, like: 'défauts' },
  { name: 'approchant (polyvalance)', q: 'polyvalance', versions: false, like: 'polyvalance' },
  { name: 'toutes versions (chambre noire)', q: 'chambre noire', versions: true, like: 'chambre noire' },
  { name: 'toutes versions (salarié)', q: 'salarié', versions: true, like: 'salari' },
]

function corpusFiches(): Fiche[] {
  return ['004_cf39432f65990045.txt', '002_6cd951afcde3cdbf.txt']
    .flatMap((f) => importTexte(readFileSync(join(corpus, f), 'utf8'), { fileName: f }).texte.fiches)
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!
const round = (x: number) => Math.round(x * 10) / 10

async function timed(fn: () => Promise<unknown>, samples: number): Promise<{ median: number; p95: number; samples: number }> {
  await fn()
  const out: number[] = []
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now()
    await fn()
    out.push(performance.now() - t0)
  }
  return { median: round(median(out)), p95: round(p95(out)), samples }
}

async function benchTarget(name: string, target: ReturnType<typeof databaseTargets>[number]) {
  const server = await startAppServer(target)
  try {
    const world = await seedWorld(server.ctx)
    const chair = await new ApiClient(server.url).login(world.users.chair.email, world.users.chair.password)
    const base = corpusFiches()
    const ids: string[] = []
    const t0 = performance.now()
    for (let i = 0; i < FICHES; i++) {
      const source = base[i % base.length]!
      const lot = Math.floor(i / base.length) + 1
      const fiche = { ...source, id: `b${i}`, denomination: { ...source.denomination, intitule: `${source.denomination.intitule} (lot ${lot})` } }
      const res = await chair.post(`/api/negotiations/${world.negotiationId}/fiches`, { fiche })
      if (res.status !== 201) throw new Error(`fiche ${i}: ${res.status} ${res.text}`)
      ids.push(res.json.fiche.id)
    }
    const seedFichesMs = performance.now() - t0
    const t1 = performance.now()
    for (let v = 1; v <= VERSIONS; v++) {
      // Reword 5 % of the fiches, so that versions differ.
      for (let k = 0; k < FICHES / 20; k++) {
        const id = ids[(v * 37 + k * 20) % ids.length]!
        const current = (await chair.get(`/api/fiches/${id}`)).json.fiche
        current.objet.content = [{ type: 'paragraph', content: [{ text: `Rédaction ${v} : développe la chambre noire et le tirage argentique.`, marks: [] }] }]
        const res = await chair.put(`/api/fiches/${id}`, current)
        if (res.status !== 200) throw new Error(`edit: ${res.status} ${res.text}`)
      }
      const res = await chair.post(`/api/negotiations/${world.negotiationId}/versions`, { label: `v${v}` })
      if (res.status !== 201) throw new Error(`version ${v}: ${res.status} ${res.text}`)
    }
    const seedVersionsMs = performance.now() - t1
    const url = (q: string, versions: boolean) =>
      `/api/negotiations/${world.negotiationId}/search?q=${encodeURIComponent(q)}${versions ? '&version=all' : ''}`

    // The first query of each scope brings the index up to date (every fiche, every version).
    const f0 = performance.now()
    await chair.get(url('salarié', false))
    const firstLiveMs = performance.now() - f0
    const f1 = performance.now()
    await chair.get(url('salarié', true))
    const firstVersionsMs = performance.now() - f1
    const entries = Number((await sql<{ n: string }>`select count(*)::text as n from search_entries`.execute(server.ctx.database.db)).rows[0]!.n)

    const rows = []
    for (const query of QUERIES) {
      let hits = 0
      const paritaire = await timed(async () => {
        const res = await chair.get(url(query.q, query.versions))
        if (res.status !== 200) throw new Error(`${query.q}: ${res.status} ${res.text}`)
        hits = res.json.hits.length
      }, SAMPLES)
      let likeRows = 0
      const db = server.ctx.database.db
      const pattern = `%${query.like}%`
      const like = await timed(async () => {
        const { rows } = query.versions
          ? await sql`select id from versions where negotiation_id = ${world.negotiationId} and content::text ilike ${pattern}`.execute(db)
          : await sql`select id from fiches where negotiation_id = ${world.negotiationId} and content::text ilike ${pattern} limit 50`.execute(db)
        likeRows = rows.length
      }, SAMPLES)
      rows.push({ query: query.name, paritaire, hits, ilike: like, ilikeRows: likeRows })
    }
    return { database: name, fiches: FICHES, versions: VERSIONS, entries, seedFichesMs: round(seedFichesMs), seedVersionsMs: round(seedVersionsMs), firstLiveMs: round(firstLiveMs), firstVersionsMs: round(firstVersionsMs), rows }
  } finally {
    await server.stop()
  }
}

const commit = (() => { try { return execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim() } catch { return 'unknown' } })()
const results = []
for (const target of databaseTargets()) {
  console.error(`search bench: ${target.name} — ${FICHES} fiches × ${VERSIONS} versions…`)
  results.push(await benchTarget(target.name, target))
}

for (const r of results) {
  console.log(`\n${r.database}: ${r.fiches} fiches, ${r.versions} versions, ${r.entries} index entries; first query ${Math.round(r.firstLiveMs)} ms (live), ${Math.round(r.firstVersionsMs)} ms (versions)`)
  console.log('| query | Paritaire p50 / p95 (hits) | ILIKE on JSON p50 / p95 (rows) |')
  console.log('|---|---|---|')
  for (const row of r.rows) {
    console.log(`| ${row.query} | ${row.paritaire.median} / ${row.paritaire.p95} ms (${row.hits}) | ${row.ilike.median} / ${row.ilike.p95} ms (${row.ilikeRows}) |`)
  }
}
mkdirSync(join(here, 'results'), { recursive: true })
writeFileSync(join(here, 'results', 'search.json'), `${JSON.stringify({
  commit, date: new Date().toISOString(), machine: { cpus: cpus().length, model: cpus()[0]?.model, loadavg: loadavg() }, samples: SAMPLES, results,
}, null, 2)}\n`)
