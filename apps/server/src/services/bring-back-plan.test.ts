/**
 * The bring-back plan on editor JSON: a changed sentence becomes one
 * replacement amendment whose acceptance gives the proposal's wording and
 * whose rejection gives the base's; a coefficient becomes a field proposal;
 * a paragraph the table changed since the base, or a pending amendment, is
 * reported, not overwritten; bringing back twice adds nothing.
 */
import { describe, expect, it } from 'vitest'
import { acceptAmendments, editorJsonToFiche, emptyFiche, ficheToEditorJson, getFicheSchema, listAmendments, rejectAmendments, type Fiche } from '@paritaire/schema'
import type { EditorNodeJson } from '../sync/update-rules.ts'
import { planBringBack, tokenOps } from './bring-back-plan.ts'

function fiche(objet: string, coefficient: number | null, bold = false): Fiche {
  const f = emptyFiche('f1', 'Opérateur vendeur')
  f.objet.content = [{ type: 'paragraph', content: [{ text: 'Accueil. ', marks: bold ? ['bold'] : [] }, { text: objet, marks: [] }] }]
  f.classement.coefficient = coefficient
  return f
}
const json = (f: Fiche) => ficheToEditorJson(f) as EditorNodeJson
let n = 0
const author = {
  attribution: { organisationId: 'cgt', organisationName: 'CGT', userId: 'u1', authorName: 'Camille', createdAt: '2026-12-02T10:00:00.000Z' },
  newId: () => `am${++n}`,
}
const objet = (doc: EditorNodeJson) => editorJsonToFiche(doc as never, 'f1').objet.content

describe('tokenOps', () => {
  it('adds up to both texts', () => {
    const ops = tokenOps('Période maximale de 1 an. ', 'Période maximale de 6 mois renouvelable. ')
    const before = ops.filter((o) => o.op !== 'insert').reduce((s, o) => s + (o as { length: number }).length, 0)
    expect(before).toBe('Période maximale de 1 an. '.length)
    expect(ops.filter((o) => o.op === 'insert').map((o) => (o as { text: string }).text).join('')).toBe(' 6 mois renouvelable')
  })
})

