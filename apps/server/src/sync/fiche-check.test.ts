import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { emptyFiche, FICHE_YDOC_FIELD, ficheToYDoc } from '@paritaire/schema'
import { LiveDocument } from './document.ts'
import { checkWholeFiche } from './fiche-check.ts'
import { ficheYjs, readFiche, replaceFiche } from './fiche-yjs.ts'
import { MemoryUpdateLog } from './memory-update-log.ts'

function poisonedState(): Uint8Array {
  const doc = ficheToYDoc(emptyFiche('f1', 'Technicien'))
  doc.transact(() => {
    let parent = doc.getXmlFragment(FICHE_YDOC_FIELD).get(2) as Y.XmlElement
    for (let i = 0; i < 6000; i++) {
      const child = new Y.XmlElement('blockquote')
      parent.insert(0, [child])
      parent = child
    }
  })
  return Y.encodeStateAsUpdate(doc)
}

describe('fiche schema check of live changes', () => {
  it('names the limit for a deep fiche without overflowing the stack', () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, poisonedState())
    expect(checkWholeFiche(doc.getXmlFragment(FICHE_YDOC_FIELD), 'f1')?.code).toBe('imbrication_excessive')
  })

  it('lets typing through without converting, and refuses a NUL typed in a paragraph', async () => {
    const log = new MemoryUpdateLog()
    log.addFiche('f1', emptyFiche('f1', 'Technicien'))
    const doc = (await LiveDocument.open('f1', { log, fiche: ficheYjs, maxDocumentBytes: 1e7, compactEvery: 1000 }))!
    const client = new Y.Doc()
    Y.applyUpdate(client, Y.encodeStateAsUpdate(doc.live))
    const intitule = (client.getXmlFragment(FICHE_YDOC_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlElement
    const text = intitule.get(0) as Y.XmlText
    const type = (s: string) => {
      const sv = Y.encodeStateVector(client)
      text.insert(text.length, s)
      return Y.encodeStateAsUpdate(client, sv)
    }
    expect(doc.receiveUpdate(null, type(' principal'))).toBeNull()
    const refusal = doc.receiveUpdate(null, type('\u0000'))
    expect(refusal?.code).toBe('caractere_interdit')
    expect(refusal?.closeCode).toBe(4422)
    expect(refusal?.message).toContain('Dénomination')
  })

  it('repairs a fiche poisoned before updates were checked (coefficient 1.5, NUL) with a valid PUT', async () => {
    const poisoned = ficheToYDoc(emptyFiche('f1', 'Technicien'))
    const fragment = poisoned.getXmlFragment(FICHE_YDOC_FIELD)
    ;(fragment.get(3) as Y.XmlElement).setAttribute('coefficient', 1.5 as never)
    ;(((fragment.get(0) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'a\u0000b')
    expect(checkWholeFiche(fragment, 'f1')).not.toBeNull()
    const log = new MemoryUpdateLog()
    log.addFiche('f1', null)
    await log.seed('f1', Y.encodeStateAsUpdate(poisoned))
    const doc = (await LiveDocument.open('f1', { log, fiche: ficheYjs, maxDocumentBytes: 1e7, compactEvery: 1000 }))!
    const valid = { ...emptyFiche('f1', 'Technicien réparé'), id: 'f1' }
    expect(doc.acceptChange(null, (scratch, token) => replaceFiche(scratch, valid, token))).toBeNull()
    await doc.committed()
    expect(readFiche(doc.live, 'f1').denomination.intitule).toBe('Technicien réparé')
    expect(checkWholeFiche(doc.live.getXmlFragment(FICHE_YDOC_FIELD), 'f1')).toBeNull()
  })
})
