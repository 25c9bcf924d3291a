/**
 * Figures only Paritaire has a setting for (issue 14): cold open of a fiche
 * whose update log really has a long tail (the server is killed with its
 * clients still connected, so the compaction that unloading does never
 * runs; the tail is counted in the database), the added latency of a relay
 * through a second instance on the same database, and one member's
 * keystroke fan-out while another member keeps DOCX redlines in flight.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as Y from 'yjs'
import type { BenchClient } from './client.ts'
import { ficheOfSize, textsOf } from './fiches.ts'
import type { BenchServer } from './servers.ts'
import { connectAll, openFully, runLoad, writeHistory } from './scenarios.ts'
import { median, percentile, round1, sleep } from './stats.ts'

const CORPUS = join(import.meta.dirname, '..', '..', 'fixtures', 'corpus')

function extras(server: BenchServer) {
  if (!server.paritaire) throw new Error('figure propre à Paritaire')
  return server.paritaire
}

export interface ColdTail {
  ms: number
  times: number[]
  /** Rows of the fiche's log left after the writes, that each open reads. */
  tailRows: number
  complete: boolean
}

/**
 * Writes `updates` updates, waits until the log's tail stops changing
 * (background compaction done), then `opens` times: kill -9 with the clients
 * still connected (no unload, so no compaction), restart, time the open.
 * Whether the log keeps its tail depends on the server's SYNC_COMPACT_EVERY.
 */
export async function coldTail(server: BenchServer, updates: number, opens: number, log: (s: string) => void): Promise<ColdTail> {
  const { name, want } = await writeHistory(server, updates, true)
  // Compaction runs in the background behind the writes: let it finish, as
  // it would for a fiche edited some time before the crash.
  let tailRows = await extras(server).tailRows(name)
  for (let stable = 0, deadline = Date.now() + 30_000; stable < 5 && Date.now() < deadline;) {
    await sleep(200)
    const now = await extras(server).tailRows(name)
    stable = now === tailRows ? stable + 1 : 0
    tailRows = now
  }
  log(`    ${server.kind} : ${tailRows} lignes dans la queue du journal`)
  const times: number[] = []
  let complete = true
  for (let k = 0; k < opens; k++) {
    await server.kill9()
    await server.restart()
    const open = await openFully(server, name, want)
    complete &&= open.complete
    times.push(round1(open.ms))
  }
  await server.kill9()
  return { ms: round1(median(times)), times, tailRows, complete }
}

export interface RelayResult {
  sameP50: number
  sameP99: number
  crossP50: number
  crossP99: number
  /** Cross-instance minus same-instance latency. */
  addedP50: number
  addedP99: number
  delivered: number
}

/**
 * One 10 KB fiche, two typists on instance A; five observers on A and five
 * on B. The relay through B costs (B's latency − A's latency).
 */
export async function twoInstances(server: BenchServer, durationMs: number): Promise<RelayResult> {
  const second = await extras(server).secondInstance()
  try {
    const [name] = await server.createDocs([ficheOfSize(10_000, 'r')])
    const typists = [server.client(name!), server.client(name!)]
    const same = Array.from({ length: 5 }, () => server.client(name!))
    const cross = Array.from({ length: 5 }, () => second.client(name!))
    await connectAll([...typists, ...same, ...cross])
    const lat = { same: [] as number[], cross: [] as number[] }
    // Only updates sent after the warm-up count, wherever they arrive.
    const measured = new Set<string>()
    let expected = 0
    const watch = (clients: BenchClient[], into: number[]) => {
      for (const c of clients) c.options.onLatency = (ms, key) => { if (measured.has(key)) into.push(ms) }
    }
    watch(same, lat.same)
    watch(cross, lat.cross)
    const texts = typists.map((t, i) => textsOf(t.doc)[i * 3]!)
    const start = performance.now()
    const warmup = 2_000
    let turn = 0
    while (performance.now() - start < warmup + durationMs) {
      const i = turn++ % typists.length
      const t = typists[i]!
      if (performance.now() - start >= warmup) {
        measured.add(`${t.doc.clientID}:${Y.getState(t.doc.store, t.doc.clientID)}`)
        expected += same.length + cross.length
      }
      t.edit(() => texts[i]!.insert(texts[i]!.length, 'r'))
      await sleep(25) // 40 updates/s over the two typists
    }
    await sleep(2_000)
    for (const c of [...typists, ...same, ...cross]) c.close()
    const p = (xs: number[], q: number) => round1(percentile(xs, q))
    return {
      sameP50: p(lat.same, 50), sameP99: p(lat.same, 99),
      crossP50: p(lat.cross, 50), crossP99: p(lat.cross, 99),
      addedP50: round1(percentile(lat.cross, 50) - percentile(lat.same, 50)),
      addedP99: round1(percentile(lat.cross, 99) - percentile(lat.same, 99)),
      delivered: expected > 0 ? round1(((lat.same.length + lat.cross.length) / expected) * 100) : 0,
    }
  } finally {
    await second.stop()
  }
}

