import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { emptyFiche } from './factory.ts'
import { fullFiche, randomFiche, seededRandom } from './convert/test-fiches.ts'
import { checkFicheStructure, FICHE_YDOC_FIELD, ficheToYDoc, replaceFicheInYDoc, yDocToFiche } from './ydoc.ts'

describe('fiche ⇄ Y.Doc', () => {
  it('round-trips a fiche using every field', () => {
    const fiche = fullFiche()
    const doc = ficheToYDoc(fiche)
    expect(yDocToFiche(doc, fiche.id)).toEqual(fiche)
    expect(checkFicheStructure(doc)).toBeNull()
  })

  it('round-trips through an encoded update, as the server stores it', () => {
    const fiche = fullFiche()
    const update = Y.encodeStateAsUpdate(ficheToYDoc(fiche))
    const other = new Y.Doc()
    Y.applyUpdate(other, update)
    expect(yDocToFiche(other, fiche.id)).toEqual(fiche)
  })

  it('round-trips 200 random fiches', () => {
    const random = seededRandom(11)
    for (let i = 0; i < 200; i++) {
      const fiche = randomFiche(random, `f${i}`)
      expect(yDocToFiche(ficheToYDoc(fiche), fiche.id)).toEqual(fiche)
    }
  })

  it('binds the fiche to the fragment named "fiche"', () => {
    const doc = ficheToYDoc(emptyFiche('f1', 'Vendeur'))
    expect(FICHE_YDOC_FIELD).toBe('fiche')
    expect(doc.getXmlFragment('fiche').length).toBe(6)
  })
})

describe('replaceFicheInYDoc', () => {
  it('replaces the content in one transaction, with the given origin', () => {
    const before = fullFiche()
    const doc = ficheToYDoc(before)
    const after = structuredClone(before)
    after.classement.coefficient = 160
    after.objet.content.push({ type: 'paragraph', content: [{ text: 'Nouvelle phrase.', marks: [] }] })
    const origins: unknown[] = []
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin))
    replaceFicheInYDoc(doc, after, 'restauration')
    expect(origins).toEqual(['restauration'])
    expect(yDocToFiche(doc, after.id)).toEqual(after)
  })

  it('sends a small update when one field changes', () => {
    const random = seededRandom(3)
    const before = randomFiche(random, 'f1')
    before.objet.content = Array.from({ length: 50 }, (_, i) => ({ type: 'paragraph' as const, content: [{ text: `Paragraphe ${i} `.repeat(10), marks: [] }] }))
    const doc = ficheToYDoc(before)
    const full = Y.encodeStateAsUpdate(doc).byteLength
    const vector = Y.encodeStateVector(doc)
    const after = structuredClone(before)
    after.classement.coefficient = 999
    replaceFicheInYDoc(doc, after)
    const delta = Y.encodeStateAsUpdate(doc, vector).byteLength
    expect(yDocToFiche(doc, 'f1')).toEqual(after)
    expect(delta).toBeLessThan(full / 10)
  })

  it('keeps concurrent edits made elsewhere in the fiche', () => {
    const base = fullFiche()
    const a = ficheToYDoc(base)
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    // b edits the classement, a replaces the fiche with a new objet paragraph.
    const fromB = structuredClone(base)
    fromB.classement.coefficient = 170
    replaceFicheInYDoc(b, fromB)
    const fromA = structuredClone(base)
    fromA.evolution.content = [{ type: 'paragraph', content: [{ text: 'Vers la maîtrise.', marks: [] }] }]
    replaceFicheInYDoc(a, fromA)
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const merged = yDocToFiche(a, base.id)
    expect(merged).toEqual(yDocToFiche(b, base.id))
    expect(merged.classement.coefficient).toBe(170)
    expect(merged.evolution.content).toEqual(fromA.evolution.content)
  })

  it('rebuilds a document whose structure was broken', () => {
    const doc = ficheToYDoc(fullFiche())
    doc.getXmlFragment(FICHE_YDOC_FIELD).delete(2, 1)
    expect(checkFicheStructure(doc)).not.toBeNull()
    replaceFicheInYDoc(doc, emptyFiche('f12', 'Réparée'))
    expect(checkFicheStructure(doc)).toBeNull()
    expect(yDocToFiche(doc, 'f12')).toEqual(emptyFiche('f12', 'Réparée'))
  })
})

describe('checkFicheStructure', () => {
  it('detects an update that removes a section', () => {
    const server = ficheToYDoc(fullFiche())
    const client = new Y.Doc()
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
    const vector = Y.encodeStateVector(client)
    client.getXmlFragment(FICHE_YDOC_FIELD).delete(3, 1)
    const update = Y.encodeStateAsUpdate(client, vector)
    // The server tries the update on a copy before accepting it.
    const trial = new Y.Doc()
    Y.applyUpdate(trial, Y.encodeStateAsUpdate(server))
    Y.applyUpdate(trial, update)
    expect(checkFicheStructure(trial)).toEqual({
      code: 'fiche.structure.sections',
      message: expect.stringContaining('section manquante : Classement') as unknown as string,
    })
    expect(checkFicheStructure(server)).toBeNull()
  })

  it('detects sections out of order, extra top-level nodes and an empty document', () => {
    const swapped = ficheToYDoc(emptyFiche('f1'))
    const fragment = swapped.getXmlFragment(FICHE_YDOC_FIELD)
    const objet = fragment.get(1) as Y.XmlElement
    swapped.transact(() => {
      fragment.delete(1, 1)
      fragment.insert(3, [new Y.XmlElement(objet.nodeName)])
    })
    expect(checkFicheStructure(swapped)?.code).toBe('fiche.structure.sections')

    const extra = ficheToYDoc(emptyFiche('f1'))
    extra.getXmlFragment(FICHE_YDOC_FIELD).insert(6, [new Y.XmlElement('paragraph')])
    expect(checkFicheStructure(extra)?.code).toBe('fiche.structure.sections')

    expect(checkFicheStructure(new Y.Doc())?.message).toContain('sections manquantes')
  })
})
