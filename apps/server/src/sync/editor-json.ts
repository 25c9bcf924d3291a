/**
 * The fiche's Y.XmlFragment as editor (ProseMirror/TipTap) JSON, in the
 * shape `@tiptap/y-tiptap` reads it (element name → node type, attributes →
 * attrs, text deltas → text nodes with marks), but iterative and bounded:
 * a hostile document nested thousands of levels deep gives a typed
 * `TooDeep` instead of a stack overflow. Pure over Yjs types.
 */
import * as Y from 'yjs'
import type { EditorNodeJson } from './update-rules.ts'

/** Deeper than any fiche the editor can produce (section › list › item › list… stays far below). */
export const MAX_EDITOR_DEPTH = 64

export class TooDeep extends Error {
  constructor(readonly limit: number) {
    super(`imbrication de plus de ${limit} niveaux`)
  }
}

/** y-tiptap stores overlapping marks of one type as `name--hash`. */
const HASHED_MARK = /^(.*)--[a-zA-Z0-9+/=]{8}$/

function textNodes(text: Y.XmlText): EditorNodeJson[] {
  return (text.toDelta() as { insert: unknown; attributes?: Record<string, Record<string, unknown>> }[]).flatMap((d) => {
    if (typeof d.insert !== 'string') return []
    const node: EditorNodeJson = { type: 'text', text: d.insert }
    if (d.attributes) {
      node.marks = Object.entries(d.attributes).map(([name, attrs]) => {
        const type = HASHED_MARK.exec(name)?.[1] ?? name
        return attrs && typeof attrs === 'object' ? { type, attrs } : { type }
      })
    }
    return [node]
  })
}

/** Converts `fragment` as a `doc` node of type `rootType`; throws `TooDeep` past `maxDepth` element levels. */
export function fragmentToEditorJson(fragment: Y.XmlFragment, rootType = 'doc', maxDepth = MAX_EDITOR_DEPTH): EditorNodeJson {
  const root: EditorNodeJson = { type: rootType, content: [] }
  // An explicit stack (no recursion): each entry is a Yjs parent and the JSON node its children go into.
  const stack: { from: Y.XmlFragment | Y.XmlElement; into: EditorNodeJson; depth: number }[] = [{ from: fragment, into: root, depth: 0 }]
  while (stack.length > 0) {
    const { from, into, depth } = stack.pop()!
    const content: EditorNodeJson[] = []
    for (const child of from.toArray()) {
      if (child instanceof Y.XmlText) {
        content.push(...textNodes(child))
      } else if (child instanceof Y.XmlElement) {
        if (depth + 1 > maxDepth) throw new TooDeep(maxDepth)
        const node: EditorNodeJson = { type: child.nodeName }
        const attrs = child.getAttributes()
        if (Object.keys(attrs).length > 0) node.attrs = attrs
        content.push(node)
        if (child.length > 0) stack.push({ from: child, into: node, depth: depth + 1 })
      }
    }
    if (content.length > 0 || into === root) into.content = content
  }
  return root
}
