/**
 * Cleaning of extraction noise, line by line and when lines are joined back
 * into paragraphs: non-breaking and stray spaces, tabs, ligature splits
 * ("classifi cations"), end-of-line hyphenation ("dérou-" + "lement"), and
 * recognition of page furniture (running headers and footers, page numbers,
 * a ministry name that a page break dropped into a paragraph). Pure string
 * functions; which lines are furniture is decided here, reporting it is the
 * caller's job.
 */

/** Spaces that PDF and Word extraction leave behind. */
const SPACE_LIKE = /[\u00A0\u2007\u202F\u2000-\u200A\u3000\t]/g
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g

/**
 * Words that end in "fi"/"fl" on their own, so that "défi majeur" is not
 * taken for a split ligature.
 */
const REAL_FI_WORDS = new Set(['défi', 'suffi', 'wifi', 'confi'])

/**
 * Words before an end-of-line hyphen that are real compound prefixes
 * ("sous-" + "traitant"): the hyphen is kept. "entre" is not here: the
 * corpus splits "entre-" + "prises" (entreprises).
 */
const COMPOUND_PREFIXES = new Set([
  'sous', 'non', 'demi', 'semi', 'mi', 'après', 'arrière', 'contre', 'porte', 'vice', 'ex',
  'quasi', 'compte', 'rendez', 'grand', 'grande', 'chef', 'chefs', 'aide', 'aides', 'chauffeur',
  'technico', 'pluri', 'multi', 'co',
])

/** One line of text with extraction spacing normalised; the characters themselves are kept. */
export function cleanLineText(raw: string): string {
  return fixLigatureSplits(raw.replace(INVISIBLE, '').replace(SPACE_LIKE, ' ').replace(/ {2,}/g, ' ').trim())
}

/** Joins words that a PDF "fi"/"fl" ligature split with a space: "classifi cations". */
export function fixLigatureSplits(text: string): string {
  // Cheap test first: the full pattern backtracks over every word of a line.
  if (!/f[il] \p{Ll}/u.test(text)) return text
  return text.replace(/(\p{L}{2,}f[il]) (\p{Ll}{2,})/gu, (whole, left: string, right: string) =>
    REAL_FI_WORDS.has(left.toLowerCase().replace(/^.*\s/, '')) ? whole : left + right,
  )
}

/**
 * Joins the cleaned texts of lines that form one paragraph: an end-of-line
 * hyphen before a lower-case letter is a hyphenation ("dérou-" + "lement" →
 * "déroulement") unless the word before it is a compound prefix; before a
 * capital it is a real hyphen ("Saint-" + "Étienne"). Other lines join with
 * one space.
 */
export function joinLineTexts(texts: readonly string[]): string {
  let out = ''
  for (const text of texts) {
    if (text.length === 0) continue
    if (out.length === 0) {
      out = text
      continue
    }
    const hyphen = /(\p{L}+)-$/u.exec(out)
    if (hyphen && /^\p{Ll}/u.test(text)) {
      const word = (hyphen[1] ?? '').toLowerCase()
      out = COMPOUND_PREFIXES.has(word) ? out + text : out.slice(0, -1) + text
    } else if (hyphen && /^\p{Lu}/u.test(text)) {
      out += text
    } else {
      out += ' ' + text
    }
  }
  return out
}

/** Whether a wrapped line (hard line breaks every ~90 characters) continues on the next one. */
export function continuesOnNextLine(previous: string, next: string): boolean {
  if (/\p{L}-$/u.test(previous)) return true
  // A parenthesised sentence closed at the line end ("(Un diplôme … 175.)")
  // ends its paragraph, even in a text with single newlines (Légifrance).
  if (/[.!?…]\)$/u.test(previous) || (/^\(/u.test(previous) && /\)$/u.test(previous))) return false
  if (/^[\p{Ll}\d(«"“]/u.test(next) && !/^\d{2,4}\.\s/.test(next)) return true
  return previous.length >= 45 && !/[.:;!?…]$/.test(previous)
}

/** How a line was recognised as page furniture, for the warning message. */
export type FurnitureKind = 'header' | 'page-number' | 'ministry'

const RUNNING_HEADER = [
  /^Brochure\s+n[°o]\s*\d+/i,
  /^IDCC\s*:?\s*\d+\s*\|/i,
  /\S\s+\|\s+.*\b(convention collective|brochure|idcc|page)\b/i,
]
const PAGE_NUMBER = /^(?:page\s+)?\d{1,3}(?:\s*(?:\/|sur)\s*\d{1,3})?$/i
const MINISTRY = /^MINIST[ÈE]RE\b/

function continuesMinistry(previous: string, next: string): boolean {
  if (!isAllCaps(next)) return false
  return /^(ET|DE|DES|DU|D['’]|LA|LE|LES|AUX?)\b/u.test(next) || /(,|\b(DE|DES|DU|ET|LA|LE|LES|AUX?))$/u.test(previous)
}

/** Whether a line has letters and none of them lower-case. */
export function isAllCaps(text: string): boolean {
  return /\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text)
}

/**
 * Finds page furniture among cleaned line texts. Returns, per line index, its
 * kind or null. A ministry name counts with the all-capital lines that
 * continue it ("MINISTÈRE DU TRAVAIL, …" + "ET DES FAMILLES").
 */
export function findFurniture(texts: readonly string[]): (FurnitureKind | null)[] {
  const kinds: (FurnitureKind | null)[] = texts.map(() => null)
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i] ?? ''
    if (text.length === 0) continue
    if (RUNNING_HEADER.some((re) => re.test(text))) kinds[i] = 'header'
    else if (PAGE_NUMBER.test(text)) kinds[i] = 'page-number'
    else if (MINISTRY.test(text) && isAllCaps(text)) {
      kinds[i] = 'ministry'
      // The name may wrap: an all-capital line that ends without punctuation goes with it.
      let j = i + 1
      while (j < texts.length && j <= i + 2 && continuesMinistry(texts[j - 1] ?? '', texts[j] ?? '')) {
        kinds[j] = 'ministry'
        j++
      }
      i = j - 1
    }
  }
  return kinds
}
