/**
 * Pure functions over the fiche's editor JSON: list the pending amendments,
 * accept or reject some of them (by id, by organisation, or all), and the
 * amendment-free text (every pending amendment left undecided, i.e. the
 * wording as it stands: proposed insertions absent, proposed deletions
 * present, fields at their current values). Accepting an insertion keeps its
 * text and drops the mark; accepting a deletion drops the text; a field
 * proposal accepted sets the field. Rejecting does the opposite.
 */
import type { JSONContent } from '@tiptap/core'
import { NODE } from '../editor/names.ts'
import { attributionOf, childrenOf, isSuggestionMark, marksOf, textOf, ZWSP, type JsonMark } from './json.ts'
import {
  AMENDMENT_MARK,
  isAmendableField,
  PROPOSALS_ATTRIBUTE,
  type AmendableField,
  type Amendment,
  type AmendmentAttribution,
  type AmendmentFilter,
  type FieldProposal,
} from './model.ts'

/** The key an amendment is known by: its id within its organisation (two organisations never share one). */
export function amendmentKey(a: Pick<AmendmentAttribution, 'id' | 'organisationId'>): string {
  return `${a.organisationId}\u0000${a.id}`
}

export function matchesFilter(a: Pick<AmendmentAttribution, 'id' | 'organisationId'>, filter: AmendmentFilter): boolean {
  if (filter.ids && !filter.ids.includes(a.id)) return false
  if (filter.organisationId !== undefined && filter.organisationId !== a.organisationId) return false
  return true
}

/** The field proposals stored on a classement node (malformed entries skipped). */
export function proposalsOf(attrs: Record<string, unknown> | undefined): FieldProposal[] {
  const raw = isRecord(attrs) ? attrs[PROPOSALS_ATTRIBUTE] : undefined
  if (!Array.isArray(raw)) return []
  const out: FieldProposal[] = []
  for (const entry of raw) {
    if (entry === null || typeof entry !== 'object') continue
    const e = entry as Record<string, unknown>
    if (!isAmendableField(e.field)) continue
    const value = typeof e.value === 'string' || typeof e.value === 'number' ? e.value : null
    out.push({ ...attributionOf(e), field: e.field, value })
  }
  return out
}

function fieldValue(attrs: Record<string, unknown> | undefined, field: AmendableField): string | number | null {
  const v = attrs?.[field]
  return typeof v === 'string' || typeof v === 'number' ? v : null
}

/** Every pending amendment of the document, in document order. */
export function listAmendments(doc: JSONContent): Amendment[] {
  if (!isRecord(doc)) return []
  const found = new Map<string, Amendment>()
  const add = (mark: JsonMark, section: string, text: string) => {
    if (mark.type === AMENDMENT_MARK.modification) return
    const who = attributionOf(mark.attrs)
    const key = amendmentKey(who)
    let a = found.get(key)
    if (!a) {
      a = { ...who, kind: 'insertion', section, inserted: '', deleted: '', field: null, oldValue: null, newValue: null }
      found.set(key, a)
    }
    if (mark.type === AMENDMENT_MARK.insertion) a.inserted += text
    else a.deleted += text
    a.kind = a.inserted && a.deleted ? 'replacement' : a.deleted ? 'deletion' : 'insertion'
  }
  const walk = (node: JSONContent, section: string) => {
    const marks = marksOf(node).filter(isSuggestionMark)
    if (marks.length) {
      const text = textOf(node) || (node.type === NODE.text ? '' : '¶')
      for (const mark of marks) add(mark, section, text)
      if (node.type !== NODE.text && marks.some((m) => m.type !== AMENDMENT_MARK.modification)) return
    }
    for (const child of childrenOf(node)) walk(child, section)
  }
  for (const section of childrenOf(doc)) {
    const name = section.type ?? ''
    for (const p of proposalsOf(section.attrs)) {
      found.set(amendmentKey(p), {
        ...p, kind: 'field', section: name, inserted: '', deleted: '', field: p.field, oldValue: fieldValue(section.attrs, p.field), newValue: p.value,
      })
    }
    for (const child of childrenOf(section)) walk(child, name)
  }
  return [...found.values()]
}

type Decision = 'accept' | 'reject'

