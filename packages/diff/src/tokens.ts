/**
 * French-aware tokens for the word diff. A token is a word, a number or one
 * punctuation sign, with the whitespace before it kept aside so that spacing
 * differences are typographic, not textual. French specifics: an elided
 * article stays one token before its word ("l’" + "accord", "qu’" + "il"),
 * ordinals are one token ("1er", "2e", "3ème"), numbers keep their thousands
 * spaces ("1 000") and a number with its unit is one token ("6 mois",
 * "1 an", "35 heures", "10 %"), so "1 an" → "6 mois" reads as one change.
 */
import { typographyKey } from './typography.ts'

export interface Token {
  /** Whitespace before the token (kept for faithful rendering). */
  ws: string
  text: string
  /** Comparison key: the text with typographic variants folded. */
  key: string
}

const SPACE_CHARS = '\\s\\u00A0\\u202F\\u2007\\u2009\\u200A'
const NUM_SPACE = '[ \\u00A0\\u202F\\u2009]'
const UNIT = `(?:mois|ans?|années?|jours?|semaines?|heures?|h|%|€|euros?|points?)(?![\\p{L}\\p{N}])`
const NUMBER = `(?:\\d{1,3}(?:${NUM_SPACE}\\d{3})+|\\d+)(?:[,.]\\d+)?`

const TOKEN = new RegExp(
  [
    // elided article or pronoun, only when a letter follows: l’accord, d'entreprise, qu’il
    `(?:jusqu|lorsqu|puisqu|quoiqu|presqu|qu|[cdjlmnst])['’](?=\\p{L})`,
    // ordinals: 1er, 1re, 1ère, 2e, 2ème, 2nd
    `\\d+(?:er|re|ère|ere|ème|eme|e|nde|nd|es|èmes)(?![\\p{L}\\p{N}])`,
    // number, optionally with its unit: 1 000, 6 mois, 2,5 %
    `${NUMBER}(?:${NUM_SPACE}${UNIT})?`,
    // words, compounds kept whole: aujourd’hui, peut-être, vendeur-réparateur
    `[\\p{L}\\p{M}\\p{N}]+(?:['’\\-‑][\\p{L}\\p{M}\\p{N}]+)*`,
    `\\.\\.\\.`,
    // any other single sign: punctuation, symbols
    `[^${SPACE_CHARS}]`,
  ].join('|'),
  'iuy',
)
const WS = new RegExp(`[${SPACE_CHARS}]+`, 'uy')

/** Split a text into tokens; joining `ws + text` of every token gives the text back. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let pos = 0
  while (pos < text.length) {
    WS.lastIndex = pos
    const ws = WS.exec(text)
    const space = ws ? ws[0] : ''
    pos += space.length
    if (pos >= text.length) {
      if (space) tokens.push({ ws: space, text: '', key: '' })
      break
    }
    TOKEN.lastIndex = pos
    const m = TOKEN.exec(text)
    // The last alternative matches any non-space char, so m is never null
    // here; the guard only satisfies the type checker.
    const word = m ? m[0] : text.charAt(pos)
    tokens.push({ ws: space, text: word, key: typographyKey(word) })
    pos += word.length
  }
  return tokens
}

/** Lower-cased word keys, for similarity measures (punctuation left out). */
export function wordKeys(text: string): string[] {
  const out: string[] = []
  for (const t of tokenize(text)) {
    if (/[\p{L}\p{N}]/u.test(t.text)) out.push(t.key.toLowerCase())
  }
  return out
}

/** Jaccard similarity of two bags of words (as sets), 0…1. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1
  let inter = 0
  const [small, large] = a.size <= b.size ? [a, b] : [b, a]
  for (const w of small) if (large.has(w)) inter++
  return inter / (a.size + b.size - inter)
}
