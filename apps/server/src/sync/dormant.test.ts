/**
 * Dormant documents (`committed-state.ts`): what a peer gets from a
 * document whose committed state is kept encoded must be exactly what is
 * committed, and an update, a catch-up or a REST read on such a document
 * must go through the same checks, commit and relay as on a materialized one.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { LiveDocument, type DocumentOptions } from './document.ts'
import { DocManager } from './doc-manager.ts'
import { MemoryUpdateLog } from './memory-update-log.ts'
import { decodeMessage } from './protocol.ts'
import { RecordingPeer, expectCommittedThenRelayed, openFresh, options, typeInto, typedRows } from './test-document.ts'

/** Short enough for tests; the scratch copy must go first (a document with one never sleeps). */
const QUICK: Partial<DocumentOptions> = { dormantAfterMs: 20, scratchIdleMs: 40 }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function untilDormant(doc: LiveDocument): Promise<void> {
  for (let waited = 0; !doc.dormant; waited += 10) {
    if (waited > 2_000) throw new Error('le document ne redevient pas dormant')
    await sleep(10)
  }
}

/** A client syncing from the document as a provider does (its step 1 answered), without touching `live`. */
function syncFrom(doc: LiveDocument, client = new Y.Doc()): Y.Doc {
  const frame = doc.syncStep2For(Y.encodeStateVector(client))
  const decoded = frame && decodeMessage(frame)
  if (!decoded?.ok || decoded.message.kind !== 'sync-step2') throw new Error('pas de sync step 2')
  Y.applyUpdate(client, decoded.message.update)
  return client
}

/** The committed state as the log holds it: the snapshot, then the rows after it. */
function committedOf(log: MemoryUpdateLog, ficheId = 'f1'): Y.Doc {
  const doc = new Y.Doc()
  const fiche = log.fiches.get(ficheId)!
  if (fiche.snapshot) Y.applyUpdate(doc, fiche.snapshot.state)
  for (const row of log.tail(ficheId)) Y.applyUpdate(doc, row.data)
  return doc
}

/** Same structs and same deletions (the text alone would not see a missing delete set). */
function expectSameState(actual: Y.Doc, expected: Y.Doc): void {
  expect(Y.encodeStateVector(actual)).toEqual(Y.encodeStateVector(expected))
  expect(Y.equalSnapshots(Y.snapshot(actual), Y.snapshot(expected))).toBe(true)
  expect(actual.getXmlFragment('f').toString()).toBe(expected.getXmlFragment('f').toString())
}

function deleteFromLastText(client: Y.Doc, count: number): Uint8Array {
  const before = Y.encodeStateVector(client)
  const section = client.getXmlFragment('f').get(1) as Y.XmlElement
  ;(section.get(section.length - 1) as Y.XmlText).delete(0, count)
  return Y.encodeStateAsUpdate(client, before)
}

/** A document with typed text, part of it deleted (so its state has a delete set), committed and gone back to sleep. */
async function editedThenDormant(extra: Partial<DocumentOptions> = {}) {
  const { log, doc } = await openFresh({ ...QUICK, ...extra })
  const author = new RecordingPeer()
  doc.addPeer(author)
  const client = syncFrom(doc)
  expect(doc.receiveUpdate(author, typeInto(client, 'Missions principales'))).toBeNull()
  expect(doc.receiveUpdate(author, deleteFromLastText(client, 9))).toBeNull()
  await doc.committed()
  expect(doc.dormant).toBe(false)
  await untilDormant(doc)
  return { log, doc, author, client }
}

