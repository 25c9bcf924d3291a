/**
 * Word-level pieces of bringing a proposal back: a token diff of two
 * wordings, and a textblock's content with that diff written as suggestion
 * marks of the proposing organisation (one amendment per contiguous change),
 * or wholly marked (a paragraph proposed whole, or proposed for removal).
 */
import { tokenize } from '@paritaire/diff'
import { AMENDMENT_MARK, type AmendmentAttribution } from '@paritaire/schema'
import type { EditorNodeJson } from '../sync/update-rules.ts'

/** Who the amendments are attributed to, and how new ids are made. */
export interface PlanAuthor {
  attribution: Omit<AmendmentAttribution, 'id'>
  newId(): string
  /** When the changes have several authors (a Word file's tracked changes): the attribution of one change. */
  attributionFor?(deleted: string, inserted: string): Omit<AmendmentAttribution, 'id'>
}

/** JSON with object keys sorted: stored JSON (jsonb) does not keep key order. */
export function stableString(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableString).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${stableString(o[k])}`).join(',')}}`
  }
  return JSON.stringify(value ?? null)
}

export function leafText(node: EditorNodeJson): string {
  return (node.content ?? []).map((c) => (c.type === 'text' ? (c.text ?? '') : c.type === 'hardBreak' ? '\n' : '')).join('')
}

export const isSuggestion = (m: { type: string }) => (Object.values(AMENDMENT_MARK) as string[]).includes(m.type)
export const hasSuggestion = (node: EditorNodeJson): boolean => (node.marks ?? []).some(isSuggestion) || (node.content ?? []).some(hasSuggestion)

type Op = { op: 'equal' | 'delete'; length: number } | { op: 'insert'; text: string }

