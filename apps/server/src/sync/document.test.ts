import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { LiveDocument, type DocumentOptions, type DocumentPeer, type FicheYjs } from './document.ts'
import { DocManager } from './doc-manager.ts'
import { fragmentToEditorJson } from './editor-json.ts'
import { MemoryUpdateLog } from './memory-update-log.ts'
import { decodeMessage } from './protocol.ts'

/** A stand-in fiche: a fragment that must keep exactly three `section` elements. */
const fakeFiche: FicheYjs = {
  checkStructure(doc) {
    const children = doc.getXmlFragment('f').toArray()
    const ok = children.length === 3 && children.every((c) => c instanceof Y.XmlElement && c.nodeName === 'section')
    return ok ? null : { code: 'sections', message: 'la fiche doit garder ses trois sections' }
  },
  rootNames: () => ['f'],
  seedState(content) {
    const doc = new Y.Doc()
    const f = doc.getXmlFragment('f')
    f.insert(0, [0, 1, 2].map(() => new Y.XmlElement('section')))
    ;(f.get(0) as Y.XmlElement).insert(0, [new Y.XmlText(String(content))])
    return Y.encodeStateAsUpdate(doc)
  },
  toContent(doc) {
    return doc.getXmlFragment('f').toString()
  },
  toEditorJson: (doc) => fragmentToEditorJson(doc.getXmlFragment('f')),
}

class RecordingPeer implements DocumentPeer {
  frames: Uint8Array[] = []
  closedWith: { code: number; reason: string } | null = null
  send(frame: Uint8Array) {
    this.frames.push(frame)
  }
  close(code: number, reason: string) {
    this.closedWith = { code, reason }
  }
  /** The document updates received, decoded. */
  updates(): Uint8Array[] {
    return this.frames.flatMap((f) => {
      const d = decodeMessage(f)
      return d.ok && (d.message.kind === 'sync-update' || d.message.kind === 'sync-step2') ? [d.message.update] : []
    })
  }
}

function options(log: MemoryUpdateLog, extra: Partial<DocumentOptions> = {}): DocumentOptions {
  return { log, fiche: fakeFiche, maxDocumentBytes: 1_000_000, compactEvery: 1000, ...extra }
}

/** A client-side copy of the document, to produce real updates. */
async function clientOf(doc: LiveDocument): Promise<Y.Doc> {
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(doc.live))
  return client
}

function typeInto(client: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(client)
  const section = client.getXmlFragment('f').get(1) as Y.XmlElement
  section.insert(section.length, [new Y.XmlText(text)])
  return Y.encodeStateAsUpdate(client, before)
}

/** The rows typed after the seed (row 1 is the fiche's first state). */
function typedRows(log: MemoryUpdateLog, ficheId = 'f1') {
  return log.fiches.get(ficheId)!.rows.filter((r) => r.seq > 1)
}

async function openFresh(extra: Partial<DocumentOptions> = {}) {
  const log = new MemoryUpdateLog()
  log.addFiche('f1', 'Agent de maîtrise')
  const doc = (await LiveDocument.open('f1', options(log, extra)))!
  return { log, doc }
}

