import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { emptyFiche, ficheFragment, ficheToYDoc, type Fiche } from '@paritaire/schema'
import { anchorFromQuote, decodeRelativePosition, resolveAnchor } from './thread-anchors.ts'

function fiche(): Fiche {
  const f = emptyFiche('f1', 'Agent d’accueil')
  f.objet.content = [
    { type: 'paragraph', content: [{ text: 'Assurer l’accueil ', marks: [] }, { text: 'des clients', marks: ['bold'] }, { text: ' et des fournisseurs.', marks: [] }] },
    { type: 'paragraph', content: [{ text: 'Tenir le standard et l’accueil.', marks: [] }] },
  ]
  return f
}

/** The Y.XmlText of the n-th paragraph of objet. */
function objetText(doc: Y.Doc, n: number): Y.XmlText {
  const objet = ficheFragment(doc).get(1) as Y.XmlElement
  return (objet.get(n) as Y.XmlElement).get(0) as Y.XmlText
}

describe('thread anchors', () => {
  it('anchors a quote, spanning marks, and reads its words back', () => {
    const doc = ficheToYDoc(fiche())
    const r = anchorFromQuote(doc, { section: 'objet', exact: 'accueil des clients' })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(resolveAnchor(doc, r.anchor)).toEqual({ status: 'ok', text: 'accueil des clients', section: 'objet' })
  })

  it('refuses an ambiguous quote unless prefix or suffix tells the occurrences apart', () => {
    const doc = ficheToYDoc(fiche())
    expect(anchorFromQuote(doc, { section: 'objet', exact: 'accueil' })).toEqual({ ok: false, reason: 'ambiguous', matches: 2 })
    const r = anchorFromQuote(doc, { section: 'objet', exact: 'accueil', suffix: '.' })
    expect(r.ok && resolveAnchor(doc, r.anchor).text).toBe('accueil')
    expect(anchorFromQuote(doc, { section: 'objet', exact: 'absent' })).toEqual({ ok: false, reason: 'absent', matches: 0 })
    expect(anchorFromQuote(doc, { section: 'contenu', exact: 'accueil' }).ok).toBe(false)
  })

  it('follows its words through concurrent edits, and marks them deleted once gone', () => {
    const a = ficheToYDoc(fiche())
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const r = anchorFromQuote(a, { section: 'objet', exact: 'des clients et des fournisseurs' })
    if (!r.ok) throw new Error('anchor')
    // b types before and inside, a deletes the first half of the words.
    objetText(b, 0).insert(0, 'Nous devons ')
    objetText(b, 0).insert('Nous devons Assurer l’accueil des clients et '.length, 'aussi ')
    objetText(a, 0).delete('Assurer l’accueil '.length, 'des clients '.length)
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(resolveAnchor(a, r.anchor)).toEqual({ status: 'ok', text: 'et aussi des fournisseurs', section: 'objet' })
    expect(resolveAnchor(b, r.anchor).text).toBe('et aussi des fournisseurs')
    const t = objetText(a, 0)
    const s = t.toString().replace(/<[^>]+>/g, '')
    t.delete(s.indexOf('et aussi'), 'et aussi des fournisseurs'.length)
    expect(resolveAnchor(a, r.anchor).status).toBe('deleted')
  })

  it('marks an anchor deleted when its whole paragraph is removed', () => {
    const doc = ficheToYDoc(fiche())
    const r = anchorFromQuote(doc, { section: 'objet', exact: 'standard' })
    if (!r.ok) throw new Error('anchor')
    ;(ficheFragment(doc).get(1) as Y.XmlElement).delete(1, 1)
    expect(resolveAnchor(doc, r.anchor)).toMatchObject({ status: 'deleted', text: '' })
  })

  it('treats garbage as no anchor', () => {
    const doc = ficheToYDoc(fiche())
    expect(decodeRelativePosition('!!')).toBeNull()
    expect(resolveAnchor(doc, { start: 'AAAA', end: 'AAAA' }).status).toBe('deleted')
  })
})
