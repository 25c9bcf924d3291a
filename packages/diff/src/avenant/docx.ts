/**
 * The avenant as a Word document, ready to edit and sign: title, parties,
 * préambule, articles (Word headings, so the navigation pane lists them),
 * quoted dispositions indented, « Fait à … », a signature table; the
 * tableau comparatif appended as an annex when given.
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, BorderStyle } from 'docx'
import { xmlSafe } from '../render/docx-runs.ts'
import type { Avenant, AvenantAlinea } from './model.ts'

const p = (text: string, opts: { bold?: boolean; indent?: number; italics?: boolean } = {}): Paragraph =>
  new Paragraph({ children: [new TextRun({ text: xmlSafe(text), bold: opts.bold, italics: opts.italics })], ...(opts.indent ? { indent: { left: opts.indent } } : {}), spacing: { after: 120 } })

function alinea(a: AvenantAlinea): Paragraph {
  if (a.kind === 'quoteHeading') return p(a.text, { bold: true, indent: 567 })
  if (a.kind === 'quoteItem') return p(`– ${a.text}`, { indent: 850 })
  if (a.kind === 'quote') return p(a.text, { indent: 567 })
  return p(a.text)
}

export async function renderAvenantDocx(av: Avenant): Promise<Uint8Array> {
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }
  const signatures = av.signatures.length ? av.signatures : [{ organisation: '…', collège: 'salariés' as const }]
  const rows: TableRow[] = []
  for (let i = 0; i < signatures.length; i += 2) {
    rows.push(new TableRow({
      children: [signatures[i], signatures[i + 1]].map((s) => new TableCell({
        width: { size: 50, type: WidthType.PERCENTAGE },
        borders: { top: none, left: none, right: none, bottom: { style: BorderStyle.SINGLE, size: 4, color: '999999' } },
        children: [p(s ? `Pour ${s.organisation} :` : ''), p(''), p('')],
      })),
    }))
  }
  const children = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(xmlSafe(av.title))] }),
    p("Entre l'(les) organisation(s) professionnelle(s) d'employeur(s) :"),
    ...(av.parties.employeurs.length ? av.parties.employeurs : ['…']).map((o) => p(o, { bold: true })),
    p("d'une part,"),
    p('et le(s) syndicat(s) de salariés :'),
    ...(av.parties.salaries.length ? av.parties.salaries : ['…']).map((o) => p(o, { bold: true })),
    p("d'autre part,"),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Préambule')] }),
    ...av.preambule.map((x) => p(x)),
    p('Il a été convenu ce qui suit :', { bold: true }),
    ...av.articles.flatMap((a) => [
      new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(xmlSafe(`Article ${a.numero}${a.titre ? ` — ${a.titre}` : ''}`))] }),
      ...a.alineas.map(alinea),
    ]),
    p(av.fait),
    new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows }),
  ]
  const doc = new Document({ creator: 'Paritaire', title: av.title, description: 'Avenant', sections: [{ children }] })
  return Packer.pack(doc, 'uint8array')
}