describe('LiveDocument', () => {
  it('seeds the first state once and opens from it', async () => {
    const { log, doc } = await openFresh()
    expect(log.fiches.get('f1')?.snapshot).not.toBeNull()
    expect(doc.live.getXmlFragment('f').toString()).toContain('Agent de maîtrise')
  })

  it('commits an update before relaying it, and never echoes it to its author', async () => {
    const { log, doc } = await openFresh()
    const a = new RecordingPeer()
    const b = new RecordingPeer()
    doc.addPeer(a)
    doc.addPeer(b)
    const client = await clientOf(doc)
    expect(doc.receiveUpdate(a, typeInto(client, 'Missions'))).toBeNull()
    expect(b.updates()).toHaveLength(0)
    expect(typedRows(log)).toHaveLength(0)
    await doc.committed()
    expect(typedRows(log)).toHaveLength(1)
    expect(b.updates()).toHaveLength(1)
    expect(a.updates()).toHaveLength(0)
    const replica = new Y.Doc()
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc.live))
    expect(replica.getXmlFragment('f').toString()).toContain('Missions')
  })

  it('takes a sync step 2 holding nothing new as a no-op, but not one that carries a new deletion', async () => {
    const { log, doc } = await openFresh()
    const author = new RecordingPeer()
    const other = new RecordingPeer()
    doc.addPeer(author)
    doc.addPeer(other)
    const client = await clientOf(doc)
    // Text typed then partly deleted, so the document has a delete set that every step 2 repeats.
    expect(doc.receiveUpdate(author, typeInto(client, 'Missions principales'))).toBeNull()
    await doc.committed()
    const section = client.getXmlFragment('f').get(1) as Y.XmlElement
    const before = Y.encodeStateVector(client)
    ;(section.get(section.length - 1) as Y.XmlText).delete(0, 9)
    expect(doc.receiveUpdate(author, Y.encodeStateAsUpdate(client, before))).toBeNull()
    await doc.committed()
    expect(log.appendCalls).toBe(2)
    expect(other.updates()).toHaveLength(2)
    // A provider joining answers the server's step 1 with what the server already has.
    const joining = await clientOf(doc)
    const step2 = Y.encodeStateAsUpdate(joining, Y.encodeStateVector(doc.live))
    expect(Y.decodeUpdate(step2).ds.clients.size).toBeGreaterThan(0)
    expect(doc.receiveUpdate(other, step2)).toBeNull()
    await doc.committed()
    expect(log.appendCalls).toBe(2)
    expect(author.updates()).toHaveLength(0)
    // Known structs plus a deletion the server lacks: stored and relayed.
    const sv = Y.encodeStateVector(joining)
    ;((joining.getXmlFragment('f').get(1) as Y.XmlElement).get(section.length - 1) as Y.XmlText).delete(0, 2)
    const withDeletion = Y.mergeUpdates([Y.encodeStateAsUpdate(joining), Y.encodeStateAsUpdate(joining, sv)])
    expect(doc.receiveUpdate(other, withDeletion)).toBeNull()
    await doc.committed()
    expect(log.appendCalls).toBe(3)
    expect(author.updates()).toHaveLength(1)
    expect(other.updates()).toHaveLength(2)
    expect(doc.live.getXmlFragment('f').toString()).toContain('ncipales')
    expect(doc.live.getXmlFragment('f').toString()).not.toContain('principales')
  })

  it('records one row per author per group commit, with that author', async () => {
    const { log, doc } = await openFresh()
    const cgt = Object.assign(new RecordingPeer(), { author: { userId: 'u-cgt', organisationId: 'o-cgt', role: 'editor' as const } })
    const cfdt = Object.assign(new RecordingPeer(), { author: { userId: 'u-cfdt', organisationId: 'o-cfdt', role: 'editor' as const } })
    doc.addPeer(cgt)
    doc.addPeer(cfdt)
    const a = await clientOf(doc)
    const b = await clientOf(doc)
    for (let i = 0; i < 20; i++) {
      expect(doc.receiveUpdate(cgt, typeInto(a, `c${i}`))).toBeNull()
      expect(doc.receiveUpdate(cfdt, typeInto(b, `d${i}`))).toBeNull()
    }
    await doc.committed()
    const rows = typedRows(log)
    expect(rows.length).toBeLessThanOrEqual(4)
    expect(new Set(rows.map((r) => r.organisationId))).toEqual(new Set(['o-cgt', 'o-cfdt']))
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 2))
    // The merged rows hold every keystroke of their author.
    const replay = new Y.Doc()
    Y.applyUpdate(replay, log.fiches.get('f1')!.snapshot!.state)
    for (const r of rows) Y.applyUpdate(replay, r.data)
    expect(replay.getXmlFragment('f').toString()).toBe(doc.live.getXmlFragment('f').toString())
    expect(cfdt.updates().length).toBeGreaterThanOrEqual(20)
  })

  it('groups what arrives during a flush into one append', async () => {
    const { log, doc } = await openFresh()
    const peer = new RecordingPeer()
    doc.addPeer(peer)
    const client = await clientOf(doc)
    for (let i = 0; i < 50; i++) expect(doc.receiveUpdate(peer, typeInto(client, `m${i}`))).toBeNull()
    await doc.committed()
    // One author: at most one row per append.
    expect(typedRows(log).length).toBeLessThanOrEqual(2)
    expect(doc.live.getXmlFragment('f').toString()).toContain('m49')
    expect(log.appendCalls).toBeLessThanOrEqual(2)
  })

  it('refuses an update that breaks the structure: not stored, not relayed, later updates still work', async () => {
    const { log, doc } = await openFresh()
    const a = new RecordingPeer()
    const b = new RecordingPeer()
    doc.addPeer(a)
    doc.addPeer(b)
    const client = await clientOf(doc)
    const before = Y.encodeStateVector(client)
    client.getXmlFragment('f').delete(2, 1)
    const refusal = doc.receiveUpdate(a, Y.encodeStateAsUpdate(client, before))
    expect(refusal?.code).toBe('structure_invalide')
    expect(refusal?.closeCode).toBe(4422)
    await doc.committed()
    expect(typedRows(log)).toHaveLength(0)
    expect(b.updates()).toHaveLength(0)
    const honest = await clientOf(doc)
    expect(doc.receiveUpdate(b, typeInto(honest, 'ok'))).toBeNull()
    await doc.committed()
    expect(doc.live.getXmlFragment('f').length).toBe(3)
    expect(typedRows(log)).toHaveLength(1)
  })

  it('holds an update whose dependencies are missing until they arrive: not stored nor relayed before', async () => {
    const { log, doc } = await openFresh()
    const author = new RecordingPeer()
    const other = new RecordingPeer()
    doc.addPeer(author)
    doc.addPeer(other)
    const client = await clientOf(doc)
    const first = typeInto(client, 'premier')
    const second = typeInto(client, 'second')
    expect(doc.receiveUpdate(author, second)).toBeNull()
    expect(doc.heldCount).toBe(1)
    await doc.committed()
    expect(typedRows(log)).toHaveLength(0)
    expect(other.updates()).toHaveLength(0)
    expect(doc.receiveUpdate(author, first)).toBeNull()
    expect(doc.heldCount).toBe(0)
    await doc.committed()
    // Both in one group commit, one author: one row holding both.
    expect(typedRows(log)).toHaveLength(1)
    expect(other.updates()).toHaveLength(2)
    expect(doc.live.getXmlFragment('f').toString()).toContain('second')
    expect(author.closedWith).toBeNull()
  })

  it('refuses a held update once its bound in time or bytes is passed', async () => {
    const { log, doc } = await openFresh({ maxHeldMs: 50, maxHeldBytes: 300 })
    const peer = new RecordingPeer()
    doc.addPeer(peer)
    const client = await clientOf(doc)
    typeInto(client, 'jamais envoyé')
    expect(doc.receiveUpdate(peer, typeInto(client, 'orphelin'))).toBeNull()
    await new Promise((r) => setTimeout(r, 120))
    expect(peer.closedWith?.code).toBe(4400)
    expect(peer.closedWith?.reason).toContain('mise_a_jour_incomplete')
    expect(doc.heldCount).toBe(0)
    expect(doc.receiveUpdate(peer, typeInto(client, 'x'.repeat(400)))?.code).toBe('mise_a_jour_incomplete')
    await doc.committed()
    expect(typedRows(log)).toHaveLength(0)
  })

  it('refuses updates with foreign root types', async () => {
    const { log, doc } = await openFresh()
    const peer = new RecordingPeer()
    const stranger = await clientOf(doc)
    const before = Y.encodeStateVector(stranger)
    stranger.getMap('intrus').set('k', 1)
    expect(doc.receiveUpdate(peer, Y.encodeStateAsUpdate(stranger, before))?.code).toBe('type_racine_inconnu')
    await doc.committed()
    expect(typedRows(log)).toHaveLength(0)
  })

  it('refuses unreadable update bytes and an update past the size limit', async () => {
    const { log, doc } = await openFresh({ maxDocumentBytes: 400 })
    const peer = new RecordingPeer()
    expect(doc.receiveUpdate(peer, new Uint8Array([1, 2, 3, 250, 251, 7]))?.code).toBe('mise_a_jour_illisible')
    const client = await clientOf(doc)
    expect(doc.receiveUpdate(peer, typeInto(client, 'x'.repeat(2000)))?.code).toBe('document_trop_volumineux')
    await doc.committed()
    expect(typedRows(log)).toHaveLength(0)
  })

  it('compacts the log into the snapshot and reopens to the same content', async () => {
    const { log, doc } = await openFresh({ compactEvery: 20 })
    const peer = new RecordingPeer()
    const client = await clientOf(doc)
    for (let i = 0; i < 45; i++) {
      doc.receiveUpdate(peer, typeInto(client, `a${i}`))
      await doc.committed()
    }
    // Opening reads the snapshot and a short tail; the folded rows stay as history.
    expect(log.tail('f1').length).toBeLessThan(20)
    expect(typedRows(log)).toHaveLength(45)
    expect(log.fiches.get('f1')!.snapshot!.seq).toBeGreaterThanOrEqual(40)
    const reopened = (await LiveDocument.open('f1', options(log)))!
    expect(reopened.live.getXmlFragment('f').toString()).toBe(doc.live.getXmlFragment('f').toString())
    expect(reopened.live.getXmlFragment('f').toString()).toContain('a44')
  })

  it('catches up with another instance after a notification, and relays to its own peers', async () => {
    const log = new MemoryUpdateLog()
    log.addFiche('f1', 'Technicien')
    const one = (await LiveDocument.open('f1', options(log)))!
    const two = (await LiveDocument.open('f1', options(log)))!
    const onTwo = new RecordingPeer()
    two.addPeer(onTwo)
    const client = await clientOf(one)
    one.receiveUpdate(new RecordingPeer(), typeInto(client, 'depuis A'))
    await one.committed()
    two.notified(one.sequence)
    await two.committed()
    expect(two.live.getXmlFragment('f').toString()).toContain('depuis A')
    expect(onTwo.updates()).toHaveLength(1)
    expect(two.sequence).toBe(one.sequence)
  })

  it('closes its peers when storing fails for good, having relayed nothing', async () => {
    const { log, doc } = await openFresh()
    const a = new RecordingPeer()
    const b = new RecordingPeer()
    doc.addPeer(a)
    doc.addPeer(b)
    log.failAppends = new Error('base arrêtée')
    const client = await clientOf(doc)
    doc.receiveUpdate(a, typeInto(client, 'perdu ?'))
    await expect(doc.committed()).rejects.toThrow('base arrêtée')
    expect(b.updates()).toHaveLength(0)
    expect(a.closedWith?.code).toBe(4500)
    expect(b.closedWith?.code).toBe(4500)
  })
})

describe('DocManager', () => {
  it('shares one document between users and unloads it after the last leaves', async () => {
    const log = new MemoryUpdateLog()
    log.addFiche('f1', 'Cadre')
    const manager = new DocManager(options(log))
    const one = await manager.acquire('f1')
    const two = await manager.acquire('f1')
    expect(one).toBe(two)
    expect(await manager.acquire('absente')).toBeNull()
    const client = await clientOf(one!)
    one!.receiveUpdate(null, typeInto(client, 'avant déchargement'))
    manager.release(one!)
    expect(manager.get('f1')).toBe(one)
    manager.release(two!)
    const three = await manager.acquire('f1')
    expect(three).not.toBe(one)
    expect(three!.live.getXmlFragment('f').toString()).toContain('avant déchargement')
    expect(log.tail('f1')).toHaveLength(0)
    expect(typedRows(log)).toHaveLength(1)
    manager.release(three!)
    await manager.closeAll()
    expect(manager.loadedCount).toBe(0)
  })
})
