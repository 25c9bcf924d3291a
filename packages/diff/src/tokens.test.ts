import { describe, expect, it } from 'vitest'
import { jaccard, tokenize, wordKeys } from './tokens.ts'
import { normaliseTitle, typographyKey } from './typography.ts'

const words = (s: string): string[] => tokenize(s).map((t) => t.text)

describe('tokenize', () => {
  it('keeps an elided article apart from its word', () => {
    expect(words('l’accord d\'entreprise qu’il')).toEqual(['l’', 'accord', "d'", 'entreprise', 'qu’', 'il'])
  })
  it('keeps compounds and aujourd’hui whole', () => {
    expect(words('aujourd’hui, peut-être')).toEqual(['aujourd’hui', ',', 'peut-être'])
  })
  it('keeps ordinals, numbers with spaces and number + unit as one token', () => {
    expect(words('le 1er et 2e niveau : 1 000 salariés, 6 mois, 1 an, 35 heures, 2,5 %')).toEqual([
      'le', '1er', 'et', '2e', 'niveau', ':', '1 000', 'salariés', ',', '6 mois', ',', '1 an', ',', '35 heures', ',', '2,5 %',
    ])
  })
  it('splits punctuation and keeps an ellipsis whole', () => {
    expect(words('(155.) fin...')).toEqual(['(', '155', '.', ')', 'fin', '...'])
  })
  it('gives the text back when joined, whitespace included', () => {
    const text = '  Le  présent accord\u00a0: 1\u00a0000 €…\t'
    expect(tokenize(text).map((t) => t.ws + t.text).join('')).toBe(text)
  })
})

describe('typography', () => {
  it('folds capital accents, apostrophes, dashes, ellipses and spaces', () => {
    expect(typographyKey('ÉTABLISSEMENT l’accord – fin…  a\u00a0b')).toBe(typographyKey("ETABLISSEMENT l'accord - fin... a b"))
  })
  it('keeps accents of lower-case letters significant', () => {
    expect(typographyKey('été')).not.toBe(typographyKey('ete'))
  })
  it('normalises titles for matching', () => {
    expect(normaliseTitle('CHARGÉ(E) DE FORMALITÉS')).toBe(normaliseTitle('Chargé de formalites'))
  })
  it('measures word similarity', () => {
    expect(jaccard(new Set(wordKeys('Assure la gestion du magasin')), new Set(wordKeys('assure la gestion du stock')))).toBeCloseTo(4 / 6)
  })
})
