/**
 * The fiche's editor JSON read from and written to its Y.Doc, amendments
 * included (the canonical converters drop them). The server uses these to
 * apply an accepted or rejected amendment to the live document: the write
 * is y-prosemirror's diffing update, so only the decided runs change.
 */
import * as Y from 'yjs'
import type { JSONContent } from '@tiptap/core'
import { updateYFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import { getFicheSchema } from '../editor/extensions.ts'
import { NODE } from '../editor/names.ts'
import { ficheFragment } from '../ydoc.ts'

/** The editor JSON (`ficheDoc`) the Y.Doc holds. */
export function yDocToEditorJson(doc: Y.Doc): JSONContent {
  const json = yXmlFragmentToProsemirrorJSON(ficheFragment(doc)) as { content?: JSONContent[] }
  return { type: NODE.doc, content: json.content ?? [] }
}

/** Replaces the Y.Doc's content with `json` (checked against the fiche schema: throws on an invalid document). */
export function writeEditorJsonToYDoc(doc: Y.Doc, json: JSONContent, origin?: unknown): void {
  const node = getFicheSchema().nodeFromJSON(json)
  node.check()
  doc.transact(() => {
    updateYFragment(doc, ficheFragment(doc), node, { mapping: new Map(), isOMark: new Map() })
  }, origin)
}
