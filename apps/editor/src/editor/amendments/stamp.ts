/**
 * Attribution of the suggestion marks a local transaction creates. The
 * suggestion library writes marks with only an `id` (and may re-write a
 * neighbouring amendment's marks while joining ranges); this gives every
 * new mark the author's organisation, name and time, restores marks that
 * already existed on untouched text (so another organisation's amendment
 * keeps its author), and never reuses another organisation's id.
 */
import type { Mark, Node as PmNode } from '@tiptap/pm/model'
import type { Transaction } from '@tiptap/pm/state'

export interface AmendmentIdentity {
  userId: string
  authorName: string
  organisationId: string
  organisationName: string
  role: string
}

const SUGGESTION = ['insertion', 'deletion', 'modification']

export function newAmendmentId(): string {
  return `am-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
}

const isSuggestion = (mark: Mark) => SUGGESTION.includes(mark.type.name)
const stamped = (mark: Mark) => typeof mark.attrs.organisationId === 'string' && mark.attrs.organisationId !== ''

/** The stamped suggestion marks of the same type that `before` had where the node now is, if it was there unchanged. */
function previousMarks(tr: Transaction, before: PmNode, node: PmNode, pos: number, type: string): Mark[] {
  const inverse = tr.mapping.invert()
  const start = inverse.mapResult(pos, 1)
  const end = inverse.mapResult(pos + node.nodeSize, -1)
  if (start.deleted || end.deleted || end.pos - start.pos !== node.nodeSize) return []
  const found: Mark[] = []
  if (node.isText) {
    if (before.textBetween(start.pos, end.pos) !== node.text) return []
    before.nodesBetween(start.pos, end.pos, (old) => {
      if (old.isText) for (const m of old.marks) if (m.type.name === type && stamped(m) && !found.some((f) => f.eq(m))) found.push(m)
    })
  } else {
    const old = before.nodeAt(start.pos)
    if (old?.type === node.type) for (const m of old.marks) if (m.type.name === type && stamped(m)) found.push(m)
  }
  return found
}

/** Adds to `tr` the steps that attribute its unattributed suggestion marks. */
export function stampAmendments(tr: Transaction, before: PmNode, who: AmendmentIdentity): void {
  const owners = new Map<string, Mark>()
  before.descendants((node) => {
    for (const m of node.marks) if (isSuggestion(m) && stamped(m)) owners.set(String(m.attrs.id), m)
  })
  const fresh = new Map<string, string>()
  const createdAt = new Date().toISOString()
  const jobs: { pos: number; end: number; isText: boolean; old: Mark; next: Mark[] }[] = []
  tr.doc.descendants((node, pos) => {
    for (const mark of node.marks) {
      if (!isSuggestion(mark) || stamped(mark)) continue
      let next = previousMarks(tr, before, node, pos, mark.type.name)
      if (next.length === 0) {
        const libId = String(mark.attrs.id)
        const owner = owners.get(libId)
        if (owner && owner.attrs.organisationId === who.organisationId) {
          next = [mark.type.create({ ...mark.attrs, ...owner.attrs })]
        } else {
          let id = libId
          if (owner) {
            if (!fresh.has(libId)) fresh.set(libId, newAmendmentId())
            id = fresh.get(libId)!
          }
          next = [mark.type.create({ ...mark.attrs, id, organisationId: who.organisationId, organisationName: who.organisationName, userId: who.userId, authorName: who.authorName, createdAt })]
        }
      }
      jobs.push({ pos, end: pos + node.nodeSize, isText: node.isText, old: mark, next })
    }
  })
  for (const job of jobs) {
    if (job.isText) {
      tr.removeMark(job.pos, job.end, job.old)
      for (const m of job.next) tr.addMark(job.pos, job.end, m)
    } else {
      tr.removeNodeMark(job.pos, job.old)
      for (const m of job.next) tr.addNodeMark(job.pos, m)
    }
  }
}
