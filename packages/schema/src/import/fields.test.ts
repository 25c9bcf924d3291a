import { describe, expect, it } from 'vitest'
import { emptyFiche } from '../factory.ts'
import { parseClassementLine } from './classement-text.ts'
import { parsePalier } from './family-c.ts'
import { parseHeadingA } from './family-a.ts'
import { IdAllocator, slugify } from './ids.ts'
import { memesFonctionsReferent } from './memes-fonctions.ts'

describe('parseClassementLine', () => {
  it('reads catégorie, niveau and degrés', () => {
    const c = emptyFiche('x').classement
    parseClassementLine(c, "Cadre niveau II, sur degré A, B ou C selon l'importance de la responsabilité")
    expect([c.categorie, c.niveau, c.degres, c.echelon]).toEqual(['Cadre', 'II', ['A', 'B', 'C'], null])
  })
  it('reads the échelon but not the échelons majorés', () => {
    const c = emptyFiche('x').classement
    parseClassementLine(c, 'Échelons majorés accessibles : 24 / 25')
    parseClassementLine(c, 'Maîtrise - échelon correspondant au contenu de la qualification : 23')
    expect([c.categorie, c.echelon]).toEqual(['Maîtrise', 23])
  })
})

describe('parsePalier', () => {
  it('reads a step with its level and coefficient', () => {
    expect(parsePalier('Niveau confirmé : Employé niveau 3 – Coefficient 180.')).toEqual({
      palier: { palier: 'confirmé', niveau: 'Employé niveau 3', coefficient: 180 },
      badCoefficient: null,
    })
  })
  it('keeps steps without value, and flags a coefficient that is not a number', () => {
    expect(parsePalier('Niveau débutant :')?.palier).toEqual({ palier: 'débutant', niveau: null, coefficient: null })
    expect(parsePalier('Niveau expert : Cadre niveau 6 – Coefficient à négocier.')?.badCoefficient).toBe('Coefficient à négocier')
  })
})

describe('parseHeadingA', () => {
  it('matches headings by their words whatever the numbering and markup', () => {
    expect(parseHeadingA('**1/ Dénominations de la qualification :** (selon le cas)')).toEqual({
      part: 'denomination',
      label: 'Dénominations de la qualification',
      trailing: '(selon le cas)',
    })
    expect(parseHeadingA('### 5/ Classement :')?.part).toBe('classement')
    expect(parseHeadingA("**6/ Modes d'accès à la qualification :**")?.part).toBe('acces')
    expect(parseHeadingA('### 4/ Extensions possibles dans la qualification :')?.part).toBe('extensions')
  })
  it('does not take a sentence for a heading', () => {
    expect(parseHeadingA('Objet de la réunion : le classement')).toBeNull()
  })
})

describe('slugify / IdAllocator', () => {
  it('makes readable ASCII slugs, dropping gender endings but not distinguishing numerals', () => {
    expect(slugify('CHARGE(E) DE FORMALITES')).toBe('charge-de-formalites')
    expect(slugify("CONSEILLER(E) D'ENTREPRISE (I)")).toBe('conseiller-d-entreprise-i')
    expect(slugify('Opérateur vendeur 1er niveau')).toBe('operateur-vendeur-1er-niveau')
  })
  it('de-duplicates in order', () => {
    const ids = new IdAllocator()
    expect([ids.take('cadres', 410, 'adjoint'), ids.take('cadres', 410, 'adjoint'), ids.take('', null, 'x')]).toEqual([
      'cadres-410-adjoint',
      'cadres-410-adjoint-2',
      'x',
    ])
  })
})

describe('memesFonctionsReferent', () => {
  it('extracts what the sentence refers to', () => {
    expect(memesFonctionsReferent('Mêmes fonctions que précédent.')).toBe('précédent')
    expect(memesFonctionsReferent('Mêmes fonctions que le précédent, en plus, préparation des éclairages')).toBe('le précédent')
    expect(memesFonctionsReferent('Mêmes compétences que le niveau 1 +.')).toBe('le niveau 1')
    expect(memesFonctionsReferent('Mêmes fonctions que les précédents mais a en plus')).toBe('les précédents')
    expect(memesFonctionsReferent('Assure les fonctions du chef d’équipe niveau 1.')).toBeNull()
  })
})
