/**
 * Typographic normalisation: the differences negotiators do not argue about.
 * Two strings with the same `typographyKey` differ only in capital accents
 * (É/E, À/A…), apostrophes (’/'), dashes (–/-), ellipses (…/...), quotes and
 * spacing (spaces, non-breaking spaces, tabs). The word diff compares these
 * keys, then marks the equal-by-key pieces whose raw text differs as minor.
 */

const APOSTROPHES = /[’‘ʼ`´]/g
const DASHES = /[‐‑‒–—―−]/g
const ELLIPSIS = /…/g
const QUOTES = /[«»“”„]/g
const SPACES = /[\s\u00A0\u202F\u2007\u2009\u200A]+/g

/** Strip the accent of capital letters only: "ÉTABLISSEMENT" = "ETABLISSEMENT", "été" ≠ "ete". */
function unaccentCapitals(s: string): string {
  return s.replace(/[À-ÖØ-Þ]/g, (c) => c.normalize('NFD').replace(/[\u0300-\u036f]/g, ''))
}

/** The comparison key of a piece of text, equal for typographic variants. */
export function typographyKey(s: string): string {
  return unaccentCapitals(s)
    .replace(APOSTROPHES, "'")
    .replace(DASHES, '-')
    .replace(ELLIPSIS, '...')
    .replace(QUOTES, '"')
    .replace(SPACES, ' ')
    .trim()
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
