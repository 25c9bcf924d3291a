/**
 * Layout E, directories of métiers-repères, on samples written from the
 * description of issue 12 (test/fixtures/metiers-reperes/): a bank branch's
 * annex of 2011 and its 2023 « annule et remplace » rewrite, with domains,
 * métiers, a positioning grid of marks under merged category cells; and a
 * small « Métiers du … » directory of emplois-types against levels. Checks
 * detection, each métier as a fiche (filière = domaine, marks → classement),
 * the grid as the text's grid, the warnings where a person should look, and
 * that the two versions diff fiche by fiche.
 */
import { describe, expect, it } from 'vitest'
import { diffTextes } from '@paritaire/diff'
import { detectFamily, importTexte, inlineTextOf } from './import-helpers.ts'
import { readFixture } from './fixtures.ts'

const V2011 = readFixture('metiers-reperes/banque-2011.txt')
const V2023 = readFixture('metiers-reperes/banque-2023.txt')

describe('layout E: directory of métiers-repères (bank annex, 2011)', () => {
  const { texte, family, warnings } = importTexte(V2011)

  it('is detected, with its title, IDCC and preamble', () => {
    expect(detectFamily(V2011)).toBe('E')
    expect(family).toBe('E')
    // Versions store families A–D only.
    expect(texte.family).toBeNull()
    expect(texte.title).toBe("Annexe II à l'accord du 29 mars 2011 relative aux métiers-repères de la branche")
    expect(texte.idcc).toBe('2120')
    expect(texte.preamble.map(inlineTextOf).join(' ')).toContain('regroupés par domaine')
    expect(texte.remainder).toEqual([])
    expect(warnings).toEqual([])
  })

  it('imports each métier as a fiche, filière = domaine, rubrics in their sections', () => {
    expect(texte.fiches.map((f) => [f.denomination.filiere, f.denomination.intitule])).toEqual([
      ['Traitement des opérations', "Gestionnaire d'opérations bancaires"],
      ['Traitement des opérations', 'Spécialiste back-office'],
      ['Commercial', "Chargé(e) d'accueil"],
      ['Commercial', 'Conseiller(ère) de clientèle particuliers'],
      ['Commercial', "Directeur(trice) d'agence"],
    ])
    const conseiller = texte.fiches[3]!
    expect(conseiller.objet.content.map(inlineTextOf)).toEqual(['Développe et fidélise un portefeuille de clients particuliers.'])
    expect(conseiller.contenu.groups).toHaveLength(1)
    expect(conseiller.contenu.groups[0]?.titre).toBeNull()
    expect(conseiller.contenu.groups[0]?.items.map((i) => i.content[0]?.text)).toEqual([
      "Conseille les clients sur les produits d'épargne, de crédit et d'assurance.",
      'Prospecte de nouveaux clients.',
      'Assure le suivi des risques de son portefeuille.',
    ])
    expect(conseiller.denomination.appellations).toEqual(['Chargé(e) de clientèle', 'Conseiller(ère) commercial(e)'])
  })

  it('turns the grid marks into classements, merged category cells carried to the right', () => {
    expect(texte.fiches.map((f) => [f.classement.categorie, f.classement.niveau])).toEqual([
      ['Techniciens', 'C à E'],
      ['Techniciens', 'E à G'],
      ['Techniciens', 'C à D'],
      ['Techniciens', 'D à G'],
      ['Cadres', 'H à J'],
    ])
    expect(texte.grid.levels.map((l) => [l.niveau, l.categorie])).toEqual([
      ['C', 'Techniciens'], ['D', 'Techniciens'], ['E', 'Techniciens'], ['F', 'Techniciens'], ['G', 'Techniciens'],
      ['H', 'Cadres'], ['I', 'Cadres'], ['J', 'Cadres'],
    ])
    expect(texte.grid.content.map(inlineTextOf)).toEqual(['Grille de positionnement des métiers-repères'])
    expect(texte.closing.map(inlineTextOf)).toEqual(['Fait à Paris, le 29 mars 2011.'])
  })
})

