/**
 * Family C on the sample union proposal (test/fixtures/family-c-proposition.txt,
 * written from the description in domain.md): reference jobs in the middle
 * of an argued text, with criteria groups, appellations, diploma and
 * experience steps; stubs imported with warnings; the prose around the jobs
 * in the preamble, the grid and the closing.
 */
import { describe, expect, it } from 'vitest'
import { importTexte, inlineTextOf } from './import-helpers.ts'
import { CORPUS, readFixture } from './fixtures.ts'

const { texte, family, warnings } = importTexte(readFixture(CORPUS.C))
const fiche = (id: string) => {
  const found = texte.fiches.find((f) => f.id === id)
  if (!found) throw new Error(`fiche ${id} introuvable`)
  return found
}

describe('family C: propositions CGT (sample)', () => {
  it('finds the six reference jobs with their filières', () => {
    expect(family).toBe('C')
    expect(texte.title).toBe(
      'Propositions CGT du 29 mai 2008 pour une nouvelle classification des emplois dans les commerces de détail non alimentaires',
    )
    expect(texte.idcc).toBe('1517')
    expect(texte.fiches.map((f) => [f.denomination.intitule, f.denomination.filiere])).toEqual([
      ['VENDEUR(SE) CONSEIL', 'Vente'],
      ['CAISSIER(ÈRE) – HÔTE(SSE) D’ACCUEIL', 'Caisse et accueil'],
      ['EMPLOYÉ(E) LOGISTIQUE', 'Logistique'],
      ['RESPONSABLE DE RAYON', 'Encadrement'],
      ['CONSEILLER(ÈRE) DE VENTE À DISTANCE', 'Vente'],
      ['ADJOINT(E) AU DIRECTEUR DE MAGASIN', 'Encadrement'],
    ])
  })

  it('maps each rubric to its section', () => {
    const vendeur = fiche('vente-vendeur-conseil')
    expect(vendeur.objet.content).toHaveLength(3)
    expect(vendeur.contenu.groups.map((g) => [g.titre, g.items.length])).toEqual([
      ['Technicité, complexité et polyvalence', 2],
      ['Responsabilité, autonomie, initiative', 2],
      ["Gestion d'une équipe et conseil", 1],
    ])
    expect(vendeur.denomination.appellations).toEqual(['Conseiller(ère) de vente', 'Vendeur(se) qualifié(e)'])
    expect(vendeur.acces.items.map((i) => i.content[0]?.text)).toEqual(['CAP / BEP métiers de la vente'])
    expect(vendeur.classement.paliers).toEqual([
      { palier: 'débutant', niveau: 'Employé niveau 2', coefficient: 170 },
      { palier: 'confirmé', niveau: 'Employé niveau 3', coefficient: 180 },
      { palier: 'expert', niveau: 'Employé niveau 3', coefficient: 195 },
    ])
  })

  it('imports stubs as they are, with warnings', () => {
    const stub = fiche('vente-conseiller-de-vente-a-distance')
    expect(stub.objet.content).toEqual([])
    expect(stub.contenu.groups).toEqual([])
    expect(stub.denomination.appellations).toEqual(['Téléconseiller(ère)', 'Chargé(e) de clientèle'])
    expect(stub.classement.paliers).toEqual([
      { palier: 'débutant', niveau: null, coefficient: null },
      { palier: 'confirmé', niveau: null, coefficient: null },
    ])
    expect(warnings.filter((w) => w.code === 'SECTION_EMPTY').map((w) => w.line)).toEqual([169, 171, 176])
    expect(warnings.filter((w) => w.code === 'PALIER_WITHOUT_VALUE').map((w) => w.line)).toEqual([179, 180])
  })

  it('keeps a coefficient that is not a number as text, with a warning', () => {
    const adjoint = fiche('encadrement-adjoint-au-directeur-de-magasin')
    expect(adjoint.classement.paliers[1]).toEqual({ palier: 'expert', niveau: 'Cadre niveau 6', coefficient: null })
    expect(adjoint.classement.content.map(inlineTextOf)).toEqual(['Niveau expert : Cadre niveau 6 – Coefficient à négocier.'])
    const warning = warnings.find((w) => w.code === 'INVALID_COEFFICIENT')
    expect(warning?.line).toBe(207)
    expect(warning?.message).toContain('Coefficient à négocier')
  })

  it('puts the grid table in grid levels and the prose in preamble, grid and closing', () => {
    expect(texte.grid.levels.map((l) => [l.niveau, l.categorie])).toEqual([
      ['1', 'Employé'],
      ['2', 'Employé'],
      ['3', 'Employé'],
      ['4', 'Agent de maîtrise'],
      ['5', 'Agent de maîtrise'],
      ['6', 'Cadre'],
    ])
    expect(texte.grid.levels[1]?.definition.map(inlineTextOf)).toContain('Coefficients : 170 à 180')
    expect(texte.grid.levels[1]?.definition.map(inlineTextOf)).toContain('Salaire minimum proposé : 1 700 €')
    const preamble = texte.preamble.map(inlineTextOf)
    expect(preamble).toContain('Introduction')
    expect(preamble.join(' ')).toContain('un déroulement de carrière')
    const grid = texte.grid.content.map(inlineTextOf)
    expect(grid).toContain('II. Les critères de classification')
    expect(grid.some((p) => p.startsWith('Note de la délégation CGT'))).toBe(true)
    expect(texte.closing.map(inlineTextOf)[0]).toBe('IV. Nos revendications pour la suite de la négociation')
    expect(texte.remainder).toEqual([])
  })

  it('removes the running footer and page number, and keeps a replacement character with a warning', () => {
    expect(warnings.filter((w) => w.code === 'PAGE_FURNITURE').map((w) => w.line)).toEqual([29, 102, 162])
    expect(JSON.stringify(texte)).not.toContain('| page')
    expect(texte.closing.map(inlineTextOf).join(' ')).toContain('l’\uFFFDvolution')
    expect(warnings.find((w) => w.code === 'REPLACEMENT_CHARACTER')?.line).toBe(213)
  })
})
