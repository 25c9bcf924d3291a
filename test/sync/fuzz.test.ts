/**
 * 10,000 malformed frames (Postgres target; 2,500 on PGlite) — random bytes, truncated varints, absurd lengths,
 * unknown message types, sync messages carrying garbage instead of a Yjs
 * update — each on an authenticated editor socket. Each faulty socket is
 * closed (4400 with a reason), the server keeps serving a connected editor
 * throughout, and the stored document is unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { databaseTargets } from '../utils/db.ts'
import { connectSync, ficheText, typeIntoFiche, waitUntil, wsBase, type SyncClient } from '../utils/sync-clients.ts'
import { startSyncWorld, type SyncWorld } from '../utils/sync-world.ts'

/**
 * 10,000 on Postgres; PGlite serialises every query of the 10,000 upgrades
 * (session and membership checks) on one connection, so it gets a quarter
 * of them to keep the suite within its time budget.
 */
const FRAMES_BY_TARGET = { postgres: 10_000, pglite: 2_500 } as const
const PARALLEL = 64

function makeRandom(seed: number) {
  return () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296)
}

/** The i-th malformed frame: a rotation over the kinds of faults. */
function malformedFrame(i: number, rand: () => number): Uint8Array {
  const bytes = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 256))
  switch (i % 6) {
    case 0: // random bytes, starting with an invalid type
      return new Uint8Array([4 + Math.floor(rand() * 120), ...bytes(Math.floor(rand() * 64))])
    case 1: // truncated varint
      return new Uint8Array([0, 0x80 | Math.floor(rand() * 127)])
    case 2: // absurd length
      return new Uint8Array([0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f, ...bytes(8)])
    case 3: // unknown sync step
      return new Uint8Array([0, 3 + Math.floor(rand() * 100), 1, 0])
    case 4: { // a sync update whose payload is garbage
      const payload = bytes(4 + Math.floor(rand() * 40))
      return new Uint8Array([0, 2, payload.length, ...payload])
    }
    default: // awareness with broken content
      return new Uint8Array([1, 6, 1, 5, 1, 3, 0x7b, 0x7b])
  }
}

function sendOne(url: string, cookie: string, frame: Uint8Array): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers: { cookie } })
    const timer = setTimeout(() => {
      ws.terminate()
      resolve(-1)
    }, 10_000)
    ws.on('open', () => ws.send(frame))
    ws.on('close', (code) => {
      clearTimeout(timer)
      resolve(code)
    })
    ws.on('error', () => {})
  })
}

describe.each(databaseTargets())('trames malformées ($name)', (target) => {
  let w: SyncWorld
  let editor: SyncClient

  beforeAll(async () => {
    w = await startSyncWorld(target)
  })
  afterAll(async () => {
    editor?.destroy()
    await w?.stop()
  })

  const FRAMES = FRAMES_BY_TARGET[target.name]
  it(`closes ${FRAMES} faulty sockets one by one and keeps the document intact`, async () => {
    editor = connectSync(w.server.url, w.ficheId, w.cookie('editor'))
    await editor.synced
    typeIntoFiche(editor.doc, ' avant-fuzz')
    await waitUntil(async () => JSON.stringify((await w.api.viewer.get(`/api/fiches/${w.ficheId}`)).json.fiche).includes('avant-fuzz'), 'édition enregistrée')
    const before = (await w.api.viewer.get(`/api/fiches/${w.ficheId}`)).json.fiche

    const url = `${wsBase(w.server.url)}/${w.ficheId}`
    const cookie = w.cookie('editor')
    const rand = makeRandom(7)
    const codes = new Map<number, number>()
    let next = 0
    const started = Date.now()
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        while (next < FRAMES) {
          const code = await sendOne(url, cookie, malformedFrame(next++, rand))
          codes.set(code, (codes.get(code) ?? 0) + 1)
        }
      }),
    )
    console.log(`fuzz ${target.name} : ${FRAMES} trames en ${Date.now() - started} ms, codes ${JSON.stringify(Object.fromEntries(codes))}`)
    const refused = [...codes].filter(([code]) => code >= 4400 && code < 4500).reduce((n, [, count]) => n + count, 0)
    expect(refused).toBe(FRAMES)

    // The connected editor was never disturbed and the server still serves.
    expect(editor.closes).toEqual([])
    typeIntoFiche(editor.doc, ' apres-fuzz')
    const check = connectSync(w.server.url, w.ficheId, w.cookie('viewer'))
    await check.synced
    await waitUntil(() => ficheText(check.doc).includes('apres-fuzz'), 'service après le fuzz')
    check.destroy()
    const after = (await w.api.viewer.get(`/api/fiches/${w.ficheId}`)).json.fiche
    expect(JSON.stringify(after).replace(' apres-fuzz', '')).toBe(JSON.stringify(before))
  }, 300_000)
})