/** Longest common subsequence over tokens (whitespace included), ends trimmed first; a huge middle is replaced whole. */
export function tokenOps(before: string, after: string): Op[] {
  const a = tokenize(before).map((t) => t.ws + t.text)
  const b = tokenize(after).map((t) => t.ws + t.text)
  // Trailing whitespace is no token: keep it as a last piece so lengths add up.
  const tail = (s: string, parts: string[]) => s.slice(parts.join('').length)
  const ta = tail(before, a)
  const tb = tail(after, b)
  if (ta) a.push(ta)
  if (tb) b.push(tb)
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB-- }
  const ops: Op[] = []
  const equal = (s: string) => { if (s) ops.push({ op: 'equal', length: s.length }) }
  equal(a.slice(0, start).join(''))
  const midA = a.slice(start, endA)
  const midB = b.slice(start, endB)
  if (midA.length * midB.length > 4_000_000) {
    if (midA.length) ops.push({ op: 'delete', length: midA.join('').length })
    if (midB.length) ops.push({ op: 'insert', text: midB.join('') })
  } else {
    // lcs[i][j]: length of the LCS of midA[i..] and midB[j..].
    const lcs: Uint32Array[] = Array.from({ length: midA.length + 1 }, () => new Uint32Array(midB.length + 1))
    for (let i = midA.length - 1; i >= 0; i--) {
      for (let j = midB.length - 1; j >= 0; j--) {
        lcs[i]![j] = midA[i] === midB[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
      }
    }
    let i = 0
    let j = 0
    while (i < midA.length || j < midB.length) {
      if (i < midA.length && j < midB.length && midA[i] === midB[j]) { equal(midA[i]!); i++; j++ }
      else if (j < midB.length && (i === midA.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) { ops.push({ op: 'insert', text: midB[j]! }); j++ }
      else { ops.push({ op: 'delete', length: midA[i]!.length }); i++ }
    }
  }
  equal(a.slice(endA).join(''))
  return ops
}

type Run = EditorNodeJson & { length: number }

/** The textblock's inline content as runs measured in characters (a hard break counts one: « \n »). */
function runsOf(node: EditorNodeJson): Run[] {
  return (node.content ?? []).map((c) => ({ ...c, length: c.type === 'text' ? (c.text ?? '').length : 1 }))
}

function withMark(node: EditorNodeJson, mark: { type: string; attrs: Record<string, unknown> }): EditorNodeJson {
  return { ...node, marks: [...(node.marks ?? []), mark] }
}

/**
 * The textblock's content with `before` → `after` as suggestion marks (the
 * block's current text must be `before`). Formatting of kept and deleted
 * text is kept; each contiguous change gets one amendment id.
 */
export function amendBlock(node: EditorNodeJson, before: string, after: string, author: PlanAuthor, created: string[]): EditorNodeJson {
  const runs = runsOf(node)
  let r = 0
  let offset = 0
  /** Takes `length` characters of the current content, splitting a text run where needed. */
  const take = (length: number): EditorNodeJson[] => {
    const out: EditorNodeJson[] = []
    while (length > 0 && r < runs.length) {
      const run = runs[r]!
      const available = run.length - offset
      const n = Math.min(available, length)
      const { length: _l, ...plain } = run
      out.push(run.type === 'text' ? { ...plain, text: (run.text ?? '').slice(offset, offset + n) } : plain)
      length -= n
      offset += n
      if (offset === run.length) { r++; offset = 0 }
    }
    return out
  }
  const content: EditorNodeJson[] = []
  const ops = tokenOps(before, after)
  for (let k = 0; k < ops.length;) {
    const op = ops[k]!
    if (op.op === 'equal') { content.push(...take(op.length)); k++; continue }
    // A hunk: the contiguous deletions and insertions between two equal pieces.
    let deleted = 0
    let inserted = ''
    for (; k < ops.length && ops[k]!.op !== 'equal'; k++) {
      const o = ops[k]!
      if (o.op === 'delete') deleted += o.length
      else if (o.op === 'insert') inserted += o.text
    }
    const id = author.newId()
    created.push(id)
    const removed = take(deleted)
    const who = author.attributionFor?.(removed.map((n) => n.text ?? '').join(''), inserted) ?? author.attribution
    const attrs = { ...who, id }
    for (const n of removed) content.push(withMark(n, { type: AMENDMENT_MARK.deletion, attrs }))
    inserted.split('\n').forEach((part, i) => {
      if (i > 0) content.push({ type: 'hardBreak', marks: [{ type: AMENDMENT_MARK.insertion, attrs }] })
      if (part) content.push({ type: 'text', text: part, marks: [{ type: AMENDMENT_MARK.insertion, attrs }] })
    })
  }
  const merged: EditorNodeJson[] = []
  for (const n of content) {
    const last = merged.at(-1)
    if (last && last.type === 'text' && n.type === 'text' && stableString(last.marks ?? []) === stableString(n.marks ?? [])) {
      merged[merged.length - 1] = { ...last, text: (last.text ?? '') + (n.text ?? '') }
    } else merged.push(n)
  }
  const out: EditorNodeJson = { ...node }
  if (merged.length) out.content = merged
  else delete out.content
  return out
}

/**
 * A copy of a block (paragraph, list item, group, list) whose every text run
 * and hard break carries one `insertion` or `deletion` mark of a new
 * amendment: accepting or rejecting it then adds or removes the block whole
 * (`acceptAmendments` drops a block whose words all went). Marks are on the
 * text, not on the block node: the Yjs binding keeps only inline marks.
 */
export function markWhole(node: EditorNodeJson, kind: 'insertion' | 'deletion', author: PlanAuthor, created: string[]): EditorNodeJson {
  const id = author.newId()
  created.push(id)
  const mark = { type: AMENDMENT_MARK[kind], attrs: { ...author.attribution, id } }
  const walk = (n: EditorNodeJson): EditorNodeJson => {
    if (n.type === 'text' || n.type === 'hardBreak') return { ...n, marks: [...(n.marks ?? []).filter((m) => !isSuggestion(m)), mark] }
    return n.content ? { ...n, content: n.content.map(walk) } : n
  }
  return walk(node)
}
