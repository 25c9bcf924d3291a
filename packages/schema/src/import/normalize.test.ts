import { describe, expect, it } from 'vitest'
import { cleanLineText, continuesOnNextLine, findFurniture, fixLigatureSplits, joinLineTexts } from './normalize.ts'

describe('cleanLineText', () => {
  it('normalises non-breaking spaces, tabs and doubled spaces, keeping apostrophes as they are', () => {
    expect(cleanLineText(' Le\u00A0 présent\taccord de\u202F6\u00A0mois  l’accord l\'avenant ')).toBe('Le présent accord de 6 mois l’accord l\'avenant')
    expect(cleanLineText('zéro\u200Blargeur\u00ADcésure')).toBe('zérolargeurcésure')
  })
})

describe('fixLigatureSplits', () => {
  it('joins words split after a fi/fl ligature', () => {
    expect(fixLigatureSplits('relatif aux classifi cations des salariés')).toBe('relatif aux classifications des salariés')
    expect(fixLigatureSplits('une qualifi cation')).toBe('une qualification')
  })
  it('leaves real words ending in fi alone', () => {
    expect(fixLigatureSplits('un défi majeur')).toBe('un défi majeur')
    expect(fixLigatureSplits('cela a suffi pour')).toBe('cela a suffi pour')
  })
})

describe('joinLineTexts', () => {
  it('joins hyphenation before a lower-case letter', () => {
    expect(joinLineTexts(['supervise le bon dérou-', 'lement du développement'])).toBe('supervise le bon déroulement du développement')
    expect(joinLineTexts(['toutes les entre-', 'prises de la branche'])).toBe('toutes les entreprises de la branche')
  })
  it('keeps real hyphens: compound prefixes and capitals', () => {
    expect(joinLineTexts(['les sous-', 'traitants'])).toBe('les sous-traitants')
    expect(joinLineTexts(['à Saint-', 'Étienne'])).toBe('à Saint-Étienne')
  })
  it('joins other lines with one space', () => {
    expect(joinLineTexts(['signé le', '9 décembre 2009', '', 'et étendu'])).toBe('signé le 9 décembre 2009 et étendu')
  })
})

describe('continuesOnNextLine', () => {
  it('follows wrapped paragraphs', () => {
    expect(continuesOnNextLine('Assure la gestion d’un magasin et/ou anime une équipe comportant un effectif de moins de', 'trois salariés')).toBe(true)
    expect(continuesOnNextLine('court', 'l’emploi et de la solidarité.')).toBe(true)
    expect(continuesOnNextLine('dispo-', 'Sition')).toBe(true)
  })
  it('stops at short lines, finished sentences and job lines', () => {
    expect(continuesOnNextLine('FNP ;', 'FFPMI,')).toBe(false)
    expect(continuesOnNextLine('Minimise le temps de panne et le coût de la maintenance des machines.', 'Applique le budget.')).toBe(false)
    expect(continuesOnNextLine('Coordonne une équipe comportant assistants et photographes dans', '320. Directeur de magasin')).toBe(true)
    expect(continuesOnNextLine('Recrute et anime son équipe.', '320. Directeur de magasin')).toBe(false)
  })
})

describe('findFurniture', () => {
  it('finds running headers, page numbers and a ministry name over two lines', () => {
    const texts = [
      'Brochure n° 3150 | Convention collective nationale',
      'IDCC : 3168 | PROFESSIONS DE LA PHOTOGRAPHIE',
      'Assure l’accueil de la clientèle.',
      'MINISTÈRE DU TRAVAIL, DE LA SANTÉ, DES SOLIDARITÉS',
      'ET DES FAMILLES',
      'Traite sa demande de travaux photos.',
      '12',
      'Page 3 / 12',
      'IDCC : 3168',
      'CHARGE(E) DE FORMALITES',
    ]
    expect(findFurniture(texts)).toEqual(['header', 'header', null, 'ministry', 'ministry', null, 'page-number', 'page-number', null, null])
  })
})
