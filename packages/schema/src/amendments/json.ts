/**
 * Small helpers over editor (ProseMirror/TipTap) JSON shared by the amendment
 * functions: reading a node's suggestion marks and attribution, and the
 * normal form used to compare two documents (zero-width spaces the
 * suggestion library leaves as anchors dropped, adjacent text runs with the
 * same marks merged, object keys sorted).
 */
import type { JSONContent } from '@tiptap/core'
import { AMENDMENT_MARK, type AmendmentAttribution } from './model.ts'

export type JsonMark = NonNullable<JSONContent['marks']>[number]

export const ZWSP = /\u200B/g

const SUGGESTION_TYPES: readonly string[] = Object.values(AMENDMENT_MARK)

export function isSuggestionMark(mark: JsonMark): boolean {
  return typeof mark?.type === 'string' && SUGGESTION_TYPES.includes(mark.type)
}

export function marksOf(node: JSONContent): JsonMark[] {
  return Array.isArray(node?.marks) ? node.marks.filter((m): m is JsonMark => m !== null && typeof m === 'object') : []
}

export function childrenOf(node: JSONContent): JSONContent[] {
  return Array.isArray(node?.content) ? node.content.filter((c): c is JSONContent => c !== null && typeof c === 'object') : []
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : ''
}

/** The attribution stored in a mark's or proposal's attributes (empty strings where missing). */
export function attributionOf(attrs: Record<string, unknown> | undefined): AmendmentAttribution {
  const a = attrs ?? {}
  return {
    id: str(a.id),
    organisationId: str(a.organisationId),
    organisationName: str(a.organisationName),
    userId: str(a.userId),
    authorName: str(a.authorName),
    createdAt: str(a.createdAt),
  }
}

/** The text a node holds (hard breaks as new lines), without the library's zero-width anchors. */
export function textOf(node: JSONContent): string {
  if (node.type === 'text') return (node.text ?? '').replace(ZWSP, '')
  if (node.type === 'hardBreak') return '\n'
  return childrenOf(node).map(textOf).join('')
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted((value as Record<string, unknown>)[k])]))
  }
  return value
}

function normalizeNode(node: JSONContent): JSONContent | null {
  if (node.type === 'text') {
    const text = (node.text ?? '').replace(ZWSP, '')
    if (text === '') return null
    const marks = marksOf(node)
    return marks.length ? { type: 'text', text, marks } : { type: 'text', text }
  }
  const out: JSONContent = { type: node.type }
  if (node.attrs && Object.keys(node.attrs).length) out.attrs = node.attrs
  const marks = marksOf(node)
  if (marks.length) out.marks = marks
  if (Array.isArray(node.content)) {
    const content: JSONContent[] = []
    for (const child of childrenOf(node)) {
      const n = normalizeNode(child)
      if (!n) continue
      const last = content[content.length - 1]
      if (n.type === 'text' && last?.type === 'text' && JSON.stringify(sorted(last.marks ?? [])) === JSON.stringify(sorted(n.marks ?? []))) {
        content[content.length - 1] = { ...last, text: (last.text ?? '') + (n.text ?? '') }
      } else content.push(n)
    }
    if (content.length) out.content = content
  }
  return out
}

/** A string equal for two documents exactly when they hold the same text, structure, marks and attributes. */
export function canonicalString(doc: JSONContent): string {
  return JSON.stringify(sorted(normalizeNode(doc)))
}
