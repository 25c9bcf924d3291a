/**
 * The pure half of full-text search: what text of a fiche is indexed, the
 * normalised copy that trigram matching compares, and the extract shown
 * to the person (HTML-escaped, matches wrapped in `<mark>`). Postgres does
 * the stemming and ranking (see the search migration); this file only
 * prepares its input and dresses its output.
 */
import { ficheSectionTexts, SECTION_NAMES, type Fiche, type SectionName } from '@paritaire/schema'

/** ts_headline's match delimiters: control characters that indexed text never holds (see `searchableText`). */
export const MATCH_START = '\u0001'
export const MATCH_END = '\u0002'

export interface SectionEntry {
  section: SectionName
  body: string
  norm: string
}

/** Lower case without diacritics, as trigram matching compares words (« Polyvalente » → « polyvalente »). */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase()
}

/** Text as indexed: control characters (our match delimiters among them) become spaces. */
function searchableText(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ')
}

/** One entry per non-empty section of the fiche. */
export function ficheSearchEntries(fiche: Fiche): SectionEntry[] {
  const texts = ficheSectionTexts(fiche)
  return SECTION_NAMES.flatMap((section) => {
    const body = searchableText(texts[section]).trim()
    return body === '' ? [] : [{ section, body, norm: normalizeForSearch(body) }]
  })
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
}

/** ts_headline output (matches between MATCH_START and MATCH_END) as HTML-safe text with `<mark>` around each match. */
export function extractHtml(headline: string): string {
  let html = ''
  let open = false
  for (const part of headline.split(/([\u0001\u0002])/)) {
    if (part === MATCH_START) { if (!open) html += '<mark>'; open = true } else if (part === MATCH_END) { if (open) html += '</mark>'; open = false } else html += escapeHtml(part)
  }
  return open ? `${html}</mark>` : html
}

/**
 * For a near-miss (trigram) hit, where ts_headline finds nothing: the word of
 * `body` closest to each query word is marked, with some context around the
 * first one.
 */
export function approximateExtract(body: string, query: string, context = 80): string {
  const wanted = normalizeForSearch(query).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3)
  const words = [...body.matchAll(/[\p{L}\p{N}]+/gu)]
  const marked = new Set<number>()
  for (const w of wanted) {
    let best = -1
    let bestScore = 0
    for (const [i, m] of words.entries()) {
      const score = trigramSimilarity(w, normalizeForSearch(m[0]))
      if (score > bestScore) { bestScore = score; best = i }
    }
    if (best >= 0 && bestScore >= 0.3) marked.add(best)
  }
  if (marked.size === 0) return escapeHtml(body.slice(0, context * 2))
  const first = words[Math.min(...marked)]!.index!
  const from = Math.max(0, body.lastIndexOf(' ', Math.max(0, first - context)) + 1)
  const to = Math.min(body.length, first + context * 2)
  let html = from > 0 ? '… ' : ''
  let cursor = from
  for (const i of [...marked].sort((a, b) => a - b)) {
    const m = words[i]!
    const at = m.index!
    if (at < from || at >= to) continue
    html += escapeHtml(body.slice(cursor, at)) + `<mark>${escapeHtml(m[0])}</mark>`
    cursor = at + m[0].length
  }
  html += escapeHtml(body.slice(cursor, to)) + (to < body.length ? ' …' : '')
  return html
}

function trigrams(word: string): Set<string> {
  const padded = `  ${word} `
  const set = new Set<string>()
  for (let i = 0; i + 3 <= padded.length; i++) set.add(padded.slice(i, i + 3))
  return set
}

/** pg_trgm's similarity of two words (shared trigrams over all trigrams). */
function trigramSimilarity(a: string, b: string): number {
  const ta = trigrams(a)
  const tb = trigrams(b)
  let shared = 0
  for (const t of ta) if (tb.has(t)) shared++
  return shared / (ta.size + tb.size - shared)
}
