/**
 * Memory workloads of the sync benchmark. Idle connections: RSS growth per
 * connection with many idle clients over many fiches of 10 KB (the fiches'
 * live documents are part of what connections cost), while a plain HTTP GET
 * probes the server every 100 ms (Paritaire: `GET /api/health`) — its p95
 * says whether the server keeps answering REST while holding them. Open
 * fiches: the server's whole RSS with 100 fiches open and 1,000 clients.
 * Idle clients free their copy of the document once synced (`goIdle`), so
 * that the load generator stays small.
 *
 * The idle figure is read twice: 5 s after the last client connected (the
 * connecting burst's garbage is then mostly still in the heap, since V8
 * keeps the pages it grew into), and settled — the lowest RSS over the next
 * SETTLE_MS while nothing happens, once the garbage collector has given
 * memory back — which is what the idle connections themselves hold.
 */
import type { BenchServer } from './servers.ts'
import { ficheOfSize } from './fiches.ts'
import { connectAll } from './scenarios.ts'
import { percentile, round1, sleep } from './stats.ts'

/** How long the settled idle figure watches the RSS. */
const SETTLE_MS = 25_000

export interface IdleResult {
  /** 5 s after connecting. */
  kbPerConnection: number
  /** The lowest over the following SETTLE_MS (see the header). */
  kbPerConnectionSettled: number
  /** p95 of the probe GETs while the clients connected, then while they were held. */
  probeConnectingP95Ms: number
  probeHeldP95Ms: number
  probeMaxMs: number
  probes: number
  probeFailures: number
}

/** Probes `url` every 100 ms until stopped; latencies are sorted into the current phase. */
function probe(url: string) {
  const phases: Record<'connecting' | 'held', number[]> = { connecting: [], held: [] }
  let phase: 'connecting' | 'held' = 'connecting'
  let failures = 0
  let running = true
  const loop = (async () => {
    while (running) {
      const t0 = performance.now()
      const current = phase
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(10_000) })
        await res.arrayBuffer()
        if (!res.ok) failures++
        else phases[current].push(performance.now() - t0)
      } catch {
        failures++
      }
      await sleep(100)
    }
  })()
  return {
    held() { phase = 'held' },
    async stop() {
      running = false
      await loop
      return { ...phases, failures }
    },
  }
}

export async function idleConnections(server: BenchServer, docs: number, connections: number, log: (s: string) => void): Promise<IdleResult> {
  const names = await server.createDocs(Array.from({ length: docs }, (_, i) => ficheOfSize(10_000, `i${i}`)))
  await sleep(1_500)
  const before = server.rssKB()
  const p = probe(server.probeUrl)
  const clients = Array.from({ length: connections }, (_, i) => server.client(names[i % docs]!))
  const t0 = performance.now()
  await connectAll(clients, 50, (c) => c.goIdle())
  log(`    ${server.kind} : ${connections} connexions en ${Math.round(performance.now() - t0)} ms`)
  p.held()
  await sleep(5_000)
  const after = server.rssKB()
  let settled = after
  for (let waited = 0; waited < SETTLE_MS; waited += 1_000) {
    await sleep(1_000)
    settled = Math.min(settled, server.rssKB())
  }
  const probes = await p.stop()
  const open = clients.filter((c) => !c.closed).length
  for (const c of clients) c.close()
  if (open < connections) log(`    ${server.kind} : ${connections - open} connexions fermées par le serveur`)
  const all = [...probes.connecting, ...probes.held]
  return {
    kbPerConnection: round1((after - before) / connections),
    kbPerConnectionSettled: round1((settled - before) / connections),
    probeConnectingP95Ms: round1(percentile(probes.connecting, 95)),
    probeHeldP95Ms: round1(percentile(probes.held, 95)),
    probeMaxMs: round1(Math.max(...all)),
    probes: all.length,
    probeFailures: probes.failures,
  }
}

/** RSS of the server, in MB, with `docs` fiches of 10 KB open and `connections` clients spread over them. */
export async function rssOpenMB(server: BenchServer, docs: number, connections: number): Promise<number> {
  const names = await server.createDocs(Array.from({ length: docs }, (_, i) => ficheOfSize(10_000, `o${i}`)))
  const clients = Array.from({ length: connections }, (_, i) => server.client(names[i % docs]!))
  await connectAll(clients, 50, (c) => c.goIdle())
  await sleep(3_000)
  const rss = server.rssKB() / 1024
  for (const c of clients) c.close()
  return round1(rss)
}
