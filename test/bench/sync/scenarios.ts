/**
 * The workloads of the sync benchmark, each run against one freshly started
 * server: fan-out latency (40 clients on one fiche; 10 fiches × 10 clients),
 * the highest sustained update rate, cold open of a fiche with 20,000
 * updates of history, and updates lost after kill -9 (memory: memory.ts;
 * the Paritaire-only figures: paritaire-only.ts).
 * Typists insert at the end of their own paragraph of the fiche (never
 * touching its structure), a few updates are 5–20 KB pastes, and every
 * client sends awareness (cursor) updates.
 */
import * as Y from 'yjs'
import { BenchClient, clearSent } from './client.ts'
import { ficheOfSize, textsOf } from './fiches.ts'
import type { BenchServer } from './servers.ts'
import { median, percentile, sleep } from './stats.ts'

export interface FanoutResult {
  latencies: number[]
  sent: number
  expected: number
  delivered: number
}

interface LoadOptions {
  sizes: number[]
  /** Existing documents to load instead of creating `sizes`. */
  docs?: string[]
  clientsPerDoc: number
  typistsPerDoc: number
  /** Aggregate updates per second over all typists of all documents. */
  rate: number
  durationMs: number
  warmupMs: number
  pasteEvery: number
  awarenessEveryMs: number
}

/**
 * Connects and waits until each client holds the fiche. "Synced" is not
 * enough: @y/websocket-server answers sync step 1 before its LevelDB state is
 * loaded, and sends the content as an update just after.
 */
export async function connectAll(clients: BenchClient[], parallel = 25, onReady?: (c: BenchClient) => void): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < clients.length) {
        const c = clients[next++]!
        await c.connect()
        await c.whenSynced()
        const deadline = Date.now() + 30_000
        while (textsOf(c.doc).length === 0 && Date.now() < deadline) await sleep(5)
        onReady?.(c)
      }
    }),
  )
}

function pasteText(rand: () => number): string {
  const size = 5_000 + Math.floor(rand() * 15_000)
  return 'Collé depuis le texte de la branche : '.padEnd(size, ' activité professionnelle')
}

export async function runLoad(server: BenchServer, o: LoadOptions): Promise<FanoutResult> {
  const docNames = o.docs ?? await server.createDocs(o.sizes.map((size, i) => ficheOfSize(size, `f${i}`)))
  const groups = docNames.map((name) => Array.from({ length: o.clientsPerDoc }, () => server.client(name)))
  const all = groups.flat()
  await connectAll(all)
  const latencies: number[] = []
  const tracked = new Map<string, number>()
  let measuring = false
  for (const c of all) {
    c.options.onLatency = (ms, key) => {
      if (!tracked.has(key)) return
      tracked.set(key, tracked.get(key)! + 1)
      latencies.push(ms)
    }
  }
  const typists = groups.flatMap((g) =>
    g.slice(0, o.typistsPerDoc).map((client, i) => {
      const texts = textsOf(client.doc)
      return { client, text: texts[(i * 7) % texts.length]! }
    }),
  )
  let seed = 12345
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296)
  const awarenessTimer = setInterval(() => {
    for (const c of all) if (rand() < o.awarenessEveryMs / 1000) c.setAwareness({ user: { name: 'Charge', color: '#888', organisation: 'Banc' }, cursor: Math.floor(rand() * 1000) })
  }, 1000)
  let sent = 0
  let expected = 0
  let turn = 0
  const start = performance.now()
  let done = 0
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const elapsed = performance.now() - start
      measuring = elapsed >= o.warmupMs
      if (elapsed >= o.warmupMs + o.durationMs) {
        clearInterval(tick)
        resolve()
        return
      }
      const due = Math.floor((elapsed / 1000) * o.rate) - done
      for (let k = 0; k < due; k++, done++) {
        const t = typists[turn++ % typists.length]!
        if (t.client.closed) continue
        const key = `${t.client.doc.clientID}:${Y.getState(t.client.doc.store, t.client.doc.clientID)}`
        const paste = o.pasteEvery > 0 && rand() < 1 / o.pasteEvery
        t.client.edit(() => t.text.insert(t.text.length, paste ? pasteText(rand) : 'x'))
        if (measuring) {
          tracked.set(key, 0)
          sent++
          expected += o.clientsPerDoc - 1
        }
      }
    }, 5)
  })
  await sleep(2_000)
  clearInterval(awarenessTimer)
  let delivered = 0
  for (const n of tracked.values()) delivered += n
  for (const c of all) c.close()
  clearSent()
  return { latencies, sent, expected, delivered }
}

export async function fanout40(server: BenchServer, durationMs: number) {
  return runLoad(server, {
    sizes: [100_000], clientsPerDoc: 40, typistsPerDoc: 10, rate: 50,
    durationMs, warmupMs: 2_000, pasteEvery: 100, awarenessEveryMs: 1000,
  })
}

export async function fanout10x10(server: BenchServer, durationMs: number) {
  return runLoad(server, {
    sizes: Array.from({ length: 10 }, (_, i) => [10_000, 100_000, 200_000][i % 3]!),
    clientsPerDoc: 10, typistsPerDoc: 3, rate: 150,
    durationMs, warmupMs: 2_000, pasteEvery: 100, awarenessEveryMs: 1000,
  })
}

