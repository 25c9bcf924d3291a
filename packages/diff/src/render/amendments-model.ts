/**
 * The pending amendments of a fiche as the tableau des amendements reads
 * them: the fiche's editor JSON (suggestion marks and field proposals
 * included) walked into blocks of runs, each run either current text, a
 * proposed insertion or a proposed deletion, with the amendment (its
 * organisation, author and time) that proposes it. Read straight from the
 * marks, not from a diff: every word is credited to the organisation whose
 * amendment it is, even when two organisations amend the same paragraph.
 * Pure data in and out, so the rendering can run in a worker.
 */
import {
  AMENDABLE_FIELDS, AMENDMENT_MARK, NODE, SECTION_LABELS, editorJsonToFiche, listAmendments,
  type Amendment, type SectionName,
} from '@paritaire/schema'
import { ficheTitleLine } from './texte-document.ts'

/** The editor JSON (TipTap's `JSONContent`), as the schema package takes it. */
type JSONContent = Parameters<typeof listAmendments>[0]

/** Who proposes one amendment. */
export interface AmendmentBy {
  id: string
  organisationId: string
  /** The organisation's name: the Word revision's author. */
  organisation: string
  author: string
  /** ISO 8601: the Word revision's date. */
  date: string
}

export interface AmendedRun {
  op: 'equal' | 'ins' | 'del'
  text: string
  /** The amendments proposing this run (several only when organisations propose to delete the same words); empty for `equal`. */
  by: AmendmentBy[]
}

export interface AmendedBlock {
  kind: 'intitule' | 'paragraph' | 'item' | 'groupTitle'
  depth: number
  runs: AmendedRun[]
}

/** A proposed value of a classement field. */
export interface AmendedField {
  field: string
  label: string
  old: string | number | null
  new: string | number | null
  by: AmendmentBy
}

export interface AmendedSection {
  section: string
  label: string
  fields: AmendedField[]
  /** Only the blocks that hold an amendment. */
  blocks: AmendedBlock[]
}

export interface AmendedFiche {
  ficheId: string
  /** « 155. Opérateur vendeur 1er niveau (Z.C.II.1) », current wording. */
  heading: string
  /** Only the sections that hold an amendment. */
  sections: AmendedSection[]
  /** Every pending amendment of the fiche, in document order. */
  amendments: AmendmentBy[]
}

/** The whole tableau: what the renderers take. */
export interface AmendmentTableau {
  title: string
  /** ISO 8601: when the live text was read. */
  at: string
  fiches: AmendedFiche[]
}

type Mark = { type?: string; attrs?: Record<string, unknown> }

const ZWSP = /\u200B/g

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '')

function byOf(attrs: Record<string, unknown> | undefined): AmendmentBy {
  const a = attrs ?? {}
  return { id: str(a.id), organisationId: str(a.organisationId), organisation: str(a.organisationName) || str(a.organisationId), author: str(a.authorName), date: str(a.createdAt) }
}

const byOfAmendment = (a: Amendment): AmendmentBy =>
  ({ id: a.id, organisationId: a.organisationId, organisation: a.organisationName || a.organisationId, author: a.authorName, date: a.createdAt })

const marksOf = (n: JSONContent): Mark[] => (Array.isArray(n.marks) ? (n.marks as Mark[]).filter((m) => m && typeof m === 'object') : [])
const childrenOf = (n: JSONContent): JSONContent[] => (Array.isArray(n.content) ? n.content.filter((c) => c && typeof c === 'object') : [])

/** The suggestion a node carries (insertion wins: the deletion of proposed text is the withdrawal of that text). */
function suggestion(marks: Mark[]): { op: 'ins' | 'del'; by: AmendmentBy[] } | null {
  const ins = marks.filter((m) => m.type === AMENDMENT_MARK.insertion)
  if (ins.length) return { op: 'ins', by: ins.map((m) => byOf(m.attrs)) }
  const del = marks.filter((m) => m.type === AMENDMENT_MARK.deletion)
  if (del.length) return { op: 'del', by: del.map((m) => byOf(m.attrs)) }
  return null
}

const sameBy = (a: AmendmentBy[], b: AmendmentBy[]): boolean =>
  a.length === b.length && a.every((x, i) => x.id === b[i]!.id && x.organisationId === b[i]!.organisationId)

function pushRun(runs: AmendedRun[], run: AmendedRun): void {
  if (run.text === '') return
  const last = runs[runs.length - 1]
  if (last && last.op === run.op && sameBy(last.by, run.by)) last.text += run.text
  else runs.push(run)
}

