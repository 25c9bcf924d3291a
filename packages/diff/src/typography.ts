/**
 * Typographic normalisation: the differences negotiators do not argue about.
 * Two strings with the same `typographyKey` differ only in capital accents
 * (É/E, À/A…), apostrophes (’/'), dashes (–/-), ellipses (…/...), quotes and
 * spacing (spaces, non-breaking spaces, tabs). The word diff compares these
 * keys, then marks the equal-by-key pieces whose raw text differs as minor.
 */
import { boundedMemo } from './memo.ts'

/** The characters `typographyKey` folds; most words have none of them. */
const FOLDABLE = /[À-ÖØ-Þ’‘ʼ`´‐‑‒–—―−…«»“”„\u00A0\u202F\u2007\u2009\u200A\t\n\r\f\v]/
/**
 * FOLDABLE as a table by char code (none lies past U+2212). Testing every
 * unit of both texts is most of a small diff's work: a regular expression
 * tries its whole class at each position, this loop reads one byte per char.
 */
const FOLDABLE_CODES = (() => {
  const table = new Uint8Array(0x2213)
  for (let c = 0; c < table.length; c++) if (FOLDABLE.test(String.fromCharCode(c))) table[c] = 1
  return table
})()

/** A foldable character, two spaces in a row, or a space at either end: `typographyKey(s) !== s` only then. */
export function needsFolding(s: string): boolean {
  const n = s.length
  if (n === 0) return false
  if (s.charCodeAt(0) === 32 || s.charCodeAt(n - 1) === 32) return true
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i)
    if (c === 32) {
      if (s.charCodeAt(i + 1) === 32) return true
    } else if (c < 0x2213 && FOLDABLE_CODES[c] === 1) return true
  }
  return false
}
// A single plain space needs nothing: only runs and other spaces are folded.
const FOLD = /[À-ÖØ-Þ’‘ʼ`´‐‑‒–—―−…«»“”„]|[\s\u00A0\u202F\u2007\u2009\u200A]{2,}|[\t\n\r\f\v\u00A0\u202F\u2007\u2009\u200A]/g
const FOLDED = new Map<string, string>([
  ...[...'’‘ʼ`´'].map((c): [string, string] => [c, "'"]),
  ...[...'‐‑‒–—―−'].map((c): [string, string] => [c, '-']),
  ['…', '...'],
  ...[...'«»“”„'].map((c): [string, string] => [c, '"']),
])

function fold(c: string): string {
  const f = FOLDED.get(c)
  if (f !== undefined) return f
  // Capital letters lose their accent (É → E); whitespace runs become one space.
  if (c.length === 1 && c >= 'À' && c <= 'Þ') return c.normalize('NFD').replace(/[\u0300-\u036f]/g, '')
  return ' '
}

const isSpaceCode = (c: number): boolean =>
  c < 0x80 ? c === 32 || (c >= 9 && c <= 13) : c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
/** Neither folded nor trimmed, whatever surrounds it: kept as is in the key. */
const isPlainCode = (c: number): boolean => !(c < 0x2213 && FOLDABLE_CODES[c] === 1) && !isSpaceCode(c)

/**
 * `typographyKey(a) === typographyKey(b)`, mostly without making the keys:
 * over a common start that folding leaves as it is (plain characters and
 * single spaces inside), a first difference between two plain characters
 * is a difference of the keys. Two versions of an edited paragraph usually
 * differ that way, and then only their common start is read.
 */
export function sameTypographyKey(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const c = a.charCodeAt(i)
    const d = b.charCodeAt(i)
    if (c !== d) {
      if (isPlainCode(c) && isPlainCode(d)) return false
      break
    }
    if (c === 32) {
      // A single space inside both texts is kept; at the start, at the end
      // or in a run it is folded or trimmed.
      if (i === 0 || i + 1 >= n || a.charCodeAt(i + 1) === 32 || b.charCodeAt(i + 1) === 32) break
    } else if (!isPlainCode(c)) break
  }
  return typographyKey(a) === typographyKey(b)
}

/**
 * The comparison key of a piece of text, equal for typographic variants:
 * capital accents, apostrophes, dashes, ellipses, quotes and spacing folded.
 * One pass, and none at all for the many words that need no folding.
 */
export function typographyKey(s: string): string {
  if (!needsFolding(s)) return s
  return s.replace(FOLD, fold).trim()
}

/**
 * Normalisation used to match titles across versions: typography, case,
 * accents, gender marks. Names repeat across fiches and versions (critères,
 * paliers, linked fiches, titles): memoised, as tokens' keys are.
 */
export const normaliseTitle = boundedMemo(normalise, 10_000)

function normalise(s: string): string {
  return typographyKey(s)
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\((e|es|ne|ere|euse|rice|trice)\)/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}