describe('layout E: the 2023 « annule et remplace » rewrite', () => {
  const { texte, warnings } = importTexte(V2023)

  it('warns where a person should look: a grid row naming no métier, marks with a gap', () => {
    expect(warnings.map((w) => [w.code, w.line])).toEqual([
      ['GRID_MARKS_NOT_CONTIGUOUS', 68],
      ['GRID_ROW_UNMATCHED', 69],
    ])
    const analyste = texte.fiches.find((f) => f.denomination.intitule === 'Analyste conformité')
    expect(analyste?.denomination.filiere).toBe('Fonctions support')
    expect(analyste?.classement).toMatchObject({ categorie: 'Techniciens / Cadres', niveau: 'F, H' })
    // The unmatched row is kept in the grid, not dropped.
    expect(texte.grid.content.map(inlineTextOf)).toContain("Directeur(trice) d'agence : H, I, J")
    expect(texte.fiches.find((f) => f.denomination.intitule === 'Spécialiste back-office')?.acces.items.map((i) => i.content[0]?.text)).toEqual([
      'Maîtrise de la réglementation bancaire.',
    ])
    expect(texte.preamble.map(inlineTextOf).join(' ')).toContain('annule et remplace')
  })

  it('diffs against 2011 fiche by fiche: same métiers aligned by id, classement changes listed', () => {
    const changes = diffTextes(importTexte(V2011).texte, texte)
    expect(changes.summary).toMatchObject({ added: 2, removed: 1 })
    const byTitle = new Map(changes.fiches.map((f) => [f.intitule, f]))
    expect(byTitle.get("Gestionnaire d'opérations bancaires")).toMatchObject({ status: 'modified', match: 'id' })
    expect(byTitle.get('Conseiller(ère) de clientèle particuliers')).toMatchObject({ status: 'unchanged', match: 'id' })
    expect(byTitle.get("Directeur(trice) d'agence")?.status).toBe('removed')
    expect(byTitle.get('Conseiller(ère) en patrimoine')?.status).toBe('added')
    expect(changes.classementChanges.filter((c) => c.ficheId !== '').map((c) => [c.intitule, c.field, c.old, c.new])).toEqual(
      expect.arrayContaining([
        ["Gestionnaire d'opérations bancaires", 'niveau', 'C à E', 'D à E'],
        ['Spécialiste back-office', 'niveau', 'E à G', 'D à G'],
      ]),
    )
  })
})

describe('layout E: « Métiers du … » emplois-types against levels', () => {
  const source = [
    'Répertoire des emplois-types de la branche',
    '',
    'Métiers du crédit',
    '',
    'Ces emplois concourent à l’octroi et au suivi des crédits.',
    '',
    'Emploi-type : Analyste crédit',
    'Finalité',
    'Étudie les demandes de financement et rend un avis motivé.',
    'Activités principales :',
    'Instruction :',
    '- Analyse la situation financière du demandeur.',
    'Suivi :',
    '- Suit les engagements et signale les dégradations.',
    'Autres appellations : -',
    '',
    'Emploi-type : Gestionnaire de recouvrement',
    'Finalité : Recouvre les créances impayées à l’amiable.',
    'Activités :',
    '- Relance les débiteurs.',
    '',
    'Métiers de la relation client',
    '',
    'Emploi-type : Téléconseiller',
    'Finalité : Répond aux demandes des clients à distance.',
    'Activités :',
    '- Traite les appels entrants.',
    '',
    'Positionnement',
    'Emploi-type\tNiveau 1\tNiveau 2\tNiveau 3\tNiveau 4',
    'Analyste crédit\t\t\tX\tX',
    'Gestionnaire de recouvrement\t\tX\t(X)\t',
    'Téléconseiller\t\t\t\t',
  ].join('\n')
  const { texte, family, warnings } = importTexte(source)

  it('reads « Métiers du … » headings as filières, titled activity groups, levels as grid', () => {
    expect(family).toBe('E')
    expect(texte.title).toBe('Répertoire des emplois-types de la branche')
    expect(texte.fiches.map((f) => [f.id, f.denomination.filiere, f.classement.niveau])).toEqual([
      ['credit-analyste-credit', 'Métiers du crédit', 'Niveau 3 à 4'],
      ['credit-gestionnaire-de-recouvrement', 'Métiers du crédit', 'Niveau 2'],
      ['relation-client-teleconseiller', 'Métiers de la relation client', null],
    ])
    const analyste = texte.fiches[0]!
    expect(analyste.contenu.groups.map((g) => [g.titre, g.items.length])).toEqual([['Instruction', 1], ['Suivi', 1]])
    expect(analyste.objet.content.map(inlineTextOf)).toEqual(['Étudie les demandes de financement et rend un avis motivé.'])
    // A placeholder « - » is no appellation.
    expect(analyste.denomination.appellations).toEqual([])
    expect(texte.grid.levels.map((l) => l.niveau)).toEqual(['Niveau 1', 'Niveau 2', 'Niveau 3', 'Niveau 4'])
    expect(texte.grid.content.map(inlineTextOf)).toEqual(['Ces emplois concourent à l’octroi et au suivi des crédits.', 'Positionnement'])
    expect(texte.remainder).toEqual([])
  })

  it('keeps an unreadable mark in the classement and warns for a row without marks', () => {
    expect(texte.fiches[1]?.classement.content.map(inlineTextOf)).toEqual(['Grille, colonne Niveau 3 : (X)'])
    expect(warnings.map((w) => [w.code, w.line])).toEqual([
      ['PLACEHOLDER_VALUE', 15],
      ['GRID_MARK_UNREADABLE', 32],
      ['GRID_MARKS_MISSING', 33],
    ])
  })
})