describe('planBringBack', () => {
  const base = fiche('Période maximale de 1 an.', null, true)
  const proposal = fiche('Période maximale de 6 mois.', 160, true)

  it('turns a changed sentence and a coefficient into two amendments of the organisation', () => {
    const plan = planBringBack(json(base), json(proposal), json(base), author)
    expect(plan.unresolved).toEqual([])
    expect(plan.created).toHaveLength(2)
    getFicheSchema().nodeFromJSON(plan.result!).check()
    const list = listAmendments(plan.result!)
    expect(list.map((a) => [a.organisationId, a.kind, a.deleted, a.inserted, a.field, a.newValue])).toEqual([
      ['cgt', 'replacement', ' 1 an', ' 6 mois', null, null],
      ['cgt', 'field', '', '', 'coefficient', 160],
    ])
    const accepted = acceptAmendments(plan.result!)
    expect(objet(accepted)).toEqual(fiche('Période maximale de 6 mois.', 160, true).objet.content)
    expect(editorJsonToFiche(accepted, 'f1').classement.coefficient).toBe(160)
    expect(objet(rejectAmendments(plan.result!))).toEqual(base.objet.content)
    // Bringing back again finds the amendments pending: nothing new.
    const again = planBringBack(json(base), json(proposal), plan.result!, author)
    expect(again.created).toEqual([])
    expect(again.unresolved.map((u) => u.code)).toEqual(['amendement_en_attente'])
  })

  it('reports, without overwriting, a sentence the table changed since the base', () => {
    const common = fiche('Période maximale de 2 ans.', null, true)
    const plan = planBringBack(json(base), json(proposal), json(common), author)
    expect(plan.unresolved.map((u) => [u.section, u.code])).toEqual([['objet', 'conflit']])
    expect(objet(plan.result!)).toEqual(common.objet.content)
    expect(listAmendments(plan.result!).map((a) => a.field)).toEqual(['coefficient'])
  })

  it('reports fields with no amendment form', () => {
    const changed = fiche('Période maximale de 1 an.', null, true)
    changed.denomination.appellations = ['Vendeur']
    const plan = planBringBack(json(base), json(changed), json(base), author)
    expect(plan.result).toBeNull()
    expect(plan.unresolved.map((u) => u.code)).toEqual(['champ_non_amendable'])
  })

  const para = (text: string) => ({ type: 'paragraph' as const, content: [{ text, marks: [] }] })
  const item = (text: string) => ({ content: [{ text, marks: [] }], children: [] })
  function structured(paragraphs: string[], items: string[]): Fiche {
    const f = emptyFiche('f1', 'Opérateur vendeur')
    f.objet.content = paragraphs.map(para)
    f.contenu.groups = [{ titre: 'Vente', items: items.map(item) }]
    return f
  }
  const items = (doc: EditorNodeJson) => editorJsonToFiche(doc as never, 'f1').contenu.groups[0]!.items.map((i) => i.content.map((r) => r.text).join(''))

  it('brings added and removed paragraphs and list items back as insertion and deletion amendments', () => {
    const from = structured(['Accueil.', 'Encaissement.', 'Rangement.'], ['Conseiller', 'Vendre'])
    const to = structured(['Accueil.', 'Nouveau paragraphe sur la clientèle.', 'Rangement des rayons.'], ['Conseiller', 'Vendre', 'Fidéliser'])
    const plan = planBringBack(json(from), json(to), json(from), author)
    expect(plan.unresolved).toEqual([])
    getFicheSchema().nodeFromJSON(plan.result!).check()
    expect(listAmendments(plan.result!).map((a) => [a.organisationId, a.kind, a.deleted, a.inserted])).toEqual([
      ['cgt', 'deletion', 'Encaissement.', ''],
      ['cgt', 'insertion', '', 'Nouveau paragraphe sur la clientèle.'],
      ['cgt', 'insertion', '', ' des rayons'],
      ['cgt', 'insertion', '', 'Fidéliser'],
    ])
    const accepted = acceptAmendments(plan.result!)
    expect(objet(accepted)).toEqual(to.objet.content)
    expect(items(accepted)).toEqual(['Conseiller', 'Vendre', 'Fidéliser'])
    const rejected = rejectAmendments(plan.result!)
    expect(objet(rejected)).toEqual(from.objet.content)
    expect(items(rejected)).toEqual(['Conseiller', 'Vendre'])
    // Pending, the common wording is the base's; bringing back again adds nothing.
    expect(objet(plan.result!)).toEqual(from.objet.content)
    const again = planBringBack(json(from), json(to), plan.result!, author)
    expect(again.created).toEqual([])
    expect(again.unresolved.map((u) => [u.section, u.code])).toEqual([['objet', 'amendement_en_attente'], ['objet', 'amendement_en_attente'], ['contenu', 'amendement_en_attente']])
  })

  it('removes a list item as a deletion amendment, and reports a structure the common text changed since', () => {
    const from = structured(['Accueil.'], ['Conseiller', 'Vendre', 'Encaisser'])
    const to = structured(['Accueil.'], ['Conseiller', 'Encaisser'])
    const plan = planBringBack(json(from), json(to), json(from), author)
    expect(listAmendments(plan.result!).map((a) => [a.kind, a.deleted])).toEqual([['deletion', 'Vendre']])
    expect(items(acceptAmendments(plan.result!))).toEqual(['Conseiller', 'Encaisser'])
    expect(items(rejectAmendments(plan.result!))).toEqual(['Conseiller', 'Vendre', 'Encaisser'])
    const moved = structured(['Accueil.', 'Ajouté par la table.'], ['Conseiller', 'Vendre', 'Encaisser'])
    const other = structured(['Accueil.', 'Autre ajout du projet.'], ['Conseiller', 'Vendre', 'Encaisser'])
    const conflict = planBringBack(json(from), json(other), json(moved), author)
    expect(conflict.result).toBeNull()
    expect(conflict.unresolved.map((u) => [u.section, u.code])).toEqual([['objet', 'conflit']])
  })
})