export interface DocxContention {
  baseline: { p50: number; p99: number }
  withDocx: { p50: number; p99: number }
  /** Redlines answered during the loaded phase, and those refused or failed. */
  docxDone: number
  docxFailed: number
  docxMedianMs: number
}

/**
 * The 114-fiche avenant imported, a version taken, then 10 members on one
 * of its fiches (3 typing, 30 updates/s): fan-out alone, then while a
 * read-only member keeps `inFlight` `GET /api/diff?…&to=live&format=docx`
 * requests in flight.
 */
export async function fanoutUnderDocx(server: BenchServer, durationMs: number, inFlight: number, log: (s: string) => void): Promise<DocxContention> {
  const x = extras(server)
  const source = readFileSync(join(CORPUS, '004_cf39432f65990045.txt'))
  const imported = await x.editor.request('POST', `/api/negotiations/${x.negotiationId}/import?fileName=004.txt`, {
    body: source, headers: { 'content-type': 'text/plain', 'x-requested-with': 'bench' },
  })
  if (imported.status !== 201) throw new Error(`import refusé : ${imported.status} ${imported.text.slice(0, 300)}`)
  const version = await x.editor.post(`/api/negotiations/${x.negotiationId}/versions`, { label: 'Avenant importé' })
  if (version.status !== 201) throw new Error(`version refusée : ${version.status} ${version.text.slice(0, 300)}`)
  const ficheId: string = imported.json.fiches[0].id
  const load = (ms: number) => runLoad(server, {
    sizes: [], docs: [ficheId], clientsPerDoc: 10, typistsPerDoc: 3, rate: 30,
    durationMs: ms, warmupMs: 2_000, pasteEvery: 0, awarenessEveryMs: 1000,
  })
  const baseline = await load(durationMs)
  const url = `${server.probeUrl.replace(/\/api\/health$/, '')}/api/diff?from=${version.json.version.id}&to=live&format=docx`
  const cookie = x.viewer.cookieHeader()
  let running = true
  let done = 0
  let failed = 0
  const times: number[] = []
  const workers = Array.from({ length: inFlight }, async () => {
    while (running) {
      const t0 = performance.now()
      try {
        const res = await fetch(url, { headers: { cookie } })
        await res.arrayBuffer()
        if (res.ok) {
          if (running) done++
          times.push(performance.now() - t0)
        } else {
          failed++
          await sleep(50)
        }
      } catch {
        failed++
      }
    }
  })
  await sleep(1_000) // the redlines are under way before the typing starts
  const loaded = await load(durationMs)
  running = false
  await Promise.all(workers)
  log(`    ${server.kind} : ${done} comparaisons DOCX servies (${failed} refusées ou en échec)`)
  const q = (xs: number[], p: number) => round1(percentile(xs, p))
  return {
    baseline: { p50: q(baseline.latencies, 50), p99: q(baseline.latencies, 99) },
    withDocx: { p50: q(loaded.latencies, 50), p99: q(loaded.latencies, 99) },
    docxDone: done,
    docxFailed: failed,
    docxMedianMs: round1(median(times)),
  }
}
