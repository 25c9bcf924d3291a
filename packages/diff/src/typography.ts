/**
 * Typographic normalisation: the differences negotiators do not argue about.
 * Two strings with the same `typographyKey` differ only in capital accents
 * (É/E, À/A…), apostrophes (’/'), dashes (–/-), ellipses (…/...), quotes and
 * spacing (spaces, non-breaking spaces, tabs). The word diff compares these
 * keys, then marks the equal-by-key pieces whose raw text differs as minor.
 */

/** Anything `typographyKey` would change; most words have none of it. */
const NEEDS_FOLDING = /[À-ÖØ-Þ’‘ʼ`´‐‑‒–—―−…«»“”„\u00A0\u202F\u2007\u2009\u200A\t\n\r\f\v]| {2}|^ | $/
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

/**
 * The comparison key of a piece of text, equal for typographic variants:
 * capital accents, apostrophes, dashes, ellipses, quotes and spacing folded.
 * One pass, and none at all for the many words that need no folding.
 */
export function typographyKey(s: string): string {
  if (!NEEDS_FOLDING.test(s)) return s
  return s.replace(FOLD, fold).trim()
}

/** Normalisation used to match titles across versions: typography, case, accents, gender marks. */
export function normaliseTitle(s: string): string {
  return typographyKey(s)
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\((e|es|ne|ere|euse|rice|trice)\)/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}
