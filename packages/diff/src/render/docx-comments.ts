/**
 * Discussion threads as Word comments in the redline: each thread (its
 * opening comment, then its replies, threaded under it) is anchored at its
 * words in the newer text of its fiche when they are found there, else at
 * the fiche's heading (the words were changed or deleted: the comment then
 * quotes them). The `docx` package writes word/comments.xml and its
 * relationships and content types; this places the ranges
 * (`w:commentRangeStart` / `w:commentRangeEnd` / `w:commentReference`)
 * inside the redline's runs, splitting a run where a range starts or ends.
 * Which threads may go in is the caller's rule: only shared ones.
 */
import { CommentRangeEnd, CommentRangeStart, CommentReference, Paragraph, TextRun, type ICommentOptions, type ParagraphChild } from 'docx'
import type { Segment } from '../change-set.ts'
import { xmlSafe } from './docx-runs.ts'
import { paragraphText, type DocParagraph } from './texte-document.ts'

export interface RedlineComment {
  author: string
  organisation: string
  /** ISO 8601. */
  date: string
  body: string
}

export interface RedlineThread {
  /** The fiche's id in the compared texts (its key). */
  ficheId: string
  /** The words the thread was opened on. */
  quote: string
  resolved: boolean
  /** The opening comment first, then the replies. */
  comments: RedlineComment[]
}

/** A range of one paragraph, in offsets of its newer text, holding some comments. */
export interface CommentAnchor {
  ids: number[]
  start: number
  end: number
}

const ENDS_FICHE = new Set(['fiche', 'filiere', 'part'])

function commentParagraphs(c: RedlineComment, preface: string[]): Paragraph[] {
  const lines = xmlSafe(c.body).split('\n')
  return [
    ...preface.map((p) => new Paragraph({ children: [new TextRun({ text: xmlSafe(p), italics: true })] })),
    ...lines.map((l) => new Paragraph({ children: [new TextRun(l)] })),
  ]
}

/**
 * Where each thread goes among the redline's paragraphs (by paragraph
 * index) and the Word comments to declare. Threads without comments are left out.
 */
export function anchorThreads(paragraphs: readonly DocParagraph[], threads: readonly RedlineThread[]): { anchors: Map<number, CommentAnchor[]>; comments: ICommentOptions[] } {
  const anchors = new Map<number, CommentAnchor[]>()
  const comments: ICommentOptions[] = []
  let next = 0
  for (const t of threads) {
    if (t.comments.length === 0) continue
    const heading = paragraphs.findIndex((p) => p.style === 'fiche' && p.ficheId === t.ficheId)
    const quote = t.quote.trim()
    let at: { index: number; start: number; end: number } | null = null
    if (heading >= 0 && quote) {
      // The heading itself first (a thread on the intitulé), then the fiche's paragraphs.
      for (let i = heading; i < paragraphs.length && (i === heading || !ENDS_FICHE.has(paragraphs[i]!.style)); i++) {
        const found = paragraphText(paragraphs[i]!, 'new').indexOf(quote)
        if (found >= 0) {
          at = { index: i, start: found, end: found + quote.length }
          break
        }
      }
    }
    const onWords = at !== null
    if (!at) {
      const index = Math.max(heading, 0)
      at = { index, start: 0, end: paragraphs[index] ? paragraphText(paragraphs[index], 'new').length : 0 }
    }
    const ids = t.comments.map(() => next++)
    const preface = [
      ...(!onWords && quote ? [`Sur les mots « ${quote} » (absents de la rédaction proposée).`] : []),
      ...(t.resolved ? ['Fil résolu.'] : []),
    ]
    t.comments.forEach((c, i) => {
      const date = new Date(c.date)
      comments.push({
        id: ids[i]!,
        author: xmlSafe(`${c.author} (${c.organisation})`),
        initials: xmlSafe(c.organisation).slice(0, 8),
        ...(Number.isNaN(date.getTime()) ? {} : { date }),
        ...(i > 0 ? { parentId: ids[0]! } : {}),
        ...(t.resolved ? { resolved: true } : {}),
        children: commentParagraphs(c, i === 0 ? preface : []),
      })
    })
    const list = anchors.get(at.index) ?? []
    list.push({ ids, start: at.start, end: at.end })
    anchors.set(at.index, list)
  }
  return { anchors, comments }
}

/**
 * A paragraph's runs with the comment ranges placed: a range's start and
 * end are offsets in the newer text (equal and inserted segments; deleted
 * ones do not count), runs are split there.
 */
export function placeComments(segments: readonly Segment[], anchors: readonly CommentAnchor[], run: (s: Segment) => ParagraphChild): ParagraphChild[] {
  const out: ParagraphChild[] = []
  const started = new Set<CommentAnchor>()
  const ended = new Set<CommentAnchor>()
  const end = (a: CommentAnchor) => {
    for (const id of a.ids) out.push(new CommentRangeEnd(id))
    for (const id of a.ids) out.push(new TextRun({ children: [new CommentReference(id)] }))
    ended.add(a)
  }
  const flush = (x: number) => {
    for (const a of anchors) if (started.has(a) && !ended.has(a) && a.end <= x) end(a)
    for (const a of anchors) {
      if (started.has(a) || a.start > x) continue
      for (const id of a.ids) out.push(new CommentRangeStart(id))
      started.add(a)
      if (a.end <= x) end(a)
    }
  }
  let pos = 0
  flush(0)
  for (const s of segments) {
    if (s.op === 'del') {
      out.push(run(s))
      continue
    }
    const cuts = [...new Set(anchors.flatMap((a) => [a.start, a.end]))].filter((x) => x > pos && x < pos + s.text.length).sort((a, b) => a - b)
    let from = pos
    for (const cut of cuts) {
      out.push(run({ ...s, text: s.text.slice(from - pos, cut - pos) }))
      flush(cut)
      from = cut
    }
    out.push(run({ ...s, text: s.text.slice(from - pos) }))
    pos += s.text.length
    flush(pos)
  }
  // Ranges beyond the text (it changed under them) end with the paragraph.
  for (const a of anchors) {
    if (!started.has(a)) for (const id of a.ids) out.push(new CommentRangeStart(id))
    started.add(a)
    if (!ended.has(a)) end(a)
  }
  return out
}