describe('layout E: nothing silently dropped', () => {
  // Labels the importer turns into structure, and the grid's marks.
  const LABELS = new Set(['domaine', 'finalité', 'activités', 'principales', 'autres', 'appellations', 'compétences', 'requises', 'x'])
  for (const [name, source] of [['2011', V2011], ['2023', V2023]] as const) {
    it(`every word of the ${name} annex is in the imported text`, () => {
      const { texte } = importTexte(source)
      const imported = JSON.stringify(texte).toLowerCase()
      const missing = [...new Set(source.toLowerCase().match(/\p{L}[\p{L}’'-]*/gu) ?? [])]
        .filter((w) => !LABELS.has(w) && !imported.includes(w))
      expect(missing).toEqual([])
    })
  }
})

describe('layout E: a finalité without its label', () => {
  const source = [
    'Liste des métiers-repères',
    '',
    'Famille professionnelle : Logistique',
    '',
    'Préparateur de commandes',
    'Prépare les commandes des clients à partir des bons de préparation',
    'Activités :',
    '- Prélève les articles en stock.',
    '- Emballe et étiquette les colis.',
    '',
    'Cariste',
    'Activités :',
    '- Charge et décharge les camions',
    'Déplace les palettes dans l’entrepôt',
  ].join('\n')

  it('takes the line under the title for the finalité, and a lone title for a métier without one', () => {
    const { texte, family, warnings } = importTexte(source)
    expect(family).toBe('E')
    expect(texte.fiches.map((f) => [f.denomination.filiere, f.denomination.intitule, f.objet.content.map(inlineTextOf)])).toEqual([
      ['Logistique', 'Préparateur de commandes', ['Prépare les commandes des clients à partir des bons de préparation']],
      ['Logistique', 'Cariste', []],
    ])
    expect(texte.fiches[1]?.contenu.groups[0]?.items.map((i) => inlineTextOf({ type: 'paragraph', content: i.content }))).toEqual([
      'Charge et décharge les camions',
    ])
    // A line that is not a bullet stays in the contenu as a paragraph: not lost.
    expect(texte.fiches[1]?.contenu.content.map(inlineTextOf)).toEqual(['Déplace les palettes dans l’entrepôt'])
    expect(texte.remainder).toEqual([])
    expect(warnings).toEqual([])
  })
})

describe('layout E: a positioning grid laid out with spaces (pdftotext -layout)', () => {
  // The 2011 grid as a PDF extraction gives it: columns aligned with spaces, categories centred over their columns.
  const grid = [
    ' '.repeat(52) + 'Techniciens' + ' '.repeat(15) + 'Cadres',
    'Métier-repère                                C     D     E     F     G     H     I     J',
    "Gestionnaire d'opérations bancaires          X     X     X",
    'Spécialiste back-office                                  X     X     X',
    "Chargé(e) d'accueil                          X     X",
    'Conseiller(ère) de clientèle particuliers          X     X     X     X',
    "Directeur(trice) d'agence                                                  X     X     X",
  ]
  const source = V2011.replace(/\tTechniciens[^\n]*\n(?:[^\n]*\t[^\n]*\n)+/u, `${grid.join('\n')}\n`)

  it('reads the marks by their position under the labels, and the categories over them', () => {
    expect(source).not.toContain('\tX')
    const { texte, warnings } = importTexte(source)
    expect(texte.fiches.map((f) => [f.classement.categorie, f.classement.niveau])).toEqual([
      ['Techniciens', 'C à E'],
      ['Techniciens', 'E à G'],
      ['Techniciens', 'C à D'],
      ['Techniciens', 'D à G'],
      ['Cadres', 'H à J'],
    ])
    expect(texte.grid.levels.map((l) => [l.niveau, l.categorie])).toEqual([
      ['C', 'Techniciens'], ['D', 'Techniciens'], ['E', 'Techniciens'], ['F', 'Techniciens'], ['G', 'Techniciens'],
      ['H', 'Cadres'], ['I', 'Cadres'], ['J', 'Cadres'],
    ])
    expect(texte.closing.map(inlineTextOf)).toEqual(['Fait à Paris, le 29 mars 2011.'])
    expect(texte.remainder).toEqual([])
    // Reading by position is a guess a person should check.
    expect(warnings.map((w) => [w.code, w.line])).toEqual([['GRID_LAYOUT_BY_POSITION', 50]])
  })
})
