// @vitest-environment happy-dom
/**
 * The fiche extensions bound to Yjs the way the editor app binds them
 * (TipTap Collaboration on FICHE_YDOC_FIELD): edits flow between two editors
 * through their Y.Docs, remote changes pass the structure guard, and a
 * refused local change never reaches Yjs.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Editor } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import * as Y from 'yjs'
import { SECTION_NAMES, type Fiche } from '../model.ts'
import { emptyFiche } from '../factory.ts'
import { editorJsonToFiche } from '../convert/editor-json.ts'
import { fullFiche } from '../convert/test-fiches.ts'
import { FICHE_YDOC_FIELD, ficheToYDoc, replaceFicheInYDoc, yDocToFiche } from '../ydoc.ts'
import { ficheExtensions } from './extensions.ts'

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

/** Two replicas of one fiche, kept in sync as a y-websocket server would. */
function pair(fiche: Fiche): [Y.Doc, Y.Doc] {
  const a = ficheToYDoc(fiche)
  const b = new Y.Doc()
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
  a.on('update', (update: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(b, update, 'remote'))
  b.on('update', (update: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(a, update, 'remote'))
  return [a, b]
}

function editorOn(doc: Y.Doc): Editor {
  const element = document.createElement('div')
  document.body.append(element)
  const editor = new Editor({ element, extensions: [...ficheExtensions, Collaboration.configure({ document: doc, field: FICHE_YDOC_FIELD })] })
  cleanups.push(() => editor.destroy())
  return editor
}

function ficheOf(editor: Editor, id = 'f12'): Fiche {
  return editorJsonToFiche(editor.getJSON(), id)
}

describe('fiche editors bound to Yjs', () => {
  it('open on the fiche stored in the Y.Doc', () => {
    const [a] = pair(fullFiche())
    expect(ficheOf(editorOn(a))).toEqual(fullFiche())
  })

  it('carry typing from one editor to the other', () => {
    const [a, b] = pair(fullFiche())
    const alice = editorOn(a)
    const bob = editorOn(b)
    alice.commands.setTextSelection(2)
    alice.commands.insertContent('Premier ')
    expect(ficheOf(bob).denomination.intitule).toBe('Premier Opérateur vendeur 1er niveau')
    expect(yDocToFiche(b, 'f12').denomination.intitule).toBe('Premier Opérateur vendeur 1er niveau')
  })

  it('carry a classement field change', () => {
    const [a, b] = pair(fullFiche())
    const alice = editorOn(a)
    const bob = editorOn(b)
    let pos = 0
    alice.state.doc.forEach((node, offset) => {
      if (node.type.name === 'classement') pos = offset + 3
    })
    alice.commands.setTextSelection(pos)
    alice.commands.updateAttributes('classement', { coefficient: 165 })
    expect(ficheOf(bob).classement.coefficient).toBe(165)
  })

  it('refuse select-all + delete locally, and nothing reaches the other replica', () => {
    const [a, b] = pair(fullFiche())
    const alice = editorOn(a)
    const bob = editorOn(b)
    const updates: Uint8Array[] = []
    a.on('update', (u: Uint8Array) => updates.push(u))
    alice.commands.selectAll()
    alice.commands.deleteSelection()
    expect(updates).toHaveLength(0)
    expect(ficheOf(bob)).toEqual(fullFiche())
    expect(ficheOf(alice)).toEqual(fullFiche())
  })

  it('show a whole fiche replaced on the server side (version restored)', () => {
    const [a, b] = pair(fullFiche())
    const alice = editorOn(a)
    replaceFicheInYDoc(b, emptyFiche('f12', 'Version restaurée'), 'restauration')
    const seen: string[] = []
    alice.state.doc.forEach((node) => seen.push(node.type.name))
    expect(seen).toEqual([...SECTION_NAMES])
    expect(ficheOf(alice)).toEqual(emptyFiche('f12', 'Version restaurée'))
  })
})
