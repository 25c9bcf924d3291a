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
import { boundedMemo } from './memo.ts'

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

// Words repeat a lot across a text: their keys are memoised.
const keyOf = boundedMemo(typographyKey, 50_000)

/** A text's tokens as two arrays of strings: the whitespace before each, and its text. */
interface Pieces {
  wss: string[]
  words: string[]
}

/**
 * Regular-expression pieces (an elided article split off), then numbers
 * joined with their thousands groups, decimals and unit; whitespace left at
 * the end is a last piece with no text. Strings in two arrays, not an
 * object each: tokenising is most of what a diff of two separately
 * imported texts does (every fiche's words, for similarity).
 */
function scanTokens(text: string): Pieces {
  const wss: string[] = []
  const words: string[] = []
  let last = 0
  BASE.lastIndex = 0
  for (let m = BASE.exec(text); m !== null; m = BASE.exec(text)) {
    const ws = text.slice(last, m.index)
    const word = m[0]
    last = m.index + word.length
    const elided = word.length > 2 ? ELISION.exec(word) : null
    if (elided) {
      wss.push(ws)
      words.push(elided[0])
      wss.push('')
      words.push(word.slice(elided[0].length))
    } else {
      wss.push(ws)
      words.push(word)
    }
  }
  const count = words.length
  let out = 0
  for (let i = 0; i < count; i++) {
    const ws = wss[i]!
    let word = words[i]!
    const first = word.charCodeAt(0)
    if (first >= 48 && first <= 57 && DIGITS.test(word)) {
      // 1 000 000 — thousands groups after a group of at most three digits.
      if (word.length <= 3) {
        while (i + 1 < count && NUMBER_SPACE.test(wss[i + 1]!) && THOUSANDS.test(words[i + 1]!)) {
          word += wss[i + 1]! + words[i + 1]!
          i++
        }
      }
      // 2,5 — decimals.
      if (i + 2 < count && wss[i + 1] === '' && wss[i + 2] === '' && (words[i + 1] === ',' || words[i + 1] === '.') && DIGITS.test(words[i + 2]!)) {
        word += words[i + 1]! + words[i + 2]!
        i += 2
      }
      // 6 mois, 1 an, 10 % — a number with its unit.
      if (i + 1 < count && NUMBER_SPACE.test(wss[i + 1]!) && UNITS.has(words[i + 1]!.toLowerCase())) {
        word += wss[i + 1]! + words[i + 1]!
        i++
      }
    }
    // Merged in place: `out` never passes `i`.
    wss[out] = ws
    words[out++] = word
  }
  wss.length = out
  words.length = out
  if (last < text.length) {
    wss.push(text.slice(last))
    words.push('')
  }
  return { wss, words }
}

/** Split a text into tokens; joining `ws + text` of every token gives the text back. */
export function tokenize(text: string): Token[] {
  const { wss, words } = scanTokens(text)
  const tokens: Token[] = []
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!
    tokens.push({ ws: wss[i]!, text: word, key: word === '' ? '' : keyOf(word) })
  }
  return tokens
}

const HAS_WORD_CHAR = new RegExp(`[${WORD_CHAR}]`)

// A token's lower-cased word key, '' for punctuation: memoised like KEYS
// (a word with a letter or digit never has an empty key).
const WORD_KEYS = new Map<string, string>()
function wordKeyOf(word: string): string {
  let key = WORD_KEYS.get(word)
  if (key === undefined) {
    if (WORD_KEYS.size > 50_000) WORD_KEYS.clear()
    key = HAS_WORD_CHAR.test(word) ? keyOf(word).toLowerCase() : ''
    WORD_KEYS.set(word, key)
  }
  return key
}

/** Lower-cased word keys, for similarity measures (punctuation left out). */
export function wordKeys(text: string): string[] {
  return wordKeysOf(tokenize(text))
}

export function wordKeysOf(tokens: readonly Token[]): string[] {
  const out: string[] = []
  for (const t of tokens) {
    const key = t.text === '' ? '' : wordKeyOf(t.text)
    if (key !== '') out.push(key)
  }
  return out
}

/** The set of `wordKeys(text)`, without making tokens. */
export function wordKeySet(text: string): Set<string> {
  const out = new Set<string>()
  for (const word of scanTokens(text).words) {
    const key = word === '' ? '' : wordKeyOf(word)
    if (key !== '') out.add(key)
  }
  return out
}

/** The set of `wordKeysOf(tokens)`. */
export function wordKeySetOf(tokens: readonly Token[]): Set<string> {
  const out = new Set<string>()
  for (const t of tokens) {
    const key = t.text === '' ? '' : wordKeyOf(t.text)
    if (key !== '') out.add(key)
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
