/**
 * `importDocx`: a Word file's bytes in, a `Texte` out, read by the text
 * families (a .docx is usually one of the text layouts once read: headings
 * and bold as `**…**`, list paragraphs as "- " bullets, table rows as
 * tab-separated lines). Tracked changes are not silently accepted: the text
 * is read twice — without the changes (as it was before the revisions) and
 * with them (as the file now reads) — so that the redline between the two is
 * the change set of the revisions; each change keeps its author and date,
 * and the authors are listed for mapping to organisations. Comments are
 * returned with their author, date and anchored text.
 */
import type { Texte } from '../../model.ts'
import type { ImportFamily } from '../families.ts'
import type { ImportWarning } from '../errors.ts'
import { importTexte } from '../import-texte.ts'
import { readCommentsXml, readDocumentXml, type DocxBlock, type DocxComment, type DocxParagraph, type DocxRun } from './read-ooxml.ts'
import { unzipDocx } from './unzip-docx.ts'

export interface TrackedChange {
  type: 'ins' | 'del'
  author: string
  date: string | null
  text: string
}

export interface DocxImport {
  /** The text with its tracked changes accepted (as the file now reads). */
  texte: Texte
  family: ImportFamily
  warnings: ImportWarning[]
  /** The text without the tracked changes; null when the file has none. */
  original: Texte | null
  changes: TrackedChange[]
  /** Every author of a change or comment, in order of appearance. */
  authors: string[]
  /** Authors matching none of `knownAuthors` (to map to organisations). */
  unknownAuthors: string[]
  comments: DocxComment[]
  notes: string[]
}

export interface DocxOptions {
  family?: ImportFamily
  fileName?: string
  /** Names already mapped to organisations (authors matched case-insensitively). */
  knownAuthors?: readonly string[]
}

type Side = 'original' | 'accepted'

export function importDocx(bytes: Uint8Array, options: DocxOptions = {}): DocxImport {
  const parts = unzipDocx(bytes)
  const { blocks, anchors } = readDocumentXml(parts.document)
  const comments = parts.comments ? readCommentsXml(parts.comments, anchors) : []
  const changes = collectChanges(blocks)
  const base = { ...(options.fileName ? { fileName: options.fileName } : {}), ...(options.family ? { family: options.family } : {}) }
  const accepted = importTexte(blocksToSource(blocks, 'accepted'), base)
  const original = changes.length > 0 ? importTexte(blocksToSource(blocks, 'original'), { ...base, family: accepted.family }).texte : null

  const authors: string[] = []
  for (const author of [...changes.map((c) => c.author), ...comments.map((c) => c.author)]) if (!authors.includes(author)) authors.push(author)
  const known = new Set((options.knownAuthors ?? []).map((a) => a.trim().toLowerCase()))
  const unknownAuthors = authors.filter((a) => !known.has(a.toLowerCase()))
  const warnings = [...accepted.warnings]
  const notes: string[] = []
  if (changes.length > 0) {
    const message = `${changes.length} modification(s) suivie(s) de ${authors.filter((a) => changes.some((c) => c.author === a)).join(', ')} : le texte importé les accepte ; le texte sans elles est conservé pour la comparaison.`
    warnings.push({ code: 'DOCX_TRACKED_CHANGES', message })
    notes.push(message)
  }
  if (comments.length > 0) {
    const message = `${comments.length} commentaire(s) Word (${[...new Set(comments.map((c) => c.author))].join(', ')}) extrait(s), à reprendre en fils de discussion.`
    warnings.push({ code: 'DOCX_COMMENTS', message })
    notes.push(message)
  }
  if (unknownAuthors.length > 0) notes.push(`Auteurs à associer à une organisation : ${unknownAuthors.join(', ')}.`)
  return { texte: accepted.texte, family: accepted.family, warnings, original, changes, authors, unknownAuthors, comments, notes }
}

function collectChanges(blocks: readonly DocxBlock[]): TrackedChange[] {
  const changes: TrackedChange[] = []
  const visit = (p: DocxParagraph): void => {
    for (const run of p.runs) {
      if (!run.change) continue
      const last = changes[changes.length - 1]
      if (last && last.type === run.change.type && last.author === run.change.author && last.date === run.change.date && lastRunChange === run.change) last.text += run.text
      else changes.push({ ...run.change, text: run.text })
      lastRunChange = run.change
    }
    lastRunChange = null
  }
  let lastRunChange: DocxRun['change'] = null
  for (const block of blocks) {
    if (block.type === 'paragraph') visit(block)
    else for (const row of block.rows) for (const cell of new Set(row)) for (const p of cell) visit(p)
  }
  return changes
}

/** The document as plain text in the text families' conventions, one side of the tracked changes. */
export function blocksToSource(blocks: readonly DocxBlock[], side: Side): string {
  const lines: string[] = []
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      const text = paragraphText(block, side)
      if (text.trim() === '' && block.runs.length > 0 && block.runs.every((r) => r.change)) continue // a paragraph wholly of the other side
      lines.push(...text.split('\n'))
      continue
    }
    lines.push('')
    for (const row of block.rows) lines.push(row.map((cell) => cell.map((p) => plainOf(p, side)).filter(Boolean).join(' ').replace(/\t/g, ' ')).join('\t'))
    lines.push('')
  }
  return lines.join('\n')
}

function keep(run: DocxRun, side: Side): boolean {
  if (!run.change) return true
  return side === 'accepted' ? run.change.type === 'ins' : run.change.type === 'del'
}

function plainOf(p: DocxParagraph, side: Side): string {
  return p.runs.filter((r) => keep(r, side)).map((r) => r.text).join('').replace(/\s+/g, ' ').trim()
}

function paragraphText(p: DocxParagraph, side: Side): string {
  let text = ''
  for (const run of p.runs) {
    if (!keep(run, side)) continue
    const bold = run.bold || p.heading !== null
    text += bold && run.text.trim() ? run.text.replace(/^(\s*)(.*?)(\s*)$/su, '$1**$2**$3') : run.text
  }
  text = text.replace(/\*\*(\s*)\*\*/g, '$1')
  if (p.list !== null && text.trim()) return `${'  '.repeat(p.list)}- ${text.trim()}`
  return text
}
