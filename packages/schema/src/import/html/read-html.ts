/**
 * Hostile HTML (KALI articles, pasted Word) read into a flat list of lines
 * and tables, with a real streaming parser (htmlparser2: pure, runs in Node
 * and in a browser or worker). Only text survives: bold and italic as marks,
 * list items as bullets, table cells with their spans. Scripts, styles,
 * embedded objects and every attribute are dropped with their content; other
 * unknown tags are dropped but their text kept, so that nothing of the
 * wording is lost and no markup reaches the fiche model.
 */
import { Parser } from 'htmlparser2'
import type { Inline, Mark } from '../../model.ts'

export interface HtmlLine {
  type: 'line'
  runs: Inline[]
  /** Nesting depth of the list item this line opens (0 = first level), or null. */
  bullet: number | null
  /** From a heading element (h1–h6). */
  heading: boolean
}

export interface HtmlCell {
  /** The cell's lines (a `<br>` or a paragraph inside the cell opens a new one). */
  lines: string[]
  /** Every piece of text in the cell is bold (a level row, a header). */
  bold: boolean
  header: boolean
  rowspan: number
  colspan: number
}

export interface HtmlTable {
  type: 'table'
  rows: HtmlCell[][]
}

export type HtmlBlock = HtmlLine | HtmlTable

/** Elements whose content is never text of the document. */
const DROPPED_WITH_CONTENT = new Set([
  'script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'applet', 'svg', 'math',
  'head', 'title', 'textarea', 'select', 'option', 'button', 'canvas', 'audio', 'video', 'map', 'frameset',
])
/** Elements that end the line before them and open a new one. */
const BLOCK = new Set([
  'p', 'div', 'center', 'blockquote', 'pre', 'section', 'article', 'header', 'footer', 'aside', 'nav',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'dt', 'dd', 'dl', 'ul', 'ol', 'br', 'hr', 'caption', 'address', 'figure', 'figcaption',
])
const BOLD = new Set(['b', 'strong', 'th'])
const ITALIC = new Set(['i', 'em', 'cite'])
const HEADING = /^h[1-6]$/

interface OpenCell {
  cell: HtmlCell
  current: string
  /** Text seen in the cell, and text seen outside bold. */
  sawText: boolean
  sawPlain: boolean
}

interface OpenTable {
  table: HtmlTable
  row: HtmlCell[] | null
  cell: OpenCell | null
}

function span(value: string | undefined): number {
  const n = Number.parseInt(value ?? '1', 10)
  // A hostile rowspan="100000" must not blow the grid up.
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 200) : 1
}

/** Reads HTML into lines and tables; never throws on malformed markup. */
export function readHtml(html: string): HtmlBlock[] {
  const blocks: HtmlBlock[] = []
  let runs: Inline[] = []
  let bullet: number | null = null
  let heading = false
  let skip = 0
  let bold = 0
  let italic = 0
  let listDepth = 0
  /** Depth of tables inside a cell of the open table: read as lines of that cell. */
  let nested = 0
  const tables: OpenTable[] = []

  const marks = (): Mark[] => {
    const m: Mark[] = []
    if (bold > 0) m.push('bold')
    if (italic > 0) m.push('italic')
    return m
  }
  const flushCellLine = (open: OpenCell): void => {
    const text = open.current.replace(/\s+/g, ' ').trim()
    if (text) open.cell.lines.push(text)
    open.current = ''
  }
  const flushLine = (): void => {
    const table = tables[tables.length - 1]
    if (table?.cell) {
      flushCellLine(table.cell)
      return
    }
    const cleaned = collapse(runs)
    if (cleaned.length > 0) blocks.push({ type: 'line', runs: cleaned, bullet, heading })
    runs = []
    bullet = null
    heading = false
  }

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (skip > 0 || DROPPED_WITH_CONTENT.has(name)) {
          if (DROPPED_WITH_CONTENT.has(name)) skip++
          return
        }
        const table = tables[tables.length - 1]
        if (name === 'table') {
          if (table) {
            // A table inside a cell: its cells become lines of that cell.
            nested++
            if (table.cell) flushCellLine(table.cell)
            return
          }
          flushLine()
          tables.push({ table: { type: 'table', rows: [] }, row: null, cell: null })
          return
        }
        if (table && nested > 0 && (name === 'tr' || name === 'td' || name === 'th')) {
          if (table.cell) flushCellLine(table.cell)
          return
        }
        if (table) {
          if (name === 'tr') {
            closeCell(table)
            table.row = []
            table.table.rows.push(table.row)
            return
          }
          if (name === 'td' || name === 'th') {
            closeCell(table)
            if (!table.row) {
              table.row = []
              table.table.rows.push(table.row)
            }
            const cell: HtmlCell = { lines: [], bold: false, header: name === 'th', rowspan: span(attributes.rowspan), colspan: span(attributes.colspan) }
            table.row.push(cell)
            table.cell = { cell, current: '', sawText: false, sawPlain: false }
            if (name === 'th') bold++
            return
          }
        }
        if (BLOCK.has(name)) flushLine()
        if (name === 'ul' || name === 'ol') listDepth++
        if (name === 'li') bullet = Math.max(0, listDepth - 1)
        if (HEADING.test(name)) {
          heading = true
          bold++
        }
        if (BOLD.has(name)) bold++
        if (ITALIC.has(name)) italic++
      },
      ontext(text) {
        if (skip > 0) return
        const table = tables[tables.length - 1]
        if (table?.cell) {
          table.cell.current += text
          if (text.trim()) {
            table.cell.sawText = true
            if (bold === 0) table.cell.sawPlain = true
          }
          return
        }
        if (table) return // text between cells: whitespace of the markup
        const last = runs[runs.length - 1]
        const m = marks()
        if (last && last.marks.join() === m.join()) last.text += text
        else runs.push({ text, marks: m })
      },
      onclosetag(name) {
        if (DROPPED_WITH_CONTENT.has(name)) {
          if (skip > 0) skip--
          return
        }
        if (skip > 0) return
        const table = tables[tables.length - 1]
        if (table && nested > 0 && (name === 'table' || name === 'td' || name === 'th' || name === 'tr')) {
          if (name === 'table') nested--
          if (table.cell) flushCellLine(table.cell)
          return
        }
        if (name === 'table' && table) {
          closeCell(table)
          tables.pop()
          if (table.table.rows.some((r) => r.length > 0)) blocks.push({ ...table.table, rows: table.table.rows.filter((r) => r.length > 0) })
          return
        }
        if (table && (name === 'td' || name === 'th')) {
          if (name === 'th' && bold > 0) bold--
          closeCell(table)
          return
        }
        if (table && name === 'tr') {
          closeCell(table)
          table.row = null
          return
        }
        if (BLOCK.has(name)) flushLine()
        if (name === 'ul' || name === 'ol') listDepth = Math.max(0, listDepth - 1)
        if (HEADING.test(name) && bold > 0) bold--
        if (BOLD.has(name) && bold > 0) bold--
        if (ITALIC.has(name) && italic > 0) italic--
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  )

  function closeCell(table: OpenTable): void {
    const open = table.cell
    if (!open) return
    flushCellLine(open)
    open.cell.bold = open.sawText && !open.sawPlain
    table.cell = null
  }

  parser.write(html)
  parser.end()
  while (tables.length > 0) {
    const table = tables.pop() as OpenTable
    closeCell(table)
    if (table.table.rows.length > 0) blocks.push(table.table)
  }
  flushLine()
  return blocks
}

