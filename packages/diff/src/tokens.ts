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

// Latin letters (with accents and ligatures), digits and combining marks.
// A plain class, not \p{L} with the `u` flag: several times faster, and
// French texts are Latin; any other script still tokenises, sign by sign.
const WORD_CHAR = 'A-Za-z0-9\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u0300-\u036F'
const BASE = new RegExp(`[${WORD_CHAR}]+(?:['’\u2011-][${WORD_CHAR}]+)*|\\.\\.\\.|[^\\s\\u00A0\\u202F\\u2007\\u2009\\u200A]`, 'g')
const ELISION = new RegExp(`^(?:jusqu|lorsqu|puisqu|quoiqu|presqu|qu|[cdjlmnst])['’](?=[${WORD_CHAR}])`, 'i')
const DIGITS = /^\d+$/
const THOUSANDS = /^\d{3}$/
const NUMBER_SPACE = /^[ \u00A0\u202F\u2009]$/
const UNITS = new Set(['mois', 'an', 'ans', 'année', 'années', 'jour', 'jours', 'semaine', 'semaines', 'heure', 'heures', 'h', '%', '€', 'euro', 'euros', 'point', 'points'])

// Words repeat a lot across a text: their keys are memoised (bounded).
const KEYS = new Map<string, string>()
function keyOf(word: string): string {
  let key = KEYS.get(word)
  if (key === undefined) {
    if (KEYS.size > 50_000) KEYS.clear()
    key = typographyKey(word)
    KEYS.set(word, key)
  }
  return key
}

/** Split a text into tokens; joining `ws + text` of every token gives the text back. */
export function tokenize(text: string): Token[] {
  const raw: { ws: string; text: string }[] = []
  let last = 0
  BASE.lastIndex = 0
  for (let m = BASE.exec(text); m !== null; m = BASE.exec(text)) {
    const ws = text.slice(last, m.index)
    const word = m[0]
    last = m.index + word.length
    const elided = word.length > 2 ? ELISION.exec(word) : null
    if (elided) {
      raw.push({ ws, text: elided[0] }, { ws: '', text: word.slice(elided[0].length) })
    } else raw.push({ ws, text: word })
  }
  const tokens: Token[] = []
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i]!
    let word = t.text
    if (DIGITS.test(word)) {
      // 1 000 000 — thousands groups after a group of at most three digits.
      if (word.length <= 3) {
        while (raw[i + 1] && NUMBER_SPACE.test(raw[i + 1]!.ws) && THOUSANDS.test(raw[i + 1]!.text)) {
          word += raw[i + 1]!.ws + raw[i + 1]!.text
          i++
        }
      }
      // 2,5 — decimals.
      const sep = raw[i + 1]
      const dec = raw[i + 2]
      if (sep && dec && sep.ws === '' && dec.ws === '' && (sep.text === ',' || sep.text === '.') && DIGITS.test(dec.text)) {
        word += sep.text + dec.text
        i += 2
      }
      // 6 mois, 1 an, 10 % — a number with its unit.
      const unit = raw[i + 1]
      if (unit && NUMBER_SPACE.test(unit.ws) && UNITS.has(unit.text.toLowerCase())) {
        word += unit.ws + unit.text
        i++
      }
    }
    tokens.push({ ws: t.ws, text: word, key: keyOf(word) })
  }
  if (last < text.length) tokens.push({ ws: text.slice(last), text: '', key: '' })
  return tokens
}

const HAS_WORD_CHAR = new RegExp(`[${WORD_CHAR}]`)

/** Lower-cased word keys, for similarity measures (punctuation left out). */
export function wordKeys(text: string): string[] {
  return wordKeysOf(tokenize(text))
}

export function wordKeysOf(tokens: readonly Token[]): string[] {
  const out: string[] = []
  for (const t of tokens) {
    if (HAS_WORD_CHAR.test(t.text)) out.push(t.key.toLowerCase())
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
