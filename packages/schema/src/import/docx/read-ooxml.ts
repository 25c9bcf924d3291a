/**
 * The body of a Word file (WordprocessingML) read with a streaming XML
 * parser: paragraphs with their style (headings), list level and runs (bold,
 * italic), tables (merged cells carried down), and what `mammoth` loses —
 * tracked changes (`w:ins`, `w:del`, `w:moveTo`, `w:moveFrom`, with author
 * and date) kept on each run, and comments anchored on the text they cover.
 * Fields, drawings, embedded objects are skipped; their text results stay.
 */
import { Parser } from 'htmlparser2'

export interface Change {
  type: 'ins' | 'del'
  author: string
  date: string | null
}

export interface DocxRun {
  text: string
  bold: boolean
  italic: boolean
  change: Change | null
}

export interface DocxParagraph {
  type: 'paragraph'
  runs: DocxRun[]
  /** Heading level (1–9) from the style ("Heading1", "Titre1"), or null. */
  heading: number | null
  /** List level (0-based) for a numbered or bulleted paragraph, or null. */
  list: number | null
}

export interface DocxTable {
  type: 'table'
  /** Rows of cells; each cell is its paragraphs. A vertically merged cell is repeated in the rows it covers. */
  rows: DocxParagraph[][][]
}

export type DocxBlock = DocxParagraph | DocxTable

export interface DocxComment {
  id: string
  author: string
  date: string | null
  text: string
  /** The text of the document the comment is anchored on. */
  anchor: string
}

/** Elements whose content is not text of the document. */
const SKIPPED = new Set(['w:instrText', 'w:delInstrText', 'w:drawing', 'w:pict', 'w:object', 'mc:Fallback', 'w:footnoteReference', 'w:endnoteReference'])

function on(value: string | undefined): boolean {
  return value === undefined || !/^(0|false|off|none)$/iu.test(value)
}

