/**
 * The Word redline one can accept: the newer text as a document whose every
 * difference from the older one is a revision (`w:ins` / `w:del`, paragraph
 * marks included), so that « accept all » gives exactly the newer text and
 * « reject all » the older one. What is not text — the summary, the status
 * of the fiches, the classement changes — sits in a first section, « Note
 * de présentation », outside the tracked body. Typographic differences can
 * be left out of the revisions (the body then carries the newer typography)
 * and their number is said on the first page. Also the Word export of one
 * version: the same document without revisions, fiches as Word headings.
 */
import { DeletedTextRun, Document, HeadingLevel, InsertedTextRun, Packer, Paragraph, SectionType, TextRun, type ParagraphChild } from 'docx'
import { anchorThreads, placeComments, type CommentAnchor, type RedlineThread } from './docx-comments.ts'
import type { Texte } from '@paritaire/schema'
import type { Author, ChangeSet, Segment } from '../change-set.ts'
import { FICHE_STATUS_LABELS, ficheHeading } from './common.ts'
import { Revisions, defaultAuthor, summaryParagraphs, xmlSafe } from './docx-runs.ts'
import { redlineDocument, texteDocument, type DocParagraph, type DocStyle } from './texte-document.ts'

export interface RedlineDocxOptions {
  title?: string
  /**
   * Leave typographic differences (apostrophes, capital accents, spacing)
   * out of the revisions. Default: on when the comparison has changes of
   * substance, off when it is typography only (then that is the news).
   */
  omitTypography?: boolean
  /**
   * Discussion threads to add as Word comments, anchored at their words in
   * the newer text when found, else at their fiche's heading. The caller
   * passes only threads every reader may see (shared with the negotiation).
   */
  threads?: readonly RedlineThread[]
}

const HEADINGS: Partial<Record<DocStyle, (typeof HeadingLevel)[keyof typeof HeadingLevel]>> = {
  title: HeadingLevel.TITLE,
  part: HeadingLevel.HEADING_1,
  filiere: HeadingLevel.HEADING_1,
  fiche: HeadingLevel.HEADING_2,
  section: HeadingLevel.HEADING_3,
  group: HeadingLevel.HEADING_4,
}

/** Minor segments folded into the newer text; returns how many typographic differences were left out. */
export function withoutTypography(segments: readonly Segment[]): { segments: Segment[]; omitted: number } {
  const out: Segment[] = []
  let omitted = 0
  segments.forEach((s, i) => {
    if (!s.minor) {
      out.push(s)
      return
    }
    if (s.op === 'ins' || !(segments[i + 1]?.op === 'ins' && segments[i + 1]?.minor)) omitted++
    if (s.op === 'ins') out.push({ op: 'equal', text: s.text })
  })
  return { segments: out, omitted }
}

function paragraph(p: DocParagraph, rev: Revisions | null, anchors: readonly CommentAnchor[] = []): Paragraph {
  const author: Author | undefined = p.author
  const run = (s: Segment): ParagraphChild => {
    const text = xmlSafe(s.text)
    if (s.op === 'equal' || !rev) return new TextRun({ text })
    const attrs = { text, ...rev.attrs(author) }
    return s.op === 'ins' ? new InsertedTextRun(attrs) : new DeletedTextRun(attrs)
  }
  const children: ParagraphChild[] = anchors.length ? placeComments(p.segments, anchors, run) : p.segments.map(run)
  // A paragraph wholly inserted or deleted: its mark too, so that rejecting (accepting) leaves no empty paragraph.
  const all = (op: Segment['op']): boolean => p.segments.length > 0 && p.segments.every((s) => s.op === op)
  const mark = rev && all('ins') ? { insertion: rev.attrs(author) } : rev && all('del') ? { deletion: rev.attrs(author) } : {}
  const heading = HEADINGS[p.style]
  return new Paragraph({
    children,
    ...(heading ? { heading } : {}),
    ...(p.style === 'item' ? { bullet: { level: Math.min(p.depth, 8) } } : {}),
    ...(Object.keys(mark).length ? { run: mark } : {}),
  })
}

