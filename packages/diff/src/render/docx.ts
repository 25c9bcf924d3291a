/**
 * The redline as a Word document with real tracked changes: the newer text,
 * with every insertion a `w:ins` and every deletion a `w:del` authored by
 * the organisation that proposed it (dated with its version), so that
 * accepting all gives the newer wording and rejecting all the older one.
 * The summary comes first, as plain text.
 */
import { Document, HeadingLevel, Packer, Paragraph, TextRun, type ParagraphChild } from 'docx'
import type { BlockChange, ChangeSet, FieldChange } from '../change-set.ts'
import { FICHE_STATUS_LABELS, ficheHeading, formatValue, visibleFiches } from './common.ts'
import { Revisions, defaultAuthor, summaryParagraphs, trackedRuns, xmlSafe } from './docx-runs.ts'

export interface DocxOptions {
  title?: string
  /** Also list unchanged fiches (title only unless the change set carries their content). */
  includeUnchanged?: boolean
}

function fieldParagraph(f: FieldChange, rev: Revisions): Paragraph {
  const label = `${f.label}${f.key !== undefined ? ` « ${f.key} »` : ''} : `
  const children: ParagraphChild[] = [new TextRun({ text: xmlSafe(label), bold: true })]
  if (f.segments) children.push(...trackedRuns(f.segments, rev, f.author))
  else {
    const segs = [
      ...(f.old === null ? [] : [{ op: 'del' as const, text: formatValue(f.old) }]),
      ...(f.new === null ? [] : [{ op: 'ins' as const, text: formatValue(f.new) }]),
    ]
    children.push(...trackedRuns(segs, rev, f.author))
  }
  return new Paragraph({ children })
}

function blockParagraph(b: BlockChange, rev: Revisions): Paragraph {
  const children = trackedRuns(b.segments, rev, b.author)
  if (b.status === 'moved' && b.from) children.push(new TextRun({ text: ` [déplacé : ${b.from} → ${b.to ?? ''}]`, italics: true, color: '5A4A8A' }))
  if (b.kind === 'item') return new Paragraph({ bullet: { level: Math.min(b.depth, 8) }, children })
  if (b.kind === 'groupTitle') return new Paragraph({ heading: HeadingLevel.HEADING_4, children })
  return new Paragraph({ children })
}

export async function renderDocx(cs: ChangeSet, options: DocxOptions = {}): Promise<Uint8Array> {
  const rev = new Revisions(defaultAuthor(cs))
  const title = options.title ?? 'Comparaison de versions'
  const children: Paragraph[] = [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(xmlSafe(title))] }), ...summaryParagraphs(cs)]
  for (const p of cs.parts) {
    if (p.blocks.length === 0 && p.fields.length === 0) continue
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(p.label)] }))
    for (const f of p.fields) children.push(fieldParagraph(f, rev))
    for (const b of p.blocks) children.push(blockParagraph(b, rev))
  }
  for (const f of visibleFiches(cs, options.includeUnchanged)) {
    const status = f.status === 'unchanged' ? '' : ` (${FICHE_STATUS_LABELS[f.status]}${f.moved && f.status !== 'moved' ? ', déplacée' : ''})`
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(xmlSafe(`${ficheHeading(f)}${status}`))] }))
    for (const s of f.sections) {
      if (s.fields.length === 0 && s.blocks.length === 0) continue
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(s.label)] }))
      for (const fc of s.fields) children.push(fieldParagraph(fc, rev))
      for (const b of s.blocks) children.push(blockParagraph(b, rev))
    }
  }
  const doc = new Document({
    creator: 'Paritaire',
    title,
    description: 'Comparaison avec modifications suivies',
    features: { trackRevisions: true },
    sections: [{ children }],
  })
  return Packer.pack(doc, 'uint8array')
}