/** Runs with spacing collapsed, empty ones removed, ends trimmed. */
function collapse(runs: readonly Inline[]): Inline[] {
  const out: Inline[] = []
  for (const run of runs) {
    const text = run.text.replace(/[\s\u00A0\u200B]+/g, ' ')
    const last = out[out.length - 1]
    if (last && last.marks.join() === run.marks.join()) last.text += text
    else out.push({ text, marks: [...run.marks] })
  }
  for (let i = 1; i < out.length; i++) {
    const prev = out[i - 1] as Inline
    const cur = out[i] as Inline
    if (prev.text.endsWith(' ') && cur.text.startsWith(' ')) cur.text = cur.text.slice(1)
  }
  const first = out[0]
  if (first) first.text = first.text.trimStart()
  const last = out[out.length - 1]
  if (last) last.text = last.text.trimEnd()
  return out.filter((r) => r.text.length > 0)
}

/** The text of a line, with `**` around its bold runs (as the text families read it). */
export function lineSource(line: HtmlLine): string {
  const text = line.runs.map((r) => (r.marks.includes('bold') && r.text.trim() ? `**${r.text.trim()}**${r.text.endsWith(' ') ? ' ' : ''}` : r.text)).join('')
  return line.bullet === null ? text : `${'  '.repeat(line.bullet)}- ${text}`
}

/** The plain text of a line. */
export function lineText(line: HtmlLine): string {
  return line.runs.map((r) => r.text).join('')
}

/**
 * A table's rows as a rectangular matrix: a cell spanning several rows or
 * columns is carried into each (merged cells "carried down"); `spanned`
 * marks the copies.
 */
export function expandTable(table: HtmlTable): { cell: HtmlCell; spanned: boolean }[][] {
  const grid: ({ cell: HtmlCell; spanned: boolean } | undefined)[][] = []
  table.rows.forEach((row, r) => {
    grid[r] ??= []
    let c = 0
    for (const cell of row) {
      while (grid[r]?.[c]) c++
      for (let dr = 0; dr < cell.rowspan && r + dr < table.rows.length; dr++) {
        grid[r + dr] ??= []
        for (let dc = 0; dc < cell.colspan && c + dc < 64; dc++) {
          ;(grid[r + dr] as ({ cell: HtmlCell; spanned: boolean } | undefined)[])[c + dc] = { cell, spanned: dr > 0 || dc > 0 }
        }
      }
      c += cell.colspan
    }
  })
  const width = Math.max(0, ...grid.map((r) => r.length))
  const empty: HtmlCell = { lines: [], bold: false, header: false, rowspan: 1, colspan: 1 }
  return grid.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? { cell: empty, spanned: false }))
}

/** A cell's text on one line ("Manageur/" + "Manageuse de" + "rayon 2" → "Manageur/Manageuse de rayon 2"). */
export function cellText(cell: HtmlCell): string {
  let out = ''
  for (const line of cell.lines) out = out === '' ? line : /[/-]$/.test(out) ? `${out}${line}` : `${out} ${line}`
  return out.trim()
}