function noteParagraphs(cs: ChangeSet, title: string, omitted: number | null): Paragraph[] {
  const out: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(xmlSafe(title))] }),
    new Paragraph({ children: [new TextRun({ text: 'Note de présentation — hors texte : les modifications suivies commencent à la page suivante. ' +
      '« Accepter toutes les modifications » donne la rédaction proposée, « Refuser toutes les modifications » la rédaction actuelle.', italics: true })] }),
  ]
  if (omitted !== null && omitted > 0) {
    out.push(new Paragraph({ children: [new TextRun({ text: `${omitted} différence${omitted > 1 ? 's' : ''} typographique${omitted > 1 ? 's' : ''} (apostrophes, majuscules accentuées, espaces) laissée${omitted > 1 ? 's' : ''} hors des révisions : le texte ci-après porte la typographie de la rédaction proposée.`, bold: true })] }))
  }
  out.push(...summaryParagraphs(cs))
  const changed = cs.fiches.filter((f) => f.status !== 'unchanged' && !f.typographyOnly)
  if (changed.length > 0) {
    out.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Fiches concernées')] }))
    for (const f of changed) {
      const status = `${FICHE_STATUS_LABELS[f.status]}${f.moved && f.status !== 'moved' ? ', déplacée' : ''}`
      out.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun(xmlSafe(`${ficheHeading(f)} — ${status}`))] }))
    }
  }
  const typo = cs.fiches.filter((f) => f.typographyOnly).length
  if (typo > 0) out.push(new Paragraph({ children: [new TextRun(`${typo} fiche${typo > 1 ? 's ne diffèrent' : ' ne diffère'} que par la typographie.`)] }))
  return out
}

/** Substance: some fiche or part changed beyond typography. */
const hasSubstance = (cs: ChangeSet): boolean =>
  cs.fiches.some((f) => f.status === 'added' || f.status === 'removed' || (f.status === 'modified' && !f.typographyOnly)) ||
  cs.parts.some((p) => p.status !== 'unchanged')

/** The redline of `diffTextes(older, newer)` as a Word document one can accept. */
export async function renderRedlineDocx(cs: ChangeSet, older: Texte, newer: Texte, options: RedlineDocxOptions = {}): Promise<Uint8Array> {
  const omit = options.omitTypography ?? hasSubstance(cs)
  let omitted = 0
  const body = redlineDocument(cs, older, newer).map((p) => {
    if (!omit) return p
    const r = withoutTypography(p.segments)
    omitted += r.omitted
    return { ...p, segments: r.segments }
  })
  const rev = new Revisions(defaultAuthor(cs))
  const title = options.title ?? 'Comparaison de versions'
  const shown = body.filter((p) => p.segments.length > 0)
  const { anchors, comments } = anchorThreads(shown, options.threads ?? [])
  const doc = new Document({
    creator: 'Paritaire',
    title,
    description: 'Texte proposé avec modifications suivies',
    features: { trackRevisions: true },
    ...(comments.length ? { comments: { children: comments } } : {}),
    sections: [
      { children: noteParagraphs(cs, title, omit ? omitted : null) },
      { properties: { type: SectionType.NEXT_PAGE }, children: shown.map((p, i) => paragraph(p, rev, anchors.get(i))) },
    ],
  })
  return Packer.pack(doc, 'uint8array')
}

/** One version as a Word document: fiches as headings (filière: Titre 1, fiche: Titre 2, section: Titre 3). */
export async function renderTexteDocx(t: Texte, options: { title?: string } = {}): Promise<Uint8Array> {
  const doc = new Document({
    creator: 'Paritaire',
    title: options.title ?? t.title,
    sections: [{ children: texteDocument(t).filter((p) => p.segments.length > 0).map((p) => paragraph(p, null)) }],
  })
  return Packer.pack(doc, 'uint8array')
}
