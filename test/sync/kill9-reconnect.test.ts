/**
 * `kill -9` of the server in the middle of a burst of 20 stock providers
 * (about 50 updates per second in total), then a restart while every
 * provider reconnects by itself. Two cases:
 *
 * - authors reconnecting: every word anyone typed survives, and every
 *   provider converges to one state (what the server had not committed is
 *   re-sent by its author's provider — possibly before its sync step 2,
 *   which the server holds until the step 2 arrives);
 * - authors closed before the restart: what the others had seen survives
 *   (commit before relay), and the others converge.
 *
 * On PGlite and Postgres, and with two instances on one Postgres where one
 * is killed. The figures (updates typed, stored, distinct final states) are
 * printed for the closing note.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { databaseTargets } from '../utils/db.ts'
import { startTestServer, type TestServer } from '../utils/server.ts'
import { missingWords, startBurst } from '../utils/sync-burst.ts'
import { connectSync, ficheText, waitUntil, type SyncClient } from '../utils/sync-clients.ts'
import { startSyncWorld, type SyncWorld } from '../utils/sync-world.ts'

const PROVIDERS = 20
/** Each provider types every 400 ms: 20 providers → 50 updates/s. */
const EVERY_MS = 400
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

interface Figures {
  typed: number
  stored: number
  seenBeforeKill?: number
  distinctStates: number
}

function report(name: string, f: Figures): void {
  console.log(`kill -9 ${name} : ${f.typed} mises à jour tapées, ${f.stored} stockées${f.seenBeforeKill === undefined ? '' : `, ${f.seenBeforeKill} vues avant le kill`}, ${f.distinctStates} état(s) final(aux) distinct(s)`)
}

async function converged(clients: SyncClient[], words: readonly string[], what: string): Promise<void> {
  await waitUntil(() => {
    const texts = new Set(clients.map((c) => ficheText(c.doc)))
    return texts.size === 1 && clients.every((c) => c.provider.wsconnected) && missingWords(words, [...texts][0]!).length === 0
  }, what, 120_000).catch(() => {})
}

async function storedText(w: SyncWorld): Promise<string> {
  const fresh = connectSync(w.server.url, w.ficheId, w.cookie('viewer'))
  await fresh.synced
  const text = ficheText(fresh.doc)
  fresh.destroy()
  return text
}

const targets = databaseTargets()
const cases = [
  ...targets.map((t) => ({ name: `(${t.name})`, target: t, twoInstances: false })),
  ...targets.filter((t) => t.name === 'postgres').map((t) => ({ name: '(deux instances, postgres)', target: t, twoInstances: true })),
]

describe.each(cases)('kill -9 avec reconnexions $name', ({ name, target, twoInstances }) => {
  let w: SyncWorld | undefined
  let second: TestServer | undefined
  const clients: SyncClient[] = []
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await second?.stop()
    await w?.stop()
  })

  /** Where the i-th provider connects: alternately on each instance with two. */
  const urlFor = (i: number) => (twoInstances && i % 2 === 1 ? second!.url : w!.server.url)

  it('authors reconnecting: every typed update survives and every provider converges', async () => {
    w = await startSyncWorld(target)
    if (twoInstances) second = await startTestServer({ target, database: w.server.database })
    const providers = Array.from({ length: PROVIDERS }, (_, i) => connectSync(urlFor(i), w!.ficheId, w!.cookie(i % 3 === 0 ? 'chair' : 'editor')))
    clients.push(...providers)
    await Promise.all(providers.map((p) => p.synced))
    const burst = startBurst(providers, { everyMs: EVERY_MS })
    await sleep(2_000)
    await w.server.kill9()
    await sleep(500)
    await w.server.restart()
    await sleep(1_500)
    await burst.stop()
    await converged(providers, burst.typed, 'convergence après kill -9')
    const stored = await storedText(w)
    const figures = {
      typed: burst.typed.length,
      stored: burst.typed.length - missingWords(burst.typed, stored).length,
      distinctStates: new Set(providers.map((p) => ficheText(p.doc))).size,
    }
    report(`auteurs reconnectés ${name}`, figures)
    expect(missingWords(burst.typed, stored)).toEqual([])
    expect(figures.distinctStates).toBe(1)
    expect(ficheText(providers[0]!.doc)).toBe(stored)
    for (const p of providers) expect(p.closes.filter((c) => c.code >= 4000 && c.code < 4500)).toEqual([])
  }, 300_000)

  it('authors closed before the restart: what the others saw survives and they converge', async () => {
    const authors = Array.from({ length: PROVIDERS / 2 }, (_, i) => connectSync(urlFor(i), w!.ficheId, w!.cookie('editor')))
    const observers = Array.from({ length: PROVIDERS / 2 }, (_, i) => connectSync(urlFor(i + 1), w!.ficheId, w!.cookie('viewer')))
    clients.push(...authors, ...observers)
    await Promise.all([...authors, ...observers].map((p) => p.synced))
    const burst = startBurst(authors, { everyMs: EVERY_MS / 2, tag: 'q' })
    await sleep(2_000)
    await w!.server.kill9()
    // What each observer had received when the server died.
    const seen = new Set(observers.flatMap((o) => burst.typed.filter((word) => !missingWords([word], ficheText(o.doc)).length)))
    for (const a of authors) a.destroy()
    await burst.stop()
    await w!.server.restart()
    await converged(observers, [...seen], 'convergence des observateurs')
    const stored = await storedText(w!)
    const figures = {
      typed: burst.typed.length,
      stored: burst.typed.length - missingWords(burst.typed, stored).length,
      seenBeforeKill: seen.size,
      distinctStates: new Set(observers.map((o) => ficheText(o.doc))).size,
    }
    report(`auteurs fermés ${name}`, figures)
    expect(missingWords([...seen], stored)).toEqual([])
    expect(figures.distinctStates).toBe(1)
    expect(ficheText(observers[0]!.doc)).toBe(stored)
  }, 300_000)
})