export function readDocumentXml(xml: string): { blocks: DocxBlock[]; anchors: Map<string, string> } {
  const blocks: DocxBlock[] = []
  const anchors = new Map<string, string>()
  const openAnchors = new Set<string>()
  let paragraph: DocxParagraph | null = null
  let run: { bold: boolean; italic: boolean; text: string } | null = null
  let inRunProps = false
  let inParaProps = false
  let skip = 0
  let inText = false
  const changes: Change[] = []
  /** Open tables: rows of cells of paragraphs, and the vMerge state of the current cell. */
  const tables: { rows: DocxParagraph[][][]; cell: DocxParagraph[] | null; merge: 'restart' | 'continue' | null; col: number; span: number }[] = []

  const target = (): DocxParagraph[] | DocxBlock[] => tables[tables.length - 1]?.cell ?? blocks
  const pushText = (text: string): void => {
    if (!run || !paragraph) return
    const change = changes[changes.length - 1] ?? null
    const last = paragraph.runs[paragraph.runs.length - 1]
    if (last && last.bold === run.bold && last.italic === run.italic && last.change === change) last.text += text
    else paragraph.runs.push({ text, bold: run.bold, italic: run.italic, change })
    for (const id of openAnchors) anchors.set(id, (anchors.get(id) ?? '') + text)
  }

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (skip > 0 || SKIPPED.has(name)) {
          if (SKIPPED.has(name)) skip++
          return
        }
        switch (name) {
          case 'w:p':
            paragraph = { type: 'paragraph', runs: [], heading: null, list: null }
            break
          case 'w:pPr':
            inParaProps = true
            break
          case 'w:pStyle': {
            const m = /^(?:heading|titre|title)\s*(\d)?$/iu.exec(attrs['w:val'] ?? '')
            if (m && paragraph) paragraph.heading = Number(m[1] ?? 1)
            if (/^list/iu.test(attrs['w:val'] ?? '') && paragraph && paragraph.list === null) paragraph.list = 0
            break
          }
          case 'w:ilvl':
            if (inParaProps && paragraph) paragraph.list = Math.min(8, Number.parseInt(attrs['w:val'] ?? '0', 10) || 0)
            break
          case 'w:numPr':
            if (paragraph && paragraph.list === null) paragraph.list = 0
            break
          case 'w:r':
            run = { bold: false, italic: false, text: '' }
            break
          case 'w:rPr':
            inRunProps = true
            break
          case 'w:b':
            if (inRunProps && run) run.bold = on(attrs['w:val'])
            break
          case 'w:i':
            if (inRunProps && run) run.italic = on(attrs['w:val'])
            break
          case 'w:t':
          case 'w:delText':
            inText = true
            break
          case 'w:tab':
            if (run && !inRunProps) pushText('\t')
            break
          case 'w:br':
          case 'w:cr':
            if (run) pushText('\n')
            break
          case 'w:ins':
          case 'w:moveTo':
          case 'w:del':
          case 'w:moveFrom':
            // Inside run properties, w:ins / w:del mark a formatting or paragraph-mark change: not text.
            if (inRunProps || inParaProps) break
            changes.push({ type: name === 'w:ins' || name === 'w:moveTo' ? 'ins' : 'del', author: (attrs['w:author'] ?? '').trim() || 'Auteur inconnu', date: attrs['w:date'] ?? null })
            break
          case 'w:commentRangeStart':
            if (attrs['w:id'] !== undefined) {
              openAnchors.add(attrs['w:id'])
              anchors.set(attrs['w:id'], anchors.get(attrs['w:id']) ?? '')
            }
            break
          case 'w:commentRangeEnd':
            if (attrs['w:id'] !== undefined) openAnchors.delete(attrs['w:id'])
            break
          case 'w:tbl':
            tables.push({ rows: [], cell: null, merge: null, col: 0, span: 1 })
            break
          case 'w:tr': {
            const t = tables[tables.length - 1]
            if (t) {
              t.rows.push([])
              t.col = 0
            }
            break
          }
          case 'w:tc': {
            const t = tables[tables.length - 1]
            if (t) {
              t.cell = []
              t.merge = null
              t.span = 1
            }
            break
          }
          case 'w:vMerge': {
            const t = tables[tables.length - 1]
            if (t) t.merge = attrs['w:val'] === 'restart' ? 'restart' : 'continue'
            break
          }
          case 'w:gridSpan': {
            const t = tables[tables.length - 1]
            if (t) t.span = Math.min(64, Math.max(1, Number.parseInt(attrs['w:val'] ?? '1', 10) || 1))
            break
          }
        }
      },
      ontext(text) {
        if (skip > 0 || !inText) return
        pushText(text)
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) {
          if (skip > 0) skip--
          return
        }
        if (skip > 0) return
        switch (name) {
          case 'w:p':
            if (paragraph) (target() as DocxBlock[]).push(paragraph)
            paragraph = null
            break
          case 'w:pPr':
            inParaProps = false
            break
          case 'w:r':
            run = null
            break
          case 'w:rPr':
            inRunProps = false
            break
          case 'w:t':
          case 'w:delText':
            inText = false
            break
          case 'w:ins':
          case 'w:moveTo':
          case 'w:del':
          case 'w:moveFrom':
            if (!inRunProps && !inParaProps) changes.pop()
            break
          case 'w:tc': {
            const t = tables[tables.length - 1]
            if (!t || !t.cell) break
            const row = t.rows[t.rows.length - 1] as DocxParagraph[][]
            const above = t.rows[t.rows.length - 2]?.[row.length]
            // A continued vertical merge repeats the cell above (carried down).
            const cell = t.merge === 'continue' && above ? above : t.cell
            for (let i = 0; i < t.span; i++) row.push(cell)
            t.cell = null
            break
          }
          case 'w:tbl': {
            const t = tables.pop()
            if (!t) break
            const table: DocxTable = { type: 'table', rows: t.rows.filter((r) => r.length > 0) }
            const outer = tables[tables.length - 1]
            // A table inside a cell: its paragraphs join that cell.
            if (outer?.cell) for (const row of table.rows) for (const cell of row) outer.cell.push(...cell)
            else blocks.push(table)
            break
          }
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  )
  parser.write(xml)
  parser.end()
  return { blocks, anchors }
}

export function readCommentsXml(xml: string, anchors: ReadonlyMap<string, string>): DocxComment[] {
  const comments: DocxComment[] = []
  let current: DocxComment | null = null
  let inText = false
  let paragraphs: string[] = []
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'w:comment') {
          current = { id: attrs['w:id'] ?? '', author: (attrs['w:author'] ?? '').trim() || 'Auteur inconnu', date: attrs['w:date'] ?? null, text: '', anchor: '' }
          paragraphs = []
        } else if (name === 'w:p' && current) paragraphs.push('')
        else if (name === 'w:t') inText = true
      },
      ontext(text) {
        if (current && inText) paragraphs[Math.max(0, paragraphs.length - 1)] = (paragraphs[paragraphs.length - 1] ?? '') + text
      },
      onclosetag(name) {
        if (name === 'w:t') inText = false
        if (name === 'w:comment' && current) {
          current.text = paragraphs.map((p) => p.trim()).filter(Boolean).join('\n')
          current.anchor = (anchors.get(current.id) ?? '').replace(/\s+/g, ' ').trim()
          comments.push(current)
          current = null
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  )
  parser.write(xml)
  parser.end()
  return comments
}
