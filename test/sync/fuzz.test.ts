/**
 * Frame fuzzing by seeded random mutation of valid frames: real sync step
 * 1 / step 2 / update, awareness and query-awareness frames taken from a
 * stock client, then bit flips, truncations, spliced varints, random bytes
 * inserted, and valid framing around a mutated Yjs update. Each input goes
 * on its own authenticated editor socket, followed by a valid sync step 1
 * as a probe: the server either closes that socket with a 44xx code and a
 * reason, or keeps serving it (it answers the probe) — never a crash, a
 * hang or a 1006/1011. A connected editor is never disturbed, and the stored
 * fiche stays valid (readable, versionable). The number of distinct inputs
 * tried is printed.
 */
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import { databaseTargets } from '../utils/db.ts'
import { connectSync, ficheText, typeIntoFiche, waitUntil, wsBase, type SyncClient } from '../utils/sync-clients.ts'
import { startSyncWorld, type SyncWorld } from '../utils/sync-world.ts'

/** PGlite serialises the upgrades' session checks on one connection: fewer inputs there. */
const INPUTS_BY_TARGET = { postgres: 3_000, pglite: 1_000 } as const
const PARALLEL = 32

function makeRandom(seed: number) {
  return () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296)
}

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder()
  write(e)
  return encoding.toUint8Array(e)
}

const syncFrame = (step: number, payload: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, 0)
    encoding.writeVarUint(e, step)
    encoding.writeVarUint8Array(e, payload)
  })

/** Valid frames and Yjs updates a stock client of the fiche would send. */
function seedsFrom(doc: Y.Doc): { frames: Uint8Array[]; updates: Uint8Array[] } {
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(doc))
  const updates: Uint8Array[] = []
  client.on('update', (u: Uint8Array) => updates.push(u))
  typeIntoFiche(client, ' mot')
  typeIntoFiche(client, ' suivant')
  const awareness = new awarenessProtocol.Awareness(client)
  awareness.setLocalStateField('user', { name: 'Fuzz', color: '#123456', organisation: 'CFDT' })
  const frames = [
    syncFrame(0, Y.encodeStateVector(client)),
    syncFrame(1, Y.encodeStateAsUpdate(client, Y.encodeStateVector(doc))),
    ...updates.map((u) => syncFrame(2, u)),
    frame((e) => {
      encoding.writeVarUint(e, 1)
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [client.clientID]))
    }),
    frame((e) => encoding.writeVarUint(e, 3)),
  ]
  awareness.destroy()
  return { frames, updates }
}

function mutate(bytes: Uint8Array, rand: () => number): Uint8Array {
  const out = Array.from(bytes)
  const at = () => Math.floor(rand() * (out.length + 1))
  switch (Math.floor(rand() * 5)) {
    case 0: // bit flips
      for (let n = 1 + Math.floor(rand() * 4); n > 0 && out.length > 0; n--) {
        const i = Math.floor(rand() * out.length)
        out[i] = out[i]! ^ (1 << Math.floor(rand() * 8))
      }
      break
    case 1: // truncation
      out.length = Math.floor(rand() * out.length)
      break
    case 2: { // a spliced varint (often huge or unterminated)
      const varint = Array.from({ length: 1 + Math.floor(rand() * 9) }, () => 0x80 | Math.floor(rand() * 128))
      if (rand() < 0.5) varint.push(Math.floor(rand() * 128))
      out.splice(at(), 0, ...varint)
      break
    }
    case 3: // random bytes inserted
      out.splice(at(), 0, ...Array.from({ length: 1 + Math.floor(rand() * 8) }, () => Math.floor(rand() * 256)))
      break
    default: // a byte range removed
      out.splice(at(), 1 + Math.floor(rand() * 6))
  }
  return new Uint8Array(out)
}

function input(i: number, seeds: { frames: Uint8Array[]; updates: Uint8Array[] }, rand: () => number): Uint8Array {
  if (i % 3 === 2) {
    // Valid framing around a mutated Yjs update: reaches the document's checks.
    const update = seeds.updates[Math.floor(rand() * seeds.updates.length)]!
    return syncFrame(rand() < 0.5 ? 2 : 1, mutate(update, rand))
  }
  return mutate(seeds.frames[Math.floor(rand() * seeds.frames.length)]!, rand)
}

