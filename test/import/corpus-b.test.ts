/**
 * Family B on the real national job directory (`002_…`): 51 fiches, each
 * with five scored criteria and a level; level definitions in the grid once
 * per level; the table of contents kept outside the fiches.
 */
import { describe, expect, it } from 'vitest'
import { importTexte, inlineTextOf } from './import-helpers.ts'
import { CORPUS, readFixture } from './fixtures.ts'

const source = readFixture(CORPUS.B)
const { texte, family, warnings } = importTexte(source)
const CRITERIA = ['Connaissances', "Latitude d'action", 'Complexité', 'Relations', 'Responsabilités']

describe('family B: répertoire des emplois nationaux (002_…)', () => {
  it('imports 51 fiches, title and table of contents outside them', () => {
    expect(family).toBe('B')
    expect(texte.title).toBe('REPERTOIRE DES EMPLOIS NATIONAUX DU RESEAU CONSULAIRE')
    expect(texte.fiches).toHaveLength(51)
    // Issue 12: the capitals of the fiche titles give way to the table of contents' spelling.
    expect(texte.fiches[0]?.denomination.intitule).toBe('Agent administratif')
    expect(texte.fiches[7]?.denomination.intitule).toBe('Chargé(e) de formalités')
    expect(texte.fiches[50]?.denomination.intitule).toBe('Directeur(trice)')
    const preamble = texte.preamble.map(inlineTextOf).join('\n')
    expect(preamble).toContain('Sommaire par niveau')
    expect(preamble).toContain('Chargé(e) de formalités 11')
    expect(new Set(texte.fiches.map((f) => f.id)).size).toBe(51)
  })

  it('gives every fiche five criteria scores, as in the source rows', () => {
    const rows = source
      .split('\n')
      .filter((l) => /^\t\d/.test(l))
      .map((l) => l.trim().split('\t').map(Number))
    expect(rows).toHaveLength(51)
    texte.fiches.forEach((fiche, i) => {
      expect(fiche.classement.criteres.map((c) => c.critere)).toEqual(CRITERIA)
      expect(fiche.classement.criteres.map((c) => c.valeur)).toEqual(rows[i])
    })
    expect(texte.fiches[7]?.classement.criteres.map((c) => c.valeur)).toEqual([4, 4, 3, 4, 3])
  })

  it('gives every fiche its level, from both heading forms', () => {
    const levels = texte.fiches.map((f) => f.classement.niveau)
    expect(levels.every((l) => l !== null && /^[IVX]+$/.test(l))).toBe(true)
    const count = (n: string) => levels.filter((l) => l === n).length
    expect(['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'].map(count)).toEqual([2, 2, 3, 10, 13, 13, 6, 2])
    // "Niveau de classification III" and "Classification de niveau III" alike.
    expect(texte.fiches[5]?.classement.niveau).toBe('III')
  })

  it('puts each level definition in the grid once, not in the fiches', () => {
    expect(texte.grid.levels.map((l) => l.niveau)).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'])
    expect(inlineTextOf(texte.grid.levels[0]?.definition[0])).toMatch(/^Sont classés dans ce niveau les emplois se caractérisant par l'exécution de tâches simples/u)
    const sameAsGrid = texte.fiches.filter((f) => f.classement.content.length === 0)
    const variants = warnings.filter((w) => w.code === 'LEVEL_DEFINITION_VARIANT')
    // Only the fiches whose source wording differs keep a definition, each with a warning.
    expect(sameAsGrid.length + variants.length).toBe(51)
    expect(variants.length).toBe(8)
    const json = JSON.stringify(texte.fiches)
    expect(json.split("Sont classés dans ce niveau les emplois se caractérisant par l'exécution").length - 1).toBe(0)
  })

  it('maps Finalité et missions to objet + contenu and Exigences to accès', () => {
    const formalites = texte.fiches[7]
    expect(inlineTextOf(formalites?.objet.content[0])).toMatch(/^Conseiller les clients en matière de formalités/u)
    expect(formalites?.contenu.groups[0]?.items).toHaveLength(10)
    expect(formalites?.acces.items).toHaveLength(7)
    const conseiller = texte.fiches.find((f) => f.id === 'conseiller-d-entreprise-i')
    const outils = conseiller?.contenu.groups[0]?.items.find((i) => i.content[0]?.text.startsWith('Participer à l'))
    expect(outils?.children).toHaveLength(5)
    expect(texte.remainder).toEqual([])
    expect(warnings.filter((w) => w.code !== 'LEVEL_DEFINITION_VARIANT')).toEqual([])
  })
})

describe('family B: the table of contents and the levels (issue 12)', () => {
  const { texte } = importTexte(readFixture(CORPUS.B))
  it('takes accented intitulés from the table of contents, keeping the ids', () => {
    // Where the contents spell a title otherwise than by case and accents (« (E) » / « (ère) »), the source's capitals stay.
    expect(texte.fiches.filter((f) => f.denomination.intitule === f.denomination.intitule.toUpperCase()).length).toBeLessThan(8)
    expect(texte.fiches[7]?.id).toBe('charge-de-formalites')
  })
  it('groups the 51 fiches by level (Niveau I…VIII) as their filière', () => {
    const groups = [...new Set(texte.fiches.map((f) => f.denomination.filiere))]
    expect(groups).toEqual(['Niveau I', 'Niveau II', 'Niveau III', 'Niveau IV', 'Niveau V', 'Niveau VI', 'Niveau VII', 'Niveau VIII'])
    expect(texte.fiches.find((f) => f.id === 'charge-de-formalites')?.denomination.filiere).toBe('Niveau IV')
  })
})
