/**
 * French hyphenation for the PDFs: soft hyphens (U+00AD) in long words of
 * an HTML page's text, from the `hyphen` library's French (Liang) patterns —
 * Debian's chromium ships no hyphenation dictionaries, so `hyphens: auto`
 * alone would not break « responsabilité » at a line end.
 */
import { createRequire } from 'node:module'

type HyphenateSync = (text: string, options?: { hyphenChar?: string; minWordLength?: number }) => string
const { hyphenateSync } = createRequire(import.meta.url)('hyphen/fr') as { hyphenateSync: HyphenateSync }

/** Soft hyphens in the body's text between tags (never in the head's style, a tag or an entity). */
export function hyphenateHtml(html: string): string {
  const start = Math.max(0, html.indexOf('<body'))
  const body = html.slice(start).replace(/>([^<]+)</g, (_m, text: string) =>
    `>${text.replace(/&[#\w]+;|\p{L}{8,}/gu, (w) => (w.startsWith('&') ? w : hyphenateSync(w, { hyphenChar: '\u00AD', minWordLength: 8 })))}<`)
  return html.slice(0, start) + body
}
