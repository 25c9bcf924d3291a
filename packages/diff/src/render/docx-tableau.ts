/**
 * The tableau comparatif as a Word table: one row per changed section of
 * each fiche, "Rédaction actuelle" (deletions struck red) beside
 * "Rédaction proposée" (insertions underlined green), an optional
 * "Commentaires" column, classement rows shaded. Landscape A4, header row
 * repeated on each page. Summary first.
 */
import {
  Document, HeadingLevel, PageOrientation, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx'
import type { BlockChange, ChangeSet, FieldChange } from '../change-set.ts'
import { FICHE_STATUS_LABELS, authorLine, ficheHeading, formatValue, hasAuthors, rowAuthors, typographyFoldLine, visibleFiches } from './common.ts'
import { GREEN, RED, formattedRuns, summaryParagraphs, xmlSafe } from './docx-runs.ts'

export interface TableauDocxOptions {
  title?: string
  comments?: boolean | Record<string, string>
  /** Typography-only fiches on one row instead of one block each. */
  foldTypography?: boolean
}

function sideParagraphs(fields: readonly FieldChange[], blocks: readonly BlockChange[], side: 'old' | 'new'): Paragraph[] {
  const out: Paragraph[] = []
  for (const f of fields) {
    const label = `${f.label}${f.key !== undefined ? ` « ${f.key} »` : ''} : `
    const v = side === 'old' ? f.old : f.new
    const runs = f.segments
      ? formattedRuns(f.segments, side)
      : [side === 'old'
          ? new TextRun({ text: xmlSafe(formatValue(v)), strike: v !== null, color: RED })
          : new TextRun({ text: xmlSafe(formatValue(v)), underline: v !== null ? {} : undefined, color: GREEN })]
    out.push(new Paragraph({ children: [new TextRun({ text: xmlSafe(label), bold: true }), ...runs] }))
  }
  for (const b of blocks) {
    if ((side === 'old' && b.status === 'added') || (side === 'new' && b.status === 'removed')) continue
    if (b.status === 'moved' && b.segments.every((g) => g.op === (side === 'old' ? 'ins' : 'del'))) continue
    const runs = formattedRuns(b.segments, side)
    out.push(b.kind === 'item' ? new Paragraph({ bullet: { level: Math.min(b.depth, 8) }, children: runs }) : new Paragraph({ children: runs }))
  }
  return out.length > 0 ? out : [new Paragraph('')]
}

const cell = (children: Paragraph[], shade?: string): TableCell =>
  new TableCell({ children, ...(shade ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: shade } } : {}) })

export async function renderTableauDocx(cs: ChangeSet, options: TableauDocxOptions = {}): Promise<Uint8Array> {
  const withComments = !!options.comments
  const proposers = hasAuthors(cs)
  // « Proposé par »: who made or proposed each row's changes, when any change is credited.
  const proposersCell = (fields: readonly FieldChange[], blocks: readonly BlockChange[]): TableCell[] =>
    proposers ? [cell(rowAuthors(fields, blocks).map((a) => new Paragraph(xmlSafe(authorLine(a)))).concat(rowAuthors(fields, blocks).length ? [] : [new Paragraph('')]))] : []
  const header = new TableRow({
    tableHeader: true,
    children: ['Section', 'Rédaction actuelle', 'Rédaction proposée', ...(proposers ? ['Proposé par'] : []), ...(withComments ? ['Commentaires'] : [])].map((h) =>
      cell([new Paragraph({ children: [new TextRun({ text: h, bold: true })] })], 'E8EBF3')),
  })
  const rows: TableRow[] = [header]
  const span = (withComments ? 4 : 3) + (proposers ? 1 : 0)
  const commentCell = (text: string): TableCell[] => (withComments ? [cell([new Paragraph(xmlSafe(text))])] : [])
  const title = (text: string): TableRow =>
    new TableRow({ children: [new TableCell({ columnSpan: span, children: [new Paragraph({ children: [new TextRun({ text: xmlSafe(text), bold: true })] })], shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F1F1F6' } })] })

  const parts = cs.parts.filter((p) => p.status !== 'unchanged')
  if (parts.length > 0) rows.push(title('Dispositions générales'))
  for (const p of parts) {
    rows.push(new TableRow({ children: [cell([new Paragraph(p.label)]), cell(sideParagraphs(p.fields, p.blocks, 'old')), cell(sideParagraphs(p.fields, p.blocks, 'new')), ...proposersCell(p.fields, p.blocks), ...commentCell('')] }))
  }
  const fold = options.foldTypography ? typographyFoldLine(cs) : null
  if (fold) rows.push(title(fold))
  for (const f of visibleFiches(cs, false, options.foldTypography)) {
    rows.push(title(`${ficheHeading(f)} — ${FICHE_STATUS_LABELS[f.status]}${f.moved && f.status !== 'moved' ? ', déplacée' : ''}`))
    const comment = typeof options.comments === 'object' ? options.comments[f.newerId ?? ''] ?? options.comments[f.olderId ?? ''] ?? '' : ''
    const sections = f.sections
      .filter((s) => s.status !== 'unchanged' || f.status === 'added' || f.status === 'removed')
      .filter((s) => s.fields.length > 0 || s.blocks.length > 0)
    if (sections.length === 0) {
      rows.push(new TableRow({ children: [cell([new Paragraph('—')]), new TableCell({ columnSpan: proposers ? 3 : 2, children: [new Paragraph('Fiche déplacée dans le texte, sans changement de rédaction.')] }), ...commentCell(comment)] }))
    }
    sections.forEach((s, i) => {
      const shade = s.section === 'classement' && s.fields.length > 0 ? 'FFF6CC' : undefined
      rows.push(new TableRow({
        cantSplit: true,
        children: [cell([new Paragraph(s.label)], shade), cell(sideParagraphs(s.fields, s.blocks, 'old'), shade), cell(sideParagraphs(s.fields, s.blocks, 'new'), shade), ...proposersCell(s.fields, s.blocks), ...commentCell(i === 0 ? comment : '')],
      }))
    })
  }
  const docTitle = options.title ?? 'Tableau comparatif'
  const doc = new Document({
    creator: 'Paritaire',
    title: docTitle,
    sections: [{
      properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
      children: [
        new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(docTitle)] }),
        ...summaryParagraphs(cs),
        new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Tableau')] }),
        new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }),
      ],
    }],
  })
  return Packer.pack(doc, 'uint8array')
}
