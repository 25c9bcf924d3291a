/**
 * Word counting for the "nothing silently dropped" tests of the importers:
 * the words of a source text (after removing the lines a test declares to be
 * noise or structure, and undoing extraction splits) against the words of
 * every string an imported Texte holds.
 */
import type { Texte } from '@paritaire/schema'

/** Keys whose values are identifiers or markup, not text of the source. */
const NOT_TEXT = new Set(['id', 'ficheId', 'memesFonctionsQue', 'type', 'marks', 'schemaVersion', 'family'])

export function words(text: string): string[] {
  return (text.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
}

export function countWords(list: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const w of list) counts.set(w, (counts.get(w) ?? 0) + 1)
  return counts
}

/** Every string and number held by a Texte, except identifiers and markup. */
export function texteStrings(value: unknown, key = ''): string[] {
  if (NOT_TEXT.has(key) || value === null || value === undefined) return []
  if (typeof value === 'string') return [value]
  if (typeof value === 'number') return [String(value)]
  if (Array.isArray(value)) return value.flatMap((v) => texteStrings(v))
  if (typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => texteStrings(v, k))
  return []
}

export function texteWords(texte: Texte): Map<string, number> {
  return countWords(texteStrings(texte).flatMap(words))
}

export interface SourceCleaning {
  /** 1-based numbers of the lines that are page furniture. */
  furniture: readonly number[]
  /** Lines that are structure (section headings) rather than text. */
  structural: readonly RegExp[]
  /** Label words that become field names, removed before counting ("(période maximale de 6 mois)" → "6 mois"). */
  labels?: readonly [RegExp, string][]
  /**
   * Count a line repeated verbatim once: for texts whose repeated paragraphs
   * the importer keeps once by design (family B's level definitions).
   */
  repeatedLinesOnce?: boolean
}

/** The words of a source, without its furniture and structural lines, with extraction splits undone. */
export function sourceWords(source: string, cleaning: SourceCleaning): Map<string, number> {
  const seen = new Set<string>()
  let kept = source
    .split(/\r\n|\r|\n/)
    .filter((line, i) => !cleaning.furniture.includes(i + 1))
    .filter((line) => !cleaning.structural.some((re) => re.test(line.replace(/[\u00A0\t]/g, ' ').trim())))
    .filter((line) => {
      if (!cleaning.repeatedLinesOnce || line.trim().length === 0) return true
      const first = !seen.has(line.trim())
      seen.add(line.trim())
      return first
    })
    .join('\n')
  for (const [re, replacement] of cleaning.labels ?? []) kept = kept.replace(re, replacement)
  kept = kept
    // "dérou-" + "lement": hyphenation at a line end.
    .replace(/(\p{L})-[ \u00A0]*\n[ \u00A0]*(\p{Ll})/gu, '$1$2')
    // "classifi cations": a ligature split by a space.
    .replace(/(\p{L}{2,}f[il]) (\p{Ll}{2,})/gu, '$1$2')
  return countWords(words(kept))
}

/** Source words that the Texte holds fewer times than the source. */
export function missingWords(source: Map<string, number>, imported: Map<string, number>): string[] {
  const missing: string[] = []
  for (const [word, count] of source) {
    const have = imported.get(word) ?? 0
    if (have < count) missing.push(`${word} (${have}/${count})`)
  }
  return missing
}
