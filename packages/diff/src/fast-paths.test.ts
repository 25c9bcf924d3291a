/**
 * The shortcuts taken for speed (issue #14) give what the general code
 * gives: the char-code test of typographyKey and the one-pass looselyEqual
 * against their regular-expression definitions, the word index of fiche
 * similarity against pairwise Jaccard, in-place alignment against jsdiff's.
 */
import { describe, expect, it } from 'vitest'
import { alignSequences } from './align.ts'
import { similarities } from './fiche-align.ts'
import { jaccard, wordKeySet, wordKeys } from './tokens.ts'
import { sameTypographyKey, typographyKey } from './typography.ts'
import { looselyEqual } from './word-diff.ts'

// The definitions, as typography.ts and word-diff.ts first wrote them.
const NEEDS_FOLDING = /[À-ÖØ-Þ’‘ʼ`´‐‑‒–—―−…«»“”„\u00A0\u202F\u2007\u2009\u200A\t\n\r\f\v]| {2}|^ | $/
const FOLD = /[À-ÖØ-Þ’‘ʼ`´‐‑‒–—―−…«»“”„]|[\s\u00A0\u202F\u2007\u2009\u200A]{2,}|[\t\n\r\f\v\u00A0\u202F\u2007\u2009\u200A]/g
const FOLDED: Record<string, string> = { '’': "'", '‘': "'", 'ʼ': "'", '`': "'", '´': "'", '…': '...', '«': '"', '»': '"', '“': '"', '”': '"', '„': '"' }
for (const c of '‐‑‒–—―−') FOLDED[c] = '-'
const fold = (c: string): string => FOLDED[c] ?? (c >= 'À' && c <= 'Þ' ? c.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : ' ')
const referenceKey = (s: string): string => (NEEDS_FOLDING.test(s) ? s.replace(FOLD, fold).trim() : s)
const LOOSE = /[\s\u00A0\u202F\u2007\u2009\u200A\-‐‑‒–—―−]/g
const referenceLoose = (a: string, b: string): boolean => referenceKey(a).replace(LOOSE, '') === referenceKey(b).replace(LOOSE, '')

/** Seeded random strings over the characters that matter here. */
function strings(count: number, seed: number): string[] {
  const alphabet = ['a', 'b', ' ', '  ', '\u00a0', '\u3000', '\ufeff', '’', "'", 'É', 'E', 'é', '\t', '\n', '-', '–', '…', '...', '«']
  let r = seed
  const next = (n: number): number => (r = (r * 1103515245 + 12345) >>> 0) % n
  return Array.from({ length: count }, () => Array.from({ length: next(7) }, () => alphabet[next(alphabet.length)]).join(''))
}

describe('typographyKey', () => {
  it('folds exactly what its regular expressions fold, for every UTF-16 code unit', () => {
    for (let c = 0; c < 0x10000; c++) {
      const x = String.fromCharCode(c)
      for (const s of [x, `a${x}b`, ` ${x}`, `${x} `, `a ${x}b`]) if (typographyKey(s) !== referenceKey(s)) expect(typographyKey(s)).toBe(referenceKey(s))
    }
    for (const s of strings(20_000, 1)) expect(typographyKey(s)).toBe(referenceKey(s))
  })
})

describe('looselyEqual', () => {
  it('agrees with folding then stripping whitespace and dashes', () => {
    for (let c = 0; c < 0x10000; c++) {
      const x = String.fromCharCode(c)
      for (const [a, b] of [[x, ''], [`a${x}b`, 'ab'], [`${x}a`, 'a']] as const) if (looselyEqual(a, b) !== referenceLoose(a, b)) expect([a, b, looselyEqual(a, b)]).toEqual([a, b, referenceLoose(a, b)])
    }
    const xs = strings(4000, 2)
    for (let i = 0; i + 1 < xs.length; i += 2) expect(looselyEqual(xs[i]!, xs[i + 1]!)).toBe(referenceLoose(xs[i]!, xs[i + 1]!))
  })
})

describe('fiche similarity', () => {
  it('gives every pair the Jaccard similarity of its word sets', () => {
    const texts = ['Assure la gestion du magasin', 'assure la gestion du stock', '', 'Accueil des clients en magasin', 'le 1er et 2e niveau : 6 mois', '']
    const sets = texts.map(wordKeySet)
    sets.forEach((s, i) => expect([...s]).toEqual([...new Set(wordKeys(texts[i]!))]))
    const seen: number[][] = []
    similarities(sets.slice(0, 3), sets.slice(2), (i, j, s) => {
      seen.push([i, j])
      expect(s).toBe(jaccard(sets[i]!, sets[2 + j]!))
    })
    expect(seen).toHaveLength(12)
  })
})

describe('alignSequences in place', () => {
  const words = (): ReadonlySet<string> => new Set()
  const align = (oldKeys: string[], newKeys: string[]) => alignSequences({ oldKeys, newKeys, oldWords: words, newWords: words })
  it('pairs blocks edited around an unchanged one in place, unchecked', () => {
    expect(align(['t', 'a', 'b', 'c', 'z'], ['t', 'a2', 'b', 'c2', 'z'])).toEqual([
      { o: 0, n: 0, moved: false },
      { o: 1, n: 1, moved: false, unchecked: true },
      { o: 2, n: 2, moved: false },
      { o: 3, n: 3, moved: false, unchecked: true },
      { o: 4, n: 4, moved: false },
    ])
  })
  it('still aligns by jsdiff when a key is elsewhere on the other side: one kept, the others moved', () => {
    expect(align(['a', 'b', 'c'], ['c', 'b', 'a'])).toEqual([
      { o: 2, n: 0, moved: false },
      { o: 1, n: 1, moved: true },
      { o: 0, n: 2, moved: true },
    ])
  })
})

describe('sameTypographyKey', () => {
  it('tells equal keys as comparing typographyKey would', () => {
    const xs = strings(40_000, 3)
    for (let i = 0; i + 1 < xs.length; i += 2) {
      const [a, b] = [xs[i]!, xs[i + 1]!]
      expect(sameTypographyKey(a, b)).toBe(typographyKey(a) === typographyKey(b))
      expect(sameTypographyKey(`ab ${a}`, `ab ${b}`)).toBe(typographyKey(`ab ${a}`) === typographyKey(`ab ${b}`))
      expect(sameTypographyKey(`${a}x`, `${a}y`)).toBe(typographyKey(`${a}x`) === typographyKey(`${a}y`))
    }
  })
})
