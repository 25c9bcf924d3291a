/**
 * « Accept all » and « reject all » of a Word document's tracked changes,
 * read from its XML: the paragraphs of the body as Word would leave them.
 * Pure (no Word, no LibreOffice): inserted runs (`w:ins`) are kept or
 * dropped, deleted ones (`w:del`, `w:delText`) dropped or restored, and a
 * paragraph whose mark is itself inserted or deleted joins the next one.
 */
import { strFromU8, unzipSync } from 'fflate'

const decode = (s: string): string =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')

export interface DocxParagraphs {
  /** Paragraphs before the first section break (the note outside the tracked body). */
  note: string[]
  /** Paragraphs of the rest of the document. */
  body: string[]
}

/** The document's paragraphs after accepting (`accept`) or rejecting (`reject`) every revision. */
export function resolveRevisions(docx: Uint8Array, mode: 'accept' | 'reject'): DocxParagraphs {
  const xml = strFromU8(unzipSync(docx)['word/document.xml']!)
  const body = xml.slice(xml.indexOf('<w:body>'))
  const paragraphs = body.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []
  const note: string[] = []
  const out: string[] = []
  let inNote = xml.includes('<w:pPr><w:sectPr') || /<w:p[ >](?:(?!<\/w:p>)[\s\S])*<w:sectPr/.test(body)
  let carry = ''
  for (const p of paragraphs) {
    const pPr = /<w:pPr>[\s\S]*?<\/w:pPr>/.exec(p)?.[0] ?? ''
    const markRpr = /<w:rPr>[\s\S]*?<\/w:rPr>/.exec(pPr)?.[0] ?? ''
    const markGone = mode === 'accept' ? /<w:del\b/.test(markRpr) : /<w:ins\b/.test(markRpr)
    const content = p.replace(pPr, '')
    const kept = mode === 'accept'
      ? content.replace(/<w:del\b[^>]*>[\s\S]*?<\/w:del>/g, '')
      : content.replace(/<w:ins\b[^>]*>[\s\S]*?<\/w:ins>/g, '')
    const text = carry + [...kept.matchAll(/<w:(?:t|delText)(?: [^>]*)?>([^<]*)<\/w:(?:t|delText)>|<w:tab\/>/g)]
      .map((m) => (m[0] === '<w:tab/>' ? '\t' : decode(m[1]!))).join('')
    const endsSection = /<w:sectPr/.test(pPr)
    if (markGone && !endsSection) {
      carry = text
      continue
    }
    carry = ''
    ;(inNote ? note : out).push(text)
    if (endsSection) inNote = false
  }
  if (carry) out.push(carry)
  return { note, body: out }
}
