/** The amendment items of a Y.Doc: counted as they come and go, and recognised in an update before it is applied. */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { AmendmentItems, updateCarriesAmendments } from './amendment-items.ts'

const who = { id: 'a1', organisationId: 'o-cfdt' }

describe('amendment items', () => {
  it('counts suggestion formats and field proposals while they live, including hashed deletion keys', () => {
    const doc = new Y.Doc()
    const section = doc.getXmlFragment('f')
    const items = new AmendmentItems(doc)
    const text = new Y.XmlText()
    section.insert(0, [text])
    text.insert(0, 'coefficient 155')
    expect(items.count).toBe(0)
    text.format(12, 3, { 'deletion--x7': who })
    expect(items.count).toBeGreaterThan(0)
    text.delete(0, text.length)
    // Whatever Yjs keeps of the formatting once the text is gone, the count says it.
    const left = items.count
    const element = new Y.XmlElement('classement')
    section.insert(1, [element])
    element.setAttribute('proposals', [] as never)
    expect(items.count).toBe(left)
    element.setAttribute('proposals', [{ ...who, field: 'coefficient', value: 160 }] as never)
    expect(items.count).toBe(left + 1)
    element.removeAttribute('proposals')
    expect(items.count).toBe(left)
    // A fresh count over the same state agrees with the one kept up to date.
    expect(new AmendmentItems(doc).count).toBe(left)
  })

  it('tells an update bringing an amendment from one that does not, and doubts what it cannot read', () => {
    const doc = new Y.Doc()
    const text = new Y.XmlText()
    doc.getXmlFragment('f').insert(0, [text])
    const plain = Y.encodeStateAsUpdate(doc)
    expect(updateCarriesAmendments(plain)).toBe(false)
    const sv = Y.encodeStateVector(doc)
    text.insert(0, 'six mois', { insertion: who })
    expect(updateCarriesAmendments(Y.encodeStateAsUpdate(doc, sv))).toBe(true)
    expect(updateCarriesAmendments(new Uint8Array([255, 255, 255]))).toBe(true)
  })
})
