/**
 * Nothing silently dropped: every word of each source (page furniture,
 * section headings and field labels aside, each declared below) is found in
 * the imported Texte — in a field, a text part or the remainder — at least
 * as many times as in the source.
 */
import { describe, expect, it } from 'vitest'
import { importTexte } from './import-helpers.ts'
import { CORPUS, readFixture } from './fixtures.ts'
import { missingWords, sourceWords, texteWords, type SourceCleaning } from '../utils/texte-words.ts'

const CASES: [string, string, SourceCleaning][] = [
  [
    'A 000',
    CORPUS.A0,
    {
      furniture: [],
      // "**1/ Dénominations de la qualification :**", "- Verticale :" are headings.
      structural: [/^(#{1,6}\s+)?(\*\*)?\d+\s*\//u, /^- (Verticale|Transversale)\s*:?$/u],
      labels: [[/\(fiche\s+/gu, '(']],
    },
  ],
  [
    'A 001',
    CORPUS.A1,
    { furniture: [], structural: [/^(#{1,6}\s+)?(\*\*)?\d+\s*\//u, /^- (Verticale|Transversale)\s*:?$/u], labels: [[/\(fiche\s+/gu, '(']] },
  ],
  [
    'B 002',
    CORPUS.B,
    {
      furniture: [],
      structural: [
        /^Finalité et missions$/u,
        /^Exigences( requises)?$/u,
        /^Critères d'exigences/u,
        /^(Classification( de)? niveau|Niveau de classification) [IVX]+$/u,
      ],
      repeatedLinesOnce: true,
    },
  ],
  [
    'C sample',
    CORPUS.C,
    {
      furniture: [29, 102, 162],
      structural: [
        /^Filière$/u,
        /^Finalités du poste et principales activités$/u,
        /^Analyse selon les critères de classification$/u,
        /^Autre appellation$/u,
        /^Niveau de diplôme d'accueil$/u,
        /^Classification$/u,
        /^Catégorie Niveau Coefficients/u,
      ],
      labels: [
        [/^- Niveau (\S+) :/gmu, '- $1 :'],
        [/ – Coefficient (\d+)/gu, ' $1'],
      ],
    },
  ],
  [
    'D 004',
    CORPUS.D,
    {
      furniture: [1, 3, 55, 56],
      structural: [],
      labels: [
        [/\(période maximale de[\s\u00A0]+/gu, '('],
        [/^\s*Filière\s+/gmu, ''],
      ],
    },
  ],
]

describe('every word of the source is in the imported text', () => {
  for (const [name, file, cleaning] of CASES) {
    it(name, () => {
      const source = readFixture(file)
      const { texte, warnings } = importTexte(source)
      const furniture = warnings.filter((w) => w.code === 'PAGE_FURNITURE').map((w) => w.line)
      expect(furniture).toEqual(cleaning.furniture)
      const expected = sourceWords(source, cleaning)
      expect(expected.size).toBeGreaterThan(20)
      // B's intitulés take the table of contents' accents (« CHARGE » → « Chargé »): same words, compared without accents.
      const fold = (m: Map<string, number>): Map<string, number> => {
        const out = new Map<string, number>()
        for (const [w, n] of m) {
          const k = name.startsWith('B') ? w.normalize('NFD').replace(/\p{M}/gu, '') : w
          out.set(k, (out.get(k) ?? 0) + n)
        }
        return out
      }
      expect(missingWords(fold(expected), fold(texteWords(texte)))).toEqual([])
    })
  }
})
