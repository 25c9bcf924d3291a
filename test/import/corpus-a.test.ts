/**
 * Family A on the two real qualification fiches (`000_…` Cadre expert,
 * `001_…` Gestionnaire): every section in its place, the classement read
 * exactly, evolution links with their fiche codes.
 */
import { describe, expect, it } from 'vitest'
import { importTexte, inlineTextOf } from './import-helpers.ts'
import { CORPUS, readFixture } from './fixtures.ts'

describe('family A: Cadre expert / Adjoint au chef de service (000_…)', () => {
  const { texte, family, warnings } = importTexte(readFixture(CORPUS.A0))
  const fiche = texte.fiches[0]

  it('is one fiche of family A, with its dénominations', () => {
    expect(family).toBe('A')
    expect(texte.fiches).toHaveLength(1)
    expect(texte.title).toBe('CADRE EXPERT / ADJOINT AU CHEF DE SERVICE')
    expect(fiche?.id).toBe('cadre-expert')
    expect(fiche?.denomination.intitule).toBe('Cadre expert')
    expect(fiche?.denomination.appellations).toEqual(['Adjoint au chef de service'])
    expect(fiche?.denomination.content.map(inlineTextOf)).toEqual(['(selon le cas)'])
  })

  it('reads the classement exactly', () => {
    const c = fiche?.classement
    expect({ categorie: c?.categorie, niveau: c?.niveau, echelon: c?.echelon, degres: c?.degres, coefficient: c?.coefficient }).toEqual({
      categorie: 'Cadre',
      niveau: 'II',
      echelon: null,
      degres: ['A', 'B', 'C'],
      coefficient: null,
    })
    const text = c?.content.map(inlineTextOf) ?? []
    expect(text[0]).toMatch(/^Cadre niveau II, sur degré A, B ou C selon l'importance/u)
    expect(text).toContain('Degrés de progression')
    expect(text.join(' ')).toContain("l'article 5-02 d)")
  })

  it('puts the objet, contenu groups, accès and evolution in their sections', () => {
    expect(fiche?.objet.content.map((b) => b.type)).toEqual(['paragraph', 'bulletList', 'paragraph'])
    expect(fiche?.contenu.groups.map((g) => [g.titre, g.items.length])).toEqual([
      ["A - Activités relatives à l'objet même du service", 1],
      ['B - Activités assurées en appui de celles du responsable hiérarchique', 8],
    ])
    expect(fiche?.acces.items).toHaveLength(2)
    expect(fiche?.acces.items[0]?.children[0]?.content[0]?.text).toMatch(/^Licence, ou certification/u)
    expect(fiche?.evolution.verticale).toEqual([{ label: 'chef de service', code: 'Z.C.III.1', ficheId: null }])
    // Issue 12: « Transversale : Voir Panorama » is the transversale entry, not free text.
    expect(fiche?.evolution.transversale).toEqual([{ label: 'Voir Panorama', code: null, ficheId: null }])
    expect(fiche?.evolution.content).toEqual([])
    expect(texte.remainder).toEqual([])
    expect(warnings).toEqual([])
  })
})

describe('family A: Gestionnaire (001_…)', () => {
  const { texte, family, warnings } = importTexte(readFixture(CORPUS.A1))
  const fiche = texte.fiches[0]

  it('reads the classement exactly: Maîtrise, échelon 23, majorés kept in the text', () => {
    expect(family).toBe('A')
    const c = fiche?.classement
    expect({ categorie: c?.categorie, niveau: c?.niveau, echelon: c?.echelon, degres: c?.degres }).toEqual({
      categorie: 'Maîtrise',
      niveau: null,
      echelon: 23,
      degres: [],
    })
    const list = c?.content[0]
    expect(list?.type).toBe('bulletList')
    expect(inlineTextOf(list)).toContain('Échelons majorés accessibles : 24 / 25')
    expect(list?.type === 'bulletList' ? list.items[1]?.children : []).toHaveLength(2)
  })

  it('matches headings by words even when numbered differently (Classement is 5/)', () => {
    expect(fiche?.denomination.intitule).toBe('Gestionnaire')
    expect(fiche?.contenu.groups.map((g) => g.titre)).toEqual([
      "A - Activités relatives à la gestion et à l'organisation d'un secteur ou d'un service de l'entreprise",
      "B - Activités réalisées en appui d'un responsable hiérarchique",
      'Extensions possibles dans la qualification',
    ])
    expect(fiche?.contenu.groups[2]?.items[0]?.content[0]?.text).toBe("Gestion de l'informatique interne")
    expect(fiche?.contenu.groups[1]?.items[1]?.children).toHaveLength(3)
  })

  it('links the vertical evolutions by fiche code', () => {
    expect(fiche?.evolution.verticale).toEqual([
      { label: 'cadre technique', code: 'Z.C.I.1', ficheId: null },
      { label: 'cadre expert / adjoint au chef de service', code: 'Z.C.II.1', ficheId: null },
    ])
    expect(fiche?.evolution.transversale).toEqual([{ label: 'Voir Panorama', code: null, ficheId: null }])
    expect(texte.remainder).toEqual([])
    expect(warnings).toEqual([])
  })
})

describe('family A: several fiches in one file', () => {
  const source = `${readFixture(CORPUS.A0)}\n\n${readFixture(CORPUS.A1)}`
  const { texte, warnings } = importTexte(source, { fileName: 'panorama.txt' })

  it('opens a fiche at each Dénomination heading, with its own title', () => {
    expect(texte.fiches.map((f) => f.id)).toEqual(['cadre-expert', 'gestionnaire'])
    expect(texte.title).toBe('panorama')
    expect(texte.fiches[0]?.evolution.transversale.map((l) => l.label)).toEqual(['Voir Panorama'])
    expect(texte.fiches[1]?.classement.echelon).toBe(23)
    // The title repeats the dénomination: it is not copied again.
    expect(texte.fiches[1]?.denomination.content).toEqual([])
    expect(texte.remainder).toEqual([])
    expect(warnings).toEqual([])
  })

  it('links an evolution to the fiche of the same text it names', () => {
    const links = texte.fiches[1]?.evolution.verticale.map((l) => [l.label, l.ficheId])
    expect(links).toEqual([
      ['cadre technique', null],
      ['cadre expert / adjoint au chef de service', 'cadre-expert'],
    ])
  })

  it('keeps a fiche title that the dénominations do not repeat', () => {
    const renamed = source.replace('## GESTIONNAIRE', '## GESTIONNAIRE DE SECTEUR')
    const gestionnaire = importTexte(renamed).texte.fiches[1]
    expect(gestionnaire?.denomination.content.map(inlineTextOf)).toEqual(['GESTIONNAIRE DE SECTEUR'])
  })
})

describe('family A: « (selon le cas) » is a note of the dénomination (issue 12)', () => {
  const source = readFixture(CORPUS.A0)
  it('inside the bold heading: kept as plain text, not lost in the heading', () => {
    const inside = source.replace('**1/ Dénominations de la qualification :** (selon le cas)', '**1/ Dénominations de la qualification : (selon le cas)**')
    const fiche = importTexte(inside).texte.fiches[0]
    expect(fiche?.denomination.content).toEqual([{ type: 'paragraph', content: [{ text: '(selon le cas)', marks: [] }] }])
    expect(fiche?.denomination.appellations).toEqual(['Adjoint au chef de service'])
  })
  it('on its own bold line: a plain note, neither a name nor a bold line', () => {
    const own = source.replace('**1/ Dénominations de la qualification :** (selon le cas)', '**1/ Dénominations de la qualification :**\n**(selon le cas)**')
    const fiche = importTexte(own).texte.fiches[0]
    expect(fiche?.denomination.intitule).toBe('Cadre expert')
    expect(fiche?.denomination.appellations).toEqual(['Adjoint au chef de service'])
    expect(fiche?.denomination.content).toEqual([{ type: 'paragraph', content: [{ text: '(selon le cas)', marks: [] }] }])
  })
})