/** Sends `bytes`, then a valid step 1: resolves with the close code, or 0 when the server answered the probe. */
function tryOne(url: string, cookie: string, bytes: Uint8Array, probe: Uint8Array): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers: { cookie } })
    let done = false
    const finish = (code: number) => {
      if (done) return
      done = true
      clearTimeout(timer)
      resolve(code)
      ws.terminate()
    }
    const timer = setTimeout(() => finish(-1), 20_000)
    ws.on('open', () => {
      ws.send(bytes)
      ws.send(probe)
    })
    ws.on('message', (data: Buffer) => {
      // Sync step 2 (0, 1): the answer to the probe, so the server still serves this socket.
      if (data[0] === 0 && data[1] === 1) finish(0)
    })
    ws.on('close', (code) => finish(code))
    ws.on('error', () => {})
  })
}

describe.each(databaseTargets())('fuzz par mutation de trames ($name)', (target) => {
  let w: SyncWorld
  let editor: SyncClient

  beforeAll(async () => {
    w = await startSyncWorld(target)
  })
  afterAll(async () => {
    editor?.destroy()
    await w?.stop()
  })

  const INPUTS = INPUTS_BY_TARGET[target.name]
  it(`tries ${INPUTS} mutated frames; the server keeps serving and the stored fiche stays valid`, async () => {
    editor = connectSync(w.server.url, w.ficheId, w.cookie('editor'))
    await editor.synced
    typeIntoFiche(editor.doc, ' avant-fuzz')
    await waitUntil(async () => JSON.stringify((await w.api.viewer.get(`/api/fiches/${w.ficheId}`)).json.fiche).includes('avant-fuzz'), 'édition enregistrée')

    const seeds = seedsFrom(editor.doc)
    const probe = seeds.frames[0]!
    const url = `${wsBase(w.server.url)}/${w.ficheId}`
    const cookie = w.cookie('editor')
    const rand = makeRandom(20261201)
    const distinct = new Set<string>()
    const codes = new Map<number, number>()
    let next = 0
    const started = Date.now()
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        while (next < INPUTS) {
          const bytes = input(next++, seeds, rand)
          distinct.add(createHash('sha1').update(bytes).digest('hex'))
          const code = await tryOne(url, cookie, bytes, probe)
          codes.set(code, (codes.get(code) ?? 0) + 1)
        }
      }),
    )
    console.log(
      `fuzz ${target.name} : ${INPUTS} entrées (${distinct.size} distinctes) en ${Date.now() - started} ms, issues ${JSON.stringify(Object.fromEntries(codes))}`,
    )
    // Truncations of short frames collide now and then; most inputs differ.
    expect(distinct.size).toBeGreaterThan(INPUTS * 0.75)
    // Every input was either refused with a 44xx code or served: no hang, no crash, no internal error.
    for (const code of codes.keys()) expect(code === 0 || (code >= 4400 && code < 4500), `issue ${code}`).toBe(true)
    expect(codes.get(0) ?? 0).toBeGreaterThan(0)
    expect([...codes].filter(([c]) => c >= 4400).reduce((n, [, k]) => n + k, 0)).toBeGreaterThan(INPUTS / 4)

    // The connected editor was never disturbed and the server still serves.
    expect(editor.closes).toEqual([])
    typeIntoFiche(editor.doc, ' apres-fuzz')
    const check = connectSync(w.server.url, w.ficheId, w.cookie('viewer'))
    await check.synced
    await waitUntil(() => ficheText(check.doc).includes('apres-fuzz'), 'service après le fuzz')
    check.destroy()
    // The stored fiche is valid: readable and versionable.
    expect((await w.api.viewer.get(`/api/fiches/${w.ficheId}`)).status).toBe(200)
    expect((await w.api.chair.post(`/api/negotiations/${w.world.negotiationId}/versions`, { label: 'Après le fuzz' })).status).toBe(201)
  }, 600_000)
})
