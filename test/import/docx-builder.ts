/**
 * Builds real Word files for the import tests with the `docx` package: a
 * text's lines as paragraphs (`**bold**` as bold runs, "- " lines as
 * bulleted paragraphs, tab-separated lines as table rows), plus tracked
 * changes and comments placed on given words, and hostile variants (macros,
 * zip bombs, encrypted) assembled with fflate.
 */
import {
  CommentRangeEnd, CommentRangeStart, CommentReference, DeletedTextRun, Document, InsertedTextRun, Packer, Paragraph,
  Table, TableCell, TableRow, TextRun, VerticalMergeType, type ParagraphChild,
} from 'docx'
import { strToU8, unzipSync, zipSync } from 'fflate'

export interface Revision {
  /** The words of a line that the revision replaces (deleted), or after which it inserts. */
  find: string
  /** Deleted words (must equal `find` for a replacement), or null for a pure insertion after `find`. */
  deleted: string | null
  inserted: string | null
  author: string
  date: string
}

export interface CommentSpec {
  /** Words of a line the comment is anchored on. */
  find: string
  author: string
  date: string
  text: string
}

function runs(text: string): TextRun[] {
  return text.split('**').map((part, i) => new TextRun({ text: part, bold: i % 2 === 1 })).filter((_, i, a) => a.length > 0)
}

export async function buildDocx(lines: readonly string[], options: { revisions?: Revision[]; comments?: CommentSpec[]; mergeFirstColumn?: boolean } = {}): Promise<Uint8Array> {
  const revisions = options.revisions ?? []
  const comments = options.comments ?? []
  let changeId = 1
  const children: (Paragraph | Table)[] = []
  let table: string[][] = []
  const flushTable = (): void => {
    if (table.length === 0) return
    const rows = table.map((cells, r) => new TableRow({
      children: cells.map((cell, c) => {
        // Merge the first column's repeated values vertically, as Word does.
        const merge = options.mergeFirstColumn && c === 0 && r > 1
          ? (table[r - 1]?.[0] === cell ? VerticalMergeType.CONTINUE : table[r + 1]?.[0] === cell ? VerticalMergeType.RESTART : undefined)
          : options.mergeFirstColumn && c === 0 && r === 1 && table[2]?.[0] === cell ? VerticalMergeType.RESTART : undefined
        const text = merge === VerticalMergeType.CONTINUE ? '' : cell
        return new TableCell({ children: [new Paragraph({ children: runs(text) })], ...(merge ? { verticalMerge: merge } : {}) })
      }),
    }))
    children.push(new Table({ rows }))
    table = []
  }
  for (const raw of lines) {
    const line = raw.replace(/\s+$/u, '')
    if (line.includes('\t')) {
      table.push(line.split('\t'))
      continue
    }
    flushTable()
    const bullet = /^- (.*)$/u.exec(line)
    const text = bullet ? (bullet[1] as string) : line
    const revision = revisions.find((r) => text.includes(r.find))
    const comment = comments.find((c) => text.includes(c.find))
    let parts: ParagraphChild[]
    if (revision) {
      const at = text.indexOf(revision.find)
      const before = text.slice(0, at)
      const after = text.slice(at + revision.find.length)
      const meta = { author: revision.author, date: revision.date }
      parts = [
        ...runs(before),
        ...(revision.deleted !== null ? [new DeletedTextRun({ id: changeId++, ...meta, text: revision.deleted })] : [new TextRun(revision.find)]),
        ...(revision.inserted !== null ? [new InsertedTextRun({ id: changeId++, ...meta, text: revision.inserted })] : []),
        ...runs(after),
      ]
    } else if (comment) {
      const id = comments.indexOf(comment)
      const at = text.indexOf(comment.find)
      parts = [
        ...runs(text.slice(0, at)),
        new CommentRangeStart(id),
        new TextRun(comment.find),
        new CommentRangeEnd(id),
        new TextRun({ children: [new CommentReference(id)] }),
        ...runs(text.slice(at + comment.find.length)),
      ]
    } else {
      parts = runs(text)
    }
    children.push(new Paragraph({ children: parts, ...(bullet ? { bullet: { level: 0 } } : {}) }))
  }
  flushTable()
  const doc = new Document({
    comments: { children: comments.map((c, id) => ({ id, author: c.author, date: new Date(c.date), children: [new Paragraph(c.text)] })) },
    sections: [{ children }],
  })
  return new Uint8Array(await Packer.toBuffer(doc))
}

/** The same file with one more entry (e.g. a macro project). */
export function withEntry(docx: Uint8Array, name: string, content: Uint8Array): Uint8Array {
  const files = unzipSync(docx)
  files[name] = new Uint8Array(content)
  return zipSync(files)
}

/** A zip whose document part inflates to `megabytes` of spaces (a zip bomb). */
export function zipBomb(megabytes: number): Uint8Array {
  return zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': new Uint8Array(megabytes * 1024 * 1024).fill(32) }, { level: 9 })
}
