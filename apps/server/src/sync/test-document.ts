/**
 * What the unit tests of live documents share: a stand-in fiche (a fragment
 * that must keep three sections), a peer that records what it is sent, and
 * a client-side copy to type real updates with. Test code only.
 */
import { expect } from 'vitest'
import * as Y from 'yjs'
import { LiveDocument, type DocumentOptions, type DocumentPeer, type FicheYjs } from './document.ts'
import { fragmentToEditorJson } from './editor-json.ts'
import { MemoryUpdateLog } from './memory-update-log.ts'
import { decodeMessage } from './protocol.ts'

/** A stand-in fiche: a fragment that must keep exactly three `section` elements. */
export const fakeFiche: FicheYjs = {
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
  checkChange: () => null,
}

export class RecordingPeer implements DocumentPeer {
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

export function options(log: MemoryUpdateLog, extra: Partial<DocumentOptions> = {}): DocumentOptions {
  return { log, fiche: fakeFiche, maxDocumentBytes: 1_000_000, compactEvery: 1000, ...extra }
}

/** A client-side copy of the document, to produce real updates. */
export async function clientOf(doc: LiveDocument): Promise<Y.Doc> {
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(doc.live))
  return client
}

export function typeInto(client: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(client)
  const section = client.getXmlFragment('f').get(1) as Y.XmlElement
  section.insert(section.length, [new Y.XmlText(text)])
  return Y.encodeStateAsUpdate(client, before)
}

/** The rows typed after the seed (row 1 is the fiche's first state). */
export function typedRows(log: MemoryUpdateLog, ficheId = 'f1') {
  return log.fiches.get(ficheId)!.rows.filter((r) => r.seq > 1)
}

/**
 * The durability contract on one accepted update from `author`: nothing is
 * stored nor relayed while the call returns, then it is committed as one
 * row and relayed to `other`, never back to its author.
 */
export async function expectCommittedThenRelayed(doc: LiveDocument, log: MemoryUpdateLog, author: RecordingPeer, other: RecordingPeer, update: Uint8Array): Promise<void> {
  const rows = typedRows(log).length
  const relayed = other.updates().length
  expect(doc.receiveUpdate(author, update)).toBeNull()
  expect(other.updates()).toHaveLength(relayed)
  expect(typedRows(log)).toHaveLength(rows)
  await doc.committed()
  expect(typedRows(log)).toHaveLength(rows + 1)
  expect(other.updates()).toHaveLength(relayed + 1)
  expect(author.updates()).toHaveLength(0)
}

export async function openFresh(extra: Partial<DocumentOptions> = {}) {
  const log = new MemoryUpdateLog()
  log.addFiche('f1', 'Agent de maîtrise')
  const doc = (await LiveDocument.open('f1', options(log, extra)))!
  return { log, doc }
}
