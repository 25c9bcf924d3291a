import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { LiveDocument, type DocumentPeer, type FicheYjs } from './document.ts'
import { fragmentToEditorJson } from './editor-json.ts'
import { MemoryUpdateLog } from './memory-update-log.ts'
import type { EditorNodeJson, UpdateAuthor, UpdateRule, UpdateRuleInput } from './update-rules.ts'

let conversions = 0
const fiche: FicheYjs = {
  checkStructure: () => null,
  rootNames: () => ['f'],
  seedState() {
    const doc = new Y.Doc()
    doc.getXmlFragment('f').insert(0, [new Y.XmlElement('section')])
    return Y.encodeStateAsUpdate(doc)
  },
  toContent: (doc) => doc.getXmlFragment('f').toString(),
  toEditorJson(doc) {
    conversions++
    return fragmentToEditorJson(doc.getXmlFragment('f'))
  },
}

const cgt: UpdateAuthor = { userId: 'u-cgt', organisationId: 'o-cgt', role: 'editor' }

class Peer implements DocumentPeer {
  frames = 0
  constructor(readonly author: UpdateAuthor | null) {}
  send() {
    this.frames++
  }
  close() {}
}

function textOf(json: EditorNodeJson): string {
  return (json.text ?? '') + (json.content ?? []).map(textOf).join('')
}

async function open(rules: UpdateRule[]) {
  const log = new MemoryUpdateLog()
  log.addFiche('f1', null)
  const doc = (await LiveDocument.open('f1', { log, fiche, maxDocumentBytes: 1e6, compactEvery: 1000, rules }))!
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(doc.live))
  const type = (text: string): Uint8Array => {
    const sv = Y.encodeStateVector(client)
    const section = client.getXmlFragment('f').get(0) as Y.XmlElement
    section.insert(section.length, [new Y.XmlText(text)])
    return Y.encodeStateAsUpdate(client, sv)
  }
  return { log, doc, type }
}

describe('update rules', () => {
  it('a refusing rule stops the update: nothing stored or relayed, the reason goes to the author', async () => {
    const seen: UpdateRuleInput[] = []
    const noForbiddenWord: UpdateRule = (input) => {
      seen.push(input)
      return textOf(input.after()).includes('interdit')
        ? { code: 'amendement_requis', message: 'Modifiez la fiche « Technicien » par un avenant.' }
        : null
    }
    const { log, doc, type } = await open([noForbiddenWord])
    const author = new Peer(cgt)
    const watcher = new Peer(null)
    doc.addPeer(author)
    doc.addPeer(watcher)
    const framesBefore = watcher.frames
    expect(doc.receiveUpdate(author, type('permis'))).toBeNull()
    await doc.committed()
    expect(log.tail('f1')).toHaveLength(1)
    const refusal = doc.receiveUpdate(author, type(' interdit'))
    expect(refusal).toEqual({ code: 'amendement_requis', closeCode: 4403, message: 'Modifiez la fiche « Technicien » par un avenant.' })
    await doc.committed()
    expect(log.tail('f1')).toHaveLength(1)
    expect(watcher.frames - framesBefore).toBe(1)
    expect(doc.live.getXmlFragment('f').toString()).not.toContain('interdit')
    // The rule saw who typed, and the fiche before and after each change.
    expect(seen[0]!.author).toEqual(cgt)
    expect(seen[0]!.ficheId).toBe('f1')
    expect(textOf(seen[0]!.before())).toBe('')
    expect(textOf(seen[1]!.before())).toBe('permis')
    expect(textOf(seen[1]!.after())).toBe('permis interdit')
  })

  it('converts each state once (the after of one change is the before of the next), and never without rules', async () => {
    const { doc, type } = await open([(input) => (input.after() && null)])
    const peer = new Peer(cgt)
    conversions = 0
    for (let i = 0; i < 10; i++) expect(doc.receiveUpdate(peer, type(`m${i}`))).toBeNull()
    expect(conversions).toBe(11)
    const bare = await open([])
    conversions = 0
    for (let i = 0; i < 10; i++) expect(bare.doc.receiveUpdate(peer, bare.type(`m${i}`))).toBeNull()
    expect(conversions).toBe(0)
  })

  it('REST writes through the live document pass their author', async () => {
    const authors: (UpdateAuthor | null)[] = []
    const { doc } = await open([(input) => (authors.push(input.author), null)])
    const chair: UpdateAuthor = { userId: 'u-chair', organisationId: 'o-fnp', role: 'chair' }
    const refusal = doc.acceptChange(null, (scratch, token) => {
      scratch.transact(() => (scratch.getXmlFragment('f').get(0) as Y.XmlElement).insert(0, [new Y.XmlText('rest')]), token)
    }, chair)
    expect(refusal).toBeNull()
    expect(authors).toEqual([chair])
  })
})
