// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { Editor } from '@tiptap/core'
import type { Fiche } from '../model.ts'
import { emptyFiche } from '../factory.ts'
import { editorJsonToFiche, ficheToEditorJson } from '../convert/editor-json.ts'
import { fullFiche } from '../convert/test-fiches.ts'
import { ficheExtensions } from './extensions.ts'

const editors: Editor[] = []
afterEach(() => {
  for (const e of editors.splice(0)) e.destroy()
})

function editorFor(fiche: Fiche): Editor {
  const element = document.createElement('div')
  document.body.append(element)
  const editor = new Editor({ element, extensions: ficheExtensions, content: ficheToEditorJson(fiche) })
  editors.push(editor)
  return editor
}

describe('addContenuGroupe', () => {
  it('appends a group to Contenu and lets the user type its title then its first item', () => {
    const editor = editorFor(emptyFiche('f1', 'Vendeur'))
    expect(editor.commands.addContenuGroupe('A - ')).toBe(true)
    editor.commands.insertContent('Vente')
    const fiche = editorJsonToFiche(editor.getJSON(), 'f1')
    expect(fiche.contenu.groups).toEqual([{ titre: 'A - Vente', items: [{ content: [], children: [] }] }])
  })

  it('adds after the existing groups', () => {
    const editor = editorFor(fullFiche())
    editor.commands.addContenuGroupe()
    editor.commands.insertContent('D - Nouveau')
    const groups = editorJsonToFiche(editor.getJSON(), 'f12').contenu.groups
    expect(groups).toHaveLength(fullFiche().contenu.groups.length + 1)
    expect(groups.at(-1)!.titre).toBe('D - Nouveau')
  })
})

describe('addAccesItem', () => {
  it('creates the list of modes d’accès when there is none', () => {
    const editor = editorFor(emptyFiche('f1', 'Vendeur'))
    expect(editor.commands.addAccesItem()).toBe(true)
    editor.commands.insertContent('CAP vente')
    expect(editorJsonToFiche(editor.getJSON(), 'f1').acces.items).toEqual([{ content: [{ text: 'CAP vente', marks: [] }], children: [] }])
  })

  it('appends to an existing list', () => {
    const editor = editorFor(fullFiche())
    editor.commands.addAccesItem()
    editor.commands.insertContent('BTS')
    const items = editorJsonToFiche(editor.getJSON(), 'f12').acces.items
    expect(items.slice(0, -1)).toEqual(fullFiche().acces.items)
    expect(items.at(-1)).toEqual({ content: [{ text: 'BTS', marks: [] }], children: [] })
  })
})