/** What becomes of a node whose suggestion marks are decided: kept (with the marks left) or dropped. */
function decideMarks(marks: JsonMark[], filter: AmendmentFilter, decision: Decision): { keep: boolean; marks: JsonMark[]; decided: boolean } {
  let keep = true
  let decided = false
  const left: JsonMark[] = []
  for (const mark of marks) {
    if (!isSuggestionMark(mark) || !matchesFilter(attributionOf(mark.attrs), filter)) {
      left.push(mark)
      continue
    }
    decided = true
    if (mark.type === AMENDMENT_MARK.insertion && decision === 'reject') keep = false
    if (mark.type === AMENDMENT_MARK.deletion && decision === 'accept') keep = false
  }
  return { keep, marks: left, decided }
}

function withMarks(node: JSONContent, marks: JsonMark[]): JSONContent {
  const out = { ...node }
  if (marks.length) out.marks = marks
  else delete out.marks
  return out
}

/**
 * Blocks that go with their text: a paragraph, list item, group or list
 * whose every word was a proposed insertion (rejected) or a proposed
 * deletion (accepted) — a paragraph proposed whole, or proposed for removal.
 * A list item's paragraph stays (the item decides), and so do the titles a
 * node requires (`intitule`, `groupeTitre`).
 */
const UNIT_BLOCKS: readonly string[] = [NODE.paragraph, NODE.listItem, NODE.bulletList, NODE.contenuGroupe, NODE.accesItems]

function decideContent(nodes: JSONContent[], filter: AmendmentFilter, decision: Decision, parent = ''): JSONContent[] {
  const out: JSONContent[] = []
  for (const node of nodes) {
    const { keep, marks, decided } = decideMarks(marksOf(node), filter, decision)
    if (!keep) continue
    let next = withMarks(node, marks)
    if (node.type === NODE.text) {
      // The library's zero-width anchors go with the amendment that needed them.
      if (decided || !marks.some(isSuggestionMark)) next = { ...next, text: (next.text ?? '').replace(ZWSP, '') }
      if (!next.text) continue
    } else if (Array.isArray(node.content)) {
      next = { ...next, content: decideContent(childrenOf(node), filter, decision, node.type ?? '') }
      // A list cannot be empty: a list whose items were all rejected goes.
      if ((node.type === NODE.bulletList || node.type === NODE.listItem) && next.content!.length === 0) continue
      const unit = UNIT_BLOCKS.includes(node.type ?? '') && !(node.type === NODE.paragraph && parent === NODE.listItem)
      if (unit && textOf(node) !== '' && textOf(next) === '') continue
      if (next.content!.length === 0) delete next.content
    }
    out.push(next)
  }
  return out
}

function decideSection(section: JSONContent, filter: AmendmentFilter, decision: Decision): JSONContent {
  const out: JSONContent = { ...section }
  const proposals = proposalsOf(section.attrs)
  if (isRecord(section.attrs) && PROPOSALS_ATTRIBUTE in section.attrs) {
    const attrs: Record<string, unknown> = { ...section.attrs }
    const left: FieldProposal[] = []
    for (const p of proposals) {
      if (!matchesFilter(p, filter)) left.push(p)
      else if (decision === 'accept') attrs[p.field] = p.value
    }
    attrs[PROPOSALS_ATTRIBUTE] = left
    out.attrs = attrs
  }
  const content = decideContent(childrenOf(section), filter, decision, section.type ?? '')
  // Sections are `block+`: keep one empty paragraph rather than an invalid section.
  out.content = content.length ? content : [{ type: NODE.paragraph }]
  return out
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function decide(doc: JSONContent, filter: AmendmentFilter, decision: Decision): JSONContent {
  // A damaged document is left for the converters to report.
  if (!isRecord(doc)) return doc
  return { ...doc, content: childrenOf(doc).map((s) => decideSection(s, filter, decision)) }
}

/** The document with the amendments matching `filter` accepted (all of them for `{}`). */
export function acceptAmendments(doc: JSONContent, filter: AmendmentFilter = {}): JSONContent {
  return decide(doc, filter, 'accept')
}

/** The document with the amendments matching `filter` rejected (all of them for `{}`). */
export function rejectAmendments(doc: JSONContent, filter: AmendmentFilter = {}): JSONContent {
  return decide(doc, filter, 'reject')
}

/** The wording as it stands, without any pending amendment: what canonical JSON (and so versions) hold. */
export function withoutPendingAmendments(doc: JSONContent): JSONContent {
  return rejectAmendments(doc, {})
}

/** True when the document holds at least one suggestion mark or field proposal. */
export function hasAmendments(doc: JSONContent): boolean {
  return listAmendments(doc).length > 0
}