type Inherited = { op: 'ins' | 'del'; by: AmendmentBy[] } | null

function inlineRuns(node: JSONContent, inherited: Inherited, runs: AmendedRun[]): void {
  const s = suggestion(marksOf(node)) ?? inherited
  if (node.type === NODE.text || node.type === NODE.hardBreak) {
    const text = node.type === NODE.hardBreak ? '\n' : (node.text ?? '').replace(ZWSP, '')
    pushRun(runs, s ? { op: s.op, text, by: s.by } : { op: 'equal', text, by: [] })
    return
  }
  for (const c of childrenOf(node)) inlineRuns(c, s, runs)
}

function blocksOf(node: JSONContent, depth: number, inherited: Inherited, out: AmendedBlock[]): void {
  const s = suggestion(marksOf(node)) ?? inherited
  const leaf = (kind: AmendedBlock['kind'], d: number) => {
    const runs: AmendedRun[] = []
    for (const c of childrenOf(node)) inlineRuns(c, s, runs)
    out.push({ kind, depth: d, runs })
  }
  switch (node.type) {
    case NODE.intitule: return leaf('intitule', 0)
    case NODE.groupeTitre: return leaf('groupTitle', 0)
    case NODE.paragraph: return leaf('paragraph', 0)
    case NODE.listItem: {
      for (const c of childrenOf(node)) {
        if (c.type === NODE.paragraph) {
          const runs: AmendedRun[] = []
          inlineRuns(c, suggestion(marksOf(c)) ?? s, runs)
          out.push({ kind: 'item', depth, runs })
        } else blocksOf(c, depth + 1, s, out)
      }
      return
    }
    case NODE.bulletList:
      for (const c of childrenOf(node)) blocksOf(c, depth, s, out)
      return
    default:
      // Containers (contenu groups, the acces items): their blocks, at the same depth.
      for (const c of childrenOf(node)) blocksOf(c, depth, s, out)
  }
}

const amended = (b: AmendedBlock): boolean => b.runs.some((r) => r.op !== 'equal')

/**
 * The amendments of one fiche, from its editor JSON. `ficheId` is what the
 * renderers name it by (the live fiche id). A fiche without amendments has
 * no sections.
 */
export function amendedFiche(ficheId: string, json: JSONContent): AmendedFiche {
  let heading = ''
  try {
    heading = ficheTitleLine(editorJsonToFiche(json, ficheId))
  } catch {
    heading = '(fiche illisible)'
  }
  const all = listAmendments(json)
  const fields = all.filter((a) => a.kind === 'field')
  const sections: AmendedSection[] = []
  for (const section of childrenOf(json)) {
    const name = section.type ?? ''
    const blocks: AmendedBlock[] = []
    for (const c of childrenOf(section)) blocksOf(c, 0, null, blocks)
    const f = fields.filter((a) => a.section === name).map((a): AmendedField => ({
      field: a.field ?? '', label: a.field ? AMENDABLE_FIELDS[a.field] : '', old: a.oldValue, new: a.newValue, by: byOfAmendment(a),
    }))
    const b = blocks.filter(amended)
    if (f.length === 0 && b.length === 0) continue
    sections.push({ section: name, label: SECTION_LABELS[name as SectionName] ?? name, fields: f, blocks: b })
  }
  return { ficheId, heading: heading || '(fiche sans intitulé)', sections, amendments: all.map(byOfAmendment) }
}

/** One side of a block: `current` (equal + deleted) or `proposed` (equal + inserted). */
export function blockText(b: AmendedBlock, side: 'current' | 'proposed'): string {
  const skip = side === 'current' ? 'ins' : 'del'
  return b.runs.filter((r) => r.op !== skip).map((r) => r.text).join('')
}

/** The distinct amendments of some runs and fields, in order of appearance. */
export function proposersOf(blocks: readonly AmendedBlock[], fields: readonly AmendedField[]): AmendmentBy[] {
  const seen = new Map<string, AmendmentBy>()
  const add = (b: AmendmentBy) => {
    const key = `${b.organisationId}\u0000${b.id}`
    if (!seen.has(key)) seen.set(key, b)
  }
  for (const block of blocks) for (const r of block.runs) r.by.forEach(add)
  fields.forEach((f) => add(f.by))
  return [...seen.values()]
}

/** « 12/03/2026 14:05 », Paris time (the meeting's). */
export function formatDateTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(d)
}
