/**
 * Between a ProseMirror range and a thread anchor (two encoded
 * `Y.RelativePosition`s, base64). The conversion goes through the Yjs
 * binding of the Collaboration extension (the same one that places
 * everyone's carets), so an anchor made here, or by the server from a text
 * quote, lands on the same characters for everyone, whatever was typed
 * since. Anchors live in Postgres, never in the shared Y.Doc.
 */
import type { EditorState } from '@tiptap/pm/state'
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap'
import * as Y from 'yjs'

export interface EncodedAnchor {
  start: string
  end: string
}

interface SyncState {
  doc: Y.Doc
  type: Y.XmlFragment
  binding: { mapping: Map<Y.AbstractType<unknown>, unknown> } | null
}

function syncState(state: EditorState): SyncState | null {
  const s = ySyncPluginKey.getState(state) as SyncState | undefined
  return s?.binding ? s : null
}

function toBase64(bytes: Uint8Array): string {
  let s = ''
  for (const b of bytes) s += String.fromCharCode(b)
  return btoa(s)
}

function fromBase64(text: string): Uint8Array | null {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0))
  } catch {
    return null
  }
}

/** The anchor of the range [from, to) of the editor's document; null before the binding exists. */
export function anchorOfRange(state: EditorState, from: number, to: number): EncodedAnchor | null {
  const sync = syncState(state)
  if (!sync || to <= from) return null
  const mapping = sync.binding!.mapping as never
  const start = absolutePositionToRelativePosition(from, sync.type, mapping)
  const end = absolutePositionToRelativePosition(to, sync.type, mapping)
  return { start: toBase64(Y.encodeRelativePosition(start)), end: toBase64(Y.encodeRelativePosition(end)) }
}

/** Where the anchor's words are in the editor now; null when they are gone (or the anchor does not belong here). */
export function rangeOfAnchor(state: EditorState, anchor: EncodedAnchor): { from: number; to: number } | null {
  const sync = syncState(state)
  if (!sync) return null
  const decode = (encoded: string) => {
    const bytes = fromBase64(encoded)
    if (!bytes) return null
    try {
      return relativePositionToAbsolutePosition(sync.doc, sync.type, Y.decodeRelativePosition(bytes), sync.binding!.mapping as never)
    } catch {
      return null
    }
  }
  const from = decode(anchor.start)
  const to = decode(anchor.end)
  if (from === null || to === null || to <= from || to > state.doc.content.size) return null
  if (state.doc.textBetween(from, to, ' ').trim() === '') return null
  return { from, to }
}