/** Highest aggregate rate (one fiche, 10 clients all typing) with p99 < 100 ms and ≥ 99.9 % delivered. */
export async function maxUpdatesPerSec(server: BenchServer, rates: number[], stepMs: number, log: (s: string) => void): Promise<number> {
  let best = 0
  for (const rate of rates) {
    const r = await runLoad(server, {
      sizes: [10_000], clientsPerDoc: 10, typistsPerDoc: 10, rate,
      durationMs: stepMs, warmupMs: 1_000, pasteEvery: 0, awarenessEveryMs: 0,
    })
    const p99 = percentile(r.latencies, 99)
    const ratio = r.expected > 0 ? r.delivered / r.expected : 0
    log(`    ${server.kind} ${rate}/s : p99 ${p99.toFixed(1)} ms, livré ${(ratio * 100).toFixed(2)} %`)
    if (p99 < 100 && ratio >= 0.999) best = rate
    else break
  }
  return best
}

export interface ColdLoad {
  ms: number
  /** False when the reopened document lacked updates the writer had sent (they were not stored). */
  complete: boolean
}

/**
 * Writes `updates` separate updates to a 100 KB fiche, waits until a second
 * client holds them all (so the server has them), and returns the writer's
 * state vector and the fiche; the clients stay connected. `paced` waits a
 * millisecond after each update, as a typist does: Paritaire's group commit
 * then stores nearly each one as its own row (a burst is merged into a few
 * rows, and the log would not have the long tail a cold open must read).
 */
export async function writeHistory(server: BenchServer, updates: number, paced = false): Promise<{ name: string; want: Uint8Array; writer: BenchClient; reader: BenchClient }> {
  const [name] = await server.createDocs([ficheOfSize(100_000, 'c')])
  const writer = server.client(name!)
  await connectAll([writer])
  const text = textsOf(writer.doc)[3]!
  for (let i = 0; i < updates; i++) {
    writer.edit(() => text.insert(text.length, String.fromCharCode(97 + (i % 26))))
    if (paced) await sleep(1)
    else if (i % 250 === 249) await sleep(2)
  }
  const want = Y.encodeStateVector(writer.doc)
  const reader = server.client(name!)
  await connectAll([reader])
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline && !sameVector(Y.encodeStateVector(reader.doc), want)) await sleep(50)
  return { name: name!, want, writer, reader }
}

/** Opens a 100 KB fiche after `updates` separate updates, once stored, and a restart: median of `opens` cold opens. */
export async function coldLoadMs(server: BenchServer, updates: number, opens: number, log: (s: string) => void): Promise<ColdLoad> {
  const { name, want, writer, reader } = await writeHistory(server, updates)
  writer.close()
  reader.close()
  // Let every server store what it keeps (Hocuspocus after its debounce, LevelDB as it goes).
  await server.settle()
  const times: number[] = []
  let complete = true
  for (let k = 0; k < opens; k++) {
    await server.restart()
    const open = await openFully(server, name, want)
    if (!open.complete) {
      complete = false
      log(`    ${server.kind} : document incomplet à la réouverture (mises à jour non stockées)`)
    }
    times.push(open.ms)
    open.client.close()
  }
  return { ms: median(times), complete }
}

/**
 * Opens `name` on a server just restarted and times it until the client
 * holds the whole state `want`. A server that lost updates never gets
 * there: then the time is when its content stopped arriving, and the open
 * is flagged incomplete. The client is left open (the caller closes it).
 */
export async function openFully(server: BenchServer, name: string, want: Uint8Array): Promise<{ ms: number; complete: boolean; client: BenchClient }> {
  const t0 = performance.now()
  const c = server.client(name)
  await c.connect()
  await c.whenSynced()
  let last = performance.now()
  let seen = Y.encodeStateVector(c.doc)
  const limit = Date.now() + 5_000
  while (!sameVector(seen, want) && Date.now() < limit) {
    await sleep(1)
    const now = Y.encodeStateVector(c.doc)
    if (!sameBytes(now, seen)) {
      seen = now
      last = performance.now()
    }
  }
  const complete = sameVector(seen, want)
  return { ms: (complete ? performance.now() : last) - t0, complete, client: c }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

export function sameVector(a: Uint8Array, b: Uint8Array): boolean {
  const da = Y.decodeStateVector(a)
  const db = Y.decodeStateVector(b)
  for (const [client, clock] of db) if ((da.get(client) ?? 0) < clock) return false
  return true
}

/**
 * Updates that an observer had received but that are gone after kill -9 and
 * restart. Authors are disconnected before the restart, so nothing is
 * re-sent: only what the server stored counts.
 */
export async function lostAfterKill(server: BenchServer, log: (s: string) => void): Promise<number> {
  const [name] = await server.createDocs([ficheOfSize(10_000, 'k')])
  const writers = Array.from({ length: 4 }, () => server.client(name!))
  const observers = Array.from({ length: 4 }, () => server.client(name!))
  await connectAll([...writers, ...observers])
  const texts = writers.map((w, i) => textsOf(w.doc)[i]!)
  let typing = true
  const burst = (async () => {
    while (typing) {
      writers.forEach((w, i) => w.edit(() => texts[i]!.insert(texts[i]!.length, 'y')))
      await sleep(5)
    }
  })()
  await sleep(3_000)
  await server.kill9()
  typing = false
  await burst
  const writerIds = new Set(writers.map((w) => w.doc.clientID))
  const seen = new Set<string>()
  for (const o of observers) for (const key of o.received) if (writerIds.has(Number(key.split(':')[0]))) seen.add(key)
  for (const c of [...writers, ...observers]) c.close()
  await server.restart()
  const fresh = server.client(name!)
  await connectAll([fresh])
  const stored = Y.decodeStateVector(Y.encodeStateVector(fresh.doc))
  fresh.close()
  let lost = 0
  for (const key of seen) {
    const [client, clock] = key.split(':').map(Number) as [number, number]
    if ((stored.get(client) ?? 0) <= clock) lost++
  }
  log(`    ${server.kind} : ${seen.size} mises à jour vues par un observateur, ${lost} perdues`)
  clearSent()
  return lost
}
