/**
 * The tableau des amendements as a Word document (A4 landscape, header row
 * repeated): the same rows as the HTML, the current wording as it stands,
 * and the amended wording as real tracked changes — each `w:ins` / `w:del`
 * authored by the organisation that proposes it and dated with its
 * amendment — so that « accept all » in that column gives the wording with
 * every amendment accepted and « reject all » the current one.
 */
import {
  DeletedTextRun, Document, HeadingLevel, InsertedTextRun, PageOrientation, Packer, Paragraph, ShadingType, Table, TableCell, TableRow,
  TextRun, WidthType, type ParagraphChild,
} from 'docx'
import { blockText, formatDateTime, proposersOf, type AmendedBlock, type AmendedField, type AmendmentBy, type AmendmentTableau } from './amendments-model.ts'
import { Revisions, xmlSafe } from './docx-runs.ts'

const author = (b: AmendmentBy | undefined) => ({ organisation: b?.organisation || 'Paritaire', date: b?.date || null })

const valueText = (v: string | number | null): string => (v === null || v === '' ? '(aucun)' : String(v))

function blockParagraph(b: AmendedBlock, side: 'current' | 'tracked', rev: Revisions): Paragraph {
  const children: ParagraphChild[] = []
  for (const r of b.runs) {
    const text = xmlSafe(r.text)
    if (side === 'current') {
      if (r.op !== 'ins') children.push(new TextRun({ text }))
    } else if (r.op === 'equal') children.push(new TextRun({ text }))
    else {
      const attrs = { text, ...rev.attrs(author(r.by[0])) }
      children.push(r.op === 'ins' ? new InsertedTextRun(attrs) : new DeletedTextRun(attrs))
    }
  }
  if (side === 'current' && blockText(b, 'current') === '') children.push(new TextRun({ text: '—', color: '888888' }))
  // A paragraph wholly proposed: its mark is an insertion too, so that rejecting leaves no empty paragraph.
  const whole = side === 'tracked' && b.runs.length > 0 && b.runs.every((r) => r.op === 'ins')
  return new Paragraph({
    children,
    ...(b.kind === 'item' ? { bullet: { level: Math.min(b.depth, 8) } } : {}),
    ...(whole ? { run: { insertion: rev.attrs(author(b.runs[0]!.by[0])) } } : {}),
  })
}

function fieldParagraph(f: AmendedField, side: 'current' | 'tracked', rev: Revisions): Paragraph {
  const label = new TextRun({ text: xmlSafe(`${f.label} : `), bold: true })
  if (side === 'current') return new Paragraph({ children: [label, new TextRun(xmlSafe(valueText(f.old)))] })
  const a = author(f.by)
  return new Paragraph({
    children: [
      label,
      new DeletedTextRun({ text: xmlSafe(valueText(f.old)), ...rev.attrs(a) }),
      new InsertedTextRun({ text: xmlSafe(valueText(f.new)), ...rev.attrs(a) }),
    ],
  })
}

const cell = (children: Paragraph[], shade?: string): TableCell =>
  new TableCell({ children, ...(shade ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: shade } } : {}) })

function proposersCell(list: readonly AmendmentBy[]): TableCell {
  return cell(list.map((b) => new Paragraph({
    children: [
      new TextRun({ text: xmlSafe(b.organisation), bold: true }),
      ...(b.author ? [new TextRun(xmlSafe(` — ${b.author}`))] : []),
      ...(b.date ? [new TextRun({ text: xmlSafe(` (${formatDateTime(b.date)})`), color: '555555' })] : []),
    ],
  })))
}

export async function renderAmendmentTableauDocx(t: AmendmentTableau): Promise<Uint8Array> {
  const rev = new Revisions({ organisation: 'Paritaire', date: t.at })
  const header = new TableRow({
    tableHeader: true,
    children: ['Section', 'Rédaction actuelle', 'Rédaction si tous les amendements sont acceptés', 'Proposé par'].map((h) =>
      cell([new Paragraph({ children: [new TextRun({ text: h, bold: true })] })], 'E8EBF3')),
  })
  const rows: TableRow[] = [header]
  const fiches = t.fiches.filter((f) => f.sections.length > 0)
  for (const f of fiches) {
    const n = f.amendments.length
    rows.push(new TableRow({
      children: [new TableCell({
        columnSpan: 4,
        shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F1F1F6' },
        children: [new Paragraph({ children: [new TextRun({ text: xmlSafe(`${f.heading} — ${n} amendement${n > 1 ? 's' : ''}`), bold: true })] })],
      })],
    }))
    for (const s of f.sections) {
      for (const field of s.fields) {
        rows.push(new TableRow({
          cantSplit: true,
          children: [cell([new Paragraph(xmlSafe(s.label))], 'FFF6CC'), cell([fieldParagraph(field, 'current', rev)], 'FFF6CC'),
            cell([fieldParagraph(field, 'tracked', rev)], 'FFF6CC'), proposersCell([field.by])],
        }))
      }
      for (const b of s.blocks) {
        rows.push(new TableRow({
          cantSplit: true,
          children: [cell([new Paragraph(xmlSafe(s.label))]), cell([blockParagraph(b, 'current', rev)]), cell([blockParagraph(b, 'tracked', rev)]), proposersCell(proposersOf([b], []))],
        }))
      }
    }
  }
  if (fiches.length === 0) {
    rows.push(new TableRow({ children: [new TableCell({ columnSpan: 4, children: [new Paragraph('Aucun amendement en attente.')] })] }))
  }
  const count = fiches.reduce((k, f) => k + f.amendments.length, 0)
  const orgs = [...new Set(fiches.flatMap((f) => f.amendments.map((a) => a.organisation)))]
  const doc = new Document({
    creator: 'Paritaire',
    title: xmlSafe(t.title),
    description: 'Tableau des amendements en attente, avec modifications suivies',
    features: { trackRevisions: true },
    sections: [{
      properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
      children: [
        new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(xmlSafe(t.title))] }),
        new Paragraph({ children: [new TextRun({ text: `Texte en cours au ${formatDateTime(t.at)}. `, italics: true }),
          new TextRun({ text: 'La troisième colonne porte les amendements en modifications suivies, au nom de l’organisation qui les propose : « Accepter toutes les modifications » y donne la rédaction amendée.', italics: true })] }),
        new Paragraph(count === 0 ? 'Aucun amendement en attente.'
          : xmlSafe(`${count} amendement${count > 1 ? 's' : ''} en attente sur ${fiches.length} fiche${fiches.length > 1 ? 's' : ''}, proposé${count > 1 ? 's' : ''} par ${orgs.join(', ')}.`)),
        new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }),
      ],
    }],
  })
  return Packer.pack(doc, 'uint8array')
}
