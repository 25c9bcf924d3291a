import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { LiveDocument, type DocumentPeer, type FicheYjs } from './document.ts'
import { fragmentToEditorJson } from './editor-json.ts'
import { MemoryUpdateLog } from './memory-update-log.ts'
import { amendmentRule } from './rules/amendment-rule.ts'
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
  checkChange: () => null,
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

const attribution = (organisationId: string) => ({
  id: `a-${organisationId}`, organisationId, organisationName: organisationId, userId: 'u', authorName: 'A', createdAt: '2026-12-02T10:00:00Z',
})

function textOf(json: EditorNodeJson): string {
  return (json.text ?? '') + (json.content ?? []).map(textOf).join('')
}

async function open(rules: UpdateRule[]) {
  const log = new MemoryUpdateLog()
  log.addFiche('f1', null)
  const doc = (await LiveDocument.open('f1', { log, fiche, maxDocumentBytes: 1e6, compactEvery: 1000, rules }))!
  let client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(doc.live))
  /** After a refusal: the client starts again from what the server committed. */
  const resync = async () => {
    await doc.committed()
    client = new Y.Doc()
    Y.applyUpdate(client, Y.encodeStateAsUpdate(doc.live))
  }
  /** A new text node in the section, formatted with `marks` (y-prosemirror stores marks as formatting attributes). */
  const type = (text: string, marks?: Record<string, unknown>): Uint8Array => {
    const sv = Y.encodeStateVector(client)
    const section = client.getXmlFragment('f').get(0) as Y.XmlElement
    const node = new Y.XmlText()
    section.insert(section.length, [node])
    node.insert(0, text, marks)
    return Y.encodeStateAsUpdate(client, sv)
  }
  return { log, doc, type, resync }
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

  it('the amendment rule converts nothing while a fiche holds no amendment, and judges every update that brings one', async () => {
    const { doc, type, resync } = await open([amendmentRule])
    const peer = new Peer(cgt)
    conversions = 0
    for (let i = 0; i < 10; i++) expect(doc.receiveUpdate(peer, type(`m${i}`))).toBeNull()
    expect(conversions).toBe(0)
    // A mark in another organisation's name, sent by a hostile client: judged on the JSON, refused.
    const spoofed = type(' contre', { insertion: attribution('o-cfdt') })
    expect(doc.receiveUpdate(peer, spoofed)).toMatchObject({ code: 'amendement_usurpe' })
    expect(conversions).toBeGreaterThan(0)
    await resync()
    // Its own amendment passes, and from then on the fiche holds one: every change is judged.
    expect(doc.receiveUpdate(peer, type(' pour', { insertion: attribution('o-cgt') }))).toBeNull()
    conversions = 0
    expect(doc.receiveUpdate(peer, type('suite'))).toBeNull()
    expect(conversions).toBeGreaterThan(0)
    await doc.committed()
    const stored = doc.live.getXmlFragment('f').toString()
    expect(stored).toContain('m9')
    expect(stored).toContain(' pour')
    expect(stored).toContain('suite')
    expect(stored).not.toContain('contre')
  })

  it('a commenter’s plain text is refused in a fiche with no amendment', async () => {
    const { doc, type } = await open([amendmentRule])
    const commenter = new Peer({ userId: 'u-cfdt', organisationId: 'o-cfdt', role: 'commenter' })
    expect(doc.receiveUpdate(commenter, type('texte direct'))).toMatchObject({ code: 'amendement_requis' })
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
