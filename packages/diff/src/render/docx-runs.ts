/**
 * Word runs shared by both DOCX renderers: summary paragraphs, and segments
 * either as real tracked changes (`w:ins` / `w:del` with author and date,
 * which Word and LibreOffice offer to accept or reject) or as formatting
 * only (struck red / underlined green) for the tableau's two columns.
 */
import { DeletedTextRun, HeadingLevel, InsertedTextRun, Paragraph, TextRun, type ParagraphChild } from 'docx'
import type { Author, ChangeSet, Segment } from '../change-set.ts'
import { classementLabel, comparisonTitle, formatValue, summaryLines } from './common.ts'

/** Revision author and date; Word wants a full ISO date-time. */
export class Revisions {
  private next = 1
  constructor(private readonly fallback: Author) {}
  attrs(author: Author | undefined): { id: number; author: string; date: string } {
    const a = author ?? this.fallback
    const given = a.date ?? this.fallback.date
    // Word wants an ISO date-time; a bare date gets midnight, anything unreadable today's date.
    const date = given && /^\d{4}-\d{2}-\d{2}$/.test(given)
      ? `${given}T00:00:00Z`
      : given && !Number.isNaN(Date.parse(given)) ? new Date(given).toISOString().replace(/\.\d{3}Z$/, 'Z') : new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
    return { id: this.next++, author: xmlSafe(a.organisation), date }
  }
}

export function defaultAuthor(cs: ChangeSet): Author {
  return { organisation: cs.newer?.organisation ?? 'Paritaire', date: cs.newer?.date ?? null }
}

/** Characters XML 1.0 forbids (control characters from extraction noise): Word would refuse the file. */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g
export const xmlSafe = (s: string): string => s.replace(XML_INVALID, '')

export function trackedRuns(segments: readonly Segment[], rev: Revisions, author: Author | undefined): ParagraphChild[] {
  return segments.map((s) => {
    if (s.op === 'equal') return new TextRun({ text: xmlSafe(s.text) })
    const opts = { text: xmlSafe(s.text), ...rev.attrs(author) }
    return s.op === 'ins' ? new InsertedTextRun(opts) : new DeletedTextRun(opts)
  })
}

export const RED = 'A4161A'
export const GREEN = '0B5D2A'

/** One side of a redline, formatted (not tracked): for the tableau's columns. */
export function formattedRuns(segments: readonly Segment[], side: 'old' | 'new'): TextRun[] {
  const out: TextRun[] = []
  for (const s of segments) {
    const text = xmlSafe(side === 'old' && s.old !== undefined ? s.old : s.text)
    if (s.op === 'equal') out.push(new TextRun({ text }))
    else if (s.op === 'del' && side === 'old') out.push(new TextRun({ text, strike: true, color: s.minor ? '888888' : RED }))
    else if (s.op === 'ins' && side === 'new') out.push(new TextRun({ text, underline: {}, color: s.minor ? '888888' : GREEN }))
  }
  return out
}

export function summaryParagraphs(cs: ChangeSet): Paragraph[] {
  const out = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Résumé')] }),
    new Paragraph({ children: [new TextRun(xmlSafe(comparisonTitle(cs)))] }),
    ...summaryLines(cs).map((l) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun(l)] })),
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Changements de classement')] }),
  ]
  if (cs.classementChanges.length === 0) out.push(new Paragraph({ children: [new TextRun('Aucun changement de classement.')] }))
  for (const c of cs.classementChanges) {
    out.push(new Paragraph({
      bullet: { level: 0 },
      children: [
        new TextRun({ text: xmlSafe(`${c.intitule} — ${classementLabel(c)} : `) }),
        new TextRun({ text: xmlSafe(formatValue(c.old)), strike: true, color: RED }),
        new TextRun({ text: ' → ' }),
        new TextRun({ text: xmlSafe(formatValue(c.new)), underline: {}, color: GREEN, highlight: 'yellow' }),
      ],
    }))
  }
  if (cs.options.ignoreTypography) out.push(new Paragraph({ children: [new TextRun({ text: 'Différences typographiques ignorées.', italics: true })] }))
  return out
}