describe('dormant documents', () => {
  it('open dormant from their snapshot and give a syncing client exactly the committed state', async () => {
    const { log, doc } = await openFresh()
    expect(doc.dormant).toBe(true)
    const peer = new RecordingPeer()
    doc.addPeer(peer)
    // The server's own step 1 carries the committed state's vector.
    const first = decodeMessage(peer.frames[0]!)
    expect(first.ok && first.message.kind).toBe('sync-step1')
    if (first.ok && first.message.kind === 'sync-step1') expect(first.message.stateVector).toEqual(Y.encodeStateVector(committedOf(log)))
    expectSameState(syncFrom(doc), committedOf(log))
    expect(doc.dormant).toBe(true)
  })

  it('give a client that is behind exactly what it lacks, deletions included, after sleeping again', async () => {
    const { log, doc } = await openFresh(QUICK)
    const behind = syncFrom(doc)
    const writer = syncFrom(doc)
    expect(doc.receiveUpdate(null, typeInto(writer, 'Activités de maintenance'))).toBeNull()
    await doc.committed()
    expect(doc.receiveUpdate(null, deleteFromLastText(writer, 11))).toBeNull()
    await doc.committed()
    await untilDormant(doc)
    expectSameState(syncFrom(doc, behind), committedOf(log))
    expect(behind.getXmlFragment('f').toString()).toContain('maintenance')
    expect(behind.getXmlFragment('f').toString()).not.toContain('Activités')
    expect(doc.dormant).toBe(true)
  })

  it('take a step 2 they already hold as a no-op without waking, but store one that carries a new deletion', async () => {
    const { log, doc } = await editedThenDormant()
    const other = new RecordingPeer()
    doc.addPeer(other)
    const joining = syncFrom(doc)
    const step2 = Y.encodeStateAsUpdate(joining, Y.encodeStateVector(committedOf(log)))
    expect(Y.decodeUpdate(step2).ds.clients.size).toBeGreaterThan(0)
    const calls = log.appendCalls
    expect(doc.receiveUpdate(other, step2)).toBeNull()
    await doc.committed()
    expect(log.appendCalls).toBe(calls)
    expect(doc.dormant).toBe(true)
    // Known structs only, and one deletion the committed state lacks.
    const deletion = deleteFromLastText(joining, 3)
    expect(Y.decodeUpdate(deletion).structs).toHaveLength(0)
    const watcher = new RecordingPeer()
    doc.addPeer(watcher)
    expect(doc.receiveUpdate(other, deletion)).toBeNull()
    await doc.committed()
    expect(log.appendCalls).toBe(calls + 1)
    expect(watcher.updates()).toHaveLength(1)
    expectSameState(committedOf(log), joining)
  })

  it('check, commit, then relay an update to a dormant fiche like any other; a refused one leaves it asleep', async () => {
    const { log, doc } = await openFresh(QUICK)
    const a = new RecordingPeer()
    const b = new RecordingPeer()
    doc.addPeer(a)
    doc.addPeer(b)
    const client = syncFrom(doc)
    // The stand-in fiche must keep its three sections.
    const breaking = syncFrom(doc)
    const before = Y.encodeStateVector(breaking)
    breaking.getXmlFragment('f').delete(0, 1)
    expect(doc.receiveUpdate(a, Y.encodeStateAsUpdate(breaking, before))?.code).toBe('structure_invalide')
    await doc.committed()
    expect(typedRows(log)).toHaveLength(0)
    expect(doc.dormant).toBe(true)

    await expectCommittedThenRelayed(doc, log, a, b, typeInto(client, 'Conditions d’exercice'))
    expectSameState(doc.live, committedOf(log))
    await untilDormant(doc)
    expect(syncFrom(doc).getXmlFragment('f').toString()).toContain('Conditions d’exercice')
  })

  it('stay awake while a scratch copy or queued updates depend on the Y.Doc', async () => {
    const { doc } = await openFresh({ dormantAfterMs: 10, scratchIdleMs: 150 })
    const client = syncFrom(doc)
    expect(doc.receiveUpdate(null, typeInto(client, 'en cours'))).toBeNull()
    await doc.committed()
    await sleep(60)
    // The scratch copy lives for 150 ms after the change: no sleep before it goes.
    expect(doc.dormant).toBe(false)
    await untilDormant(doc)
    expect(syncFrom(doc).getXmlFragment('f').toString()).toContain('en cours')
  })

  it('catch up with another instance while dormant, relay to their own peers, and sleep again', async () => {
    const log = new MemoryUpdateLog()
    log.addFiche('f1', 'Technicien')
    const one = (await LiveDocument.open('f1', options(log, QUICK)))!
    const two = (await LiveDocument.open('f1', options(log, QUICK)))!
    const onTwo = new RecordingPeer()
    two.addPeer(onTwo)
    const peerCopy = syncFrom(two)
    expect(two.dormant).toBe(true)
    const client = syncFrom(one)
    expect(one.receiveUpdate(new RecordingPeer(), typeInto(client, 'depuis A'))).toBeNull()
    await one.committed()
    two.notified(one.sequence)
    await two.committed()
    expect(two.sequence).toBe(one.sequence)
    // The peer on the other instance, with what it synced and what was relayed, has the committed state.
    expect(onTwo.updates()).toHaveLength(1)
    for (const update of onTwo.updates()) Y.applyUpdate(peerCopy, update)
    expectSameState(peerCopy, committedOf(log))
    expect(peerCopy.getXmlFragment('f').toString()).toContain('depuis A')
    await untilDormant(two)
    expectSameState(syncFrom(two), committedOf(log))
  })

  it('answer a REST read (a borrowed document) with the committed state', async () => {
    const log = new MemoryUpdateLog()
    log.addFiche('f1', 'Technicien')
    const manager = new DocManager(options(log, QUICK))
    const held = (await manager.acquire('f1'))!
    const client = syncFrom(held)
    expect(held.receiveUpdate(null, typeInto(client, 'Missions principales'))).toBeNull()
    expect(held.receiveUpdate(null, deleteFromLastText(client, 9))).toBeNull()
    await held.committed()
    await untilDormant(held)
    const text = await manager.with('f1', async (doc) => {
      expect(doc).toBe(held)
      expect(doc!.dormant).toBe(true)
      return doc!.live.getXmlFragment('f').toString()
    })
    expect(text).toBe(committedOf(log).getXmlFragment('f').toString())
    expect(text).toContain('principales')
    expect(text).not.toContain('Missions')
    manager.release(held)
    await manager.closeAll()
  })

  it('compact a dormant document when it is unloaded', async () => {
    const { log, doc } = await editedThenDormant()
    expect(log.tail('f1').length).toBeGreaterThan(0)
    await doc.close()
    expect(log.tail('f1')).toHaveLength(0)
    const reopened = (await LiveDocument.open('f1', options(log)))!
    expect(reopened.dormant).toBe(true)
    expectSameState(syncFrom(reopened), committedOf(log))
    expect(log.fiches.get('f1')!.content).toContain('principales')
  })
})
