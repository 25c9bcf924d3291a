// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { Editor } from '@tiptap/core'
import { AllSelection, NodeSelection, TextSelection } from '@tiptap/pm/state'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { SECTION_NAMES, type Fiche } from '../model.ts'
import { emptyFiche } from '../factory.ts'
import { editorJsonToFiche, ficheToEditorJson } from '../convert/editor-json.ts'
import { fullFiche } from '../convert/test-fiches.ts'
import { ficheExtensions, getFicheSchema } from './extensions.ts'

const editors: Editor[] = []
afterEach(() => {
  for (const e of editors.splice(0)) e.destroy()
})

function editorFor(fiche: Fiche = fullFiche()): Editor {
  const element = document.createElement('div')
  document.body.append(element)
  const editor = new Editor({ element, extensions: ficheExtensions, content: ficheToEditorJson(fiche) })
  editors.push(editor)
  return editor
}

function sectionNames(editor: Editor): string[] {
  const names: string[] = []
  editor.state.doc.forEach((node) => names.push(node.type.name))
  return names
}

/** Position just inside the first paragraph of a section, `offset` characters in. */
function inSection(editor: Editor, section: string, offset = 0): number {
  let found = -1
  editor.state.doc.forEach((node, pos) => {
    if (node.type.name !== section || found >= 0) return
    node.descendants((child, childPos) => {
      if (found < 0 && child.type.name === 'paragraph') found = pos + 1 + childPos + 1 + offset
      return found < 0
    })
  })
  if (found < 0) throw new Error(`pas de paragraphe dans ${section}`)
  return found
}

function ficheOf(editor: Editor): Fiche {
  return editorJsonToFiche(editor.getJSON(), 'f12')
}

describe('the fiche document', () => {
  it('has the six sections in order, as the schema requires', () => {
    const editor = editorFor()
    expect(sectionNames(editor)).toEqual([...SECTION_NAMES])
    expect(getFicheSchema().topNodeType.name).toBe('ficheDoc')
    expect(ficheOf(editor)).toEqual(fullFiche())
  })

  it('renders sections with their name and French label, outside the text', () => {
    const editor = editorFor()
    const sections = [...editor.view.dom.querySelectorAll('section[data-section]')]
    expect(sections.map((s) => s.getAttribute('data-section'))).toEqual([...SECTION_NAMES])
    expect(sections[3]!.getAttribute('data-label')).toBe('Classement')
    expect(sections[3]!.getAttribute('data-coefficient')).toBe('155')
    expect(editor.state.doc.textContent).not.toContain('Classement')
  })
})

describe('the structure guard refuses', () => {
  it('select-all then delete (the ordinary command)', () => {
    const editor = editorFor()
    const before = editor.state.doc
    editor.commands.selectAll()
    expect(editor.state.selection).toBeInstanceOf(AllSelection)
    editor.commands.deleteSelection()
    expect(editor.state.doc.eq(before)).toBe(true)
  })

  it('a deletion across two sections', () => {
    const editor = editorFor()
    const before = editor.state.doc
    editor.commands.setTextSelection({ from: inSection(editor, 'objet', 3), to: inSection(editor, 'classement', 3) })
    editor.commands.deleteSelection()
    expect(editor.state.doc.eq(before)).toBe(true)
    editor.view.dispatch(editor.state.tr.insertText('x'))
    expect(editor.state.doc.eq(before)).toBe(true)
  })

  it('deleting a section node', () => {
    const editor = editorFor()
    const before = editor.state.doc
    const objetPos = before.child(0).nodeSize
    editor.view.dispatch(editor.state.tr.setSelection(NodeSelection.create(editor.state.doc, objetPos)))
    editor.commands.deleteSelection()
    expect(sectionNames(editor)).toEqual([...SECTION_NAMES])
    expect(editor.state.doc.eq(before)).toBe(true)
    editor.view.dispatch(editor.state.tr.delete(objetPos, objetPos + before.child(1).nodeSize))
    expect(editor.state.doc.eq(before)).toBe(true)
  })

  it('replacing a section by another one', () => {
    const editor = editorFor()
    const before = editor.state.doc
    const objetPos = before.child(0).nodeSize
    const replacement = editor.schema.nodes.contenu!.createAndFill()!
    const tr = editor.state.tr.replaceWith(objetPos, objetPos + before.child(1).nodeSize, replacement)
    editor.view.dispatch(tr)
    expect(sectionNames(editor)).toEqual([...SECTION_NAMES])
    expect(editor.state.doc.eq(before)).toBe(true)
  })

  it('joinBackward at the start of a section, by command and by the Backspace key', () => {
    const editor = editorFor()
    const before = editor.state.doc
    editor.commands.setTextSelection(inSection(editor, 'objet'))
    expect(editor.commands.joinBackward()).toBe(false)
    editor.commands.keyboardShortcut('Backspace')
    expect(editor.state.doc.eq(before)).toBe(true)
    editor.commands.setTextSelection(inSection(editor, 'classement'))
    editor.commands.keyboardShortcut('Backspace')
    expect(editor.state.doc.eq(before)).toBe(true)
  })

  it('joinForward and Delete at the end of a section', () => {
    const editor = editorFor()
    const before = editor.state.doc
    const objetEnd = before.child(0).nodeSize + before.child(1).nodeSize - 2
    editor.commands.setTextSelection(objetEnd)
    expect(editor.commands.joinForward()).toBe(false)
    editor.commands.keyboardShortcut('Delete')
    expect(editor.state.doc.eq(before)).toBe(true)
  })

  it('pasting a whole fiche into one section: six sections remain, the others untouched', () => {
    const editor = editorFor()
    const before = editor.state.doc
    const source = editorFor(emptyFiche('f99', 'Fiche collée'))
    source.commands.selectAll()
    const slice = source.state.selection.content()
    editor.commands.setTextSelection(inSection(editor, 'classement', 4))
    editor.view.dispatch(editor.state.tr.replaceSelection(slice))
    expect(sectionNames(editor)).toEqual([...SECTION_NAMES])
    for (const i of [0, 1, 2, 4, 5]) expect(editor.state.doc.child(i).eq(before.child(i))).toBe(true)
    expect(editor.state.doc.child(3).attrs).toEqual(before.child(3).attrs)
  })

  it('pasting a whole fiche as HTML into one section: its text lands in that section', () => {
    const editor = editorFor()
    const before = editor.state.doc
    const html = editorFor(fullFiche()).getHTML()
    editor.commands.setTextSelection(inSection(editor, 'classement', 2))
    editor.view.pasteHTML(html)
    expect(sectionNames(editor)).toEqual([...SECTION_NAMES])
    for (const i of [0, 1, 2, 4, 5]) expect(editor.state.doc.child(i).eq(before.child(i))).toBe(true)
    expect(editor.state.doc.child(3).attrs).toEqual(before.child(3).attrs)
    const classement = editor.state.doc.child(3).textContent
    expect(classement).toContain('Opérateur vendeur 1er niveau')
    expect(classement).toContain('accueillir la clientèle')
    expect(classement).toContain('CAP photographe')
  })
})

describe('the structure guard lets through', () => {
  it('typing, deleting and splitting inside a section', () => {
    const editor = editorFor()
    editor.commands.setTextSelection(inSection(editor, 'objet', 7))
    editor.commands.insertContent('ZZ')
    // Deleting one character (the browser does it natively on Backspace; here as the transaction it makes).
    const cursor = editor.state.selection.from
    editor.view.dispatch(editor.state.tr.delete(cursor - 1, cursor))
    editor.commands.setTextSelection(inSection(editor, 'objet', 0))
    editor.commands.insertContent('Bien ')
    editor.commands.splitBlock()
    // Backspace at the start of the second paragraph joins it to the first: same section, allowed.
    editor.commands.keyboardShortcut('Backspace')
    const objet = ficheOf(editor).objet.content[0]
    expect(objet).toEqual({
      type: 'paragraph',
      content: [
        { text: 'Bien AssurerZ ', marks: [] },
        { text: 'la vente', marks: ['bold'] },
        { text: ' des produits ', marks: [] },
        { text: 'photographiques', marks: ['bold', 'italic'] },
        { text: ' et *services* associés\\', marks: ['italic'] },
      ],
    })
  })

  it('bold, lists and nesting inside a section', () => {
    const editor = editorFor(emptyFiche('f12', 'Vendeur'))
    editor.commands.setTextSelection(inSection(editor, 'evolution'))
    editor.commands.insertContent('premier')
    editor.commands.toggleBulletList()
    editor.commands.splitListItem('listItem')
    editor.commands.insertContent('second')
    editor.commands.sinkListItem('listItem')
    editor.commands.setTextSelection({ from: inSection(editor, 'evolution', 1), to: inSection(editor, 'evolution', 4) })
    editor.commands.toggleBold()
    expect(ficheOf(editor).evolution.content).toEqual([
      {
        type: 'bulletList',
        items: [
          {
            content: [
              { text: 'p', marks: [] },
              { text: 'rem', marks: ['bold'] },
              { text: 'ier', marks: [] },
            ],
            children: [{ content: [{ text: 'second', marks: [] }], children: [] }],
          },
        ],
      },
    ])
  })

  it('editing the intitulé and the classement fields', () => {
    const editor = editorFor()
    editor.commands.setTextSelection(2)
    editor.commands.insertContent('Premier ')
    editor.commands.setTextSelection(inSection(editor, 'classement'))
    expect(editor.commands.updateAttributes('classement', { coefficient: 160, paliers: [] })).toBe(true)
    const fiche = ficheOf(editor)
    expect(fiche.denomination.intitule).toBe('Premier Opérateur vendeur 1er niveau')
    expect(fiche.classement.coefficient).toBe(160)
    expect(fiche.classement.paliers).toEqual([])
  })

  it('select-all then Backspace: clears the text of every section, keeps sections and fields', () => {
    const editor = editorFor()
    editor.commands.selectAll()
    editor.commands.keyboardShortcut('Backspace')
    expect(sectionNames(editor)).toEqual([...SECTION_NAMES])
    const fiche = ficheOf(editor)
    expect(fiche.objet.content).toEqual([])
    expect(fiche.denomination.intitule).toBe('')
    expect(fiche.classement.coefficient).toBe(155)
    expect(fiche.evolution.verticale).toEqual(fullFiche().evolution.verticale)
  })

  it('Delete over two sections removes the selected text of each, without merging them', () => {
    const editor = editorFor()
    const before = ficheOf(editor)
    editor.commands.setTextSelection({ from: inSection(editor, 'classement', 9), to: inSection(editor, 'acces', 'CAP '.length) })
    editor.commands.keyboardShortcut('Delete')
    const after = ficheOf(editor)
    expect(sectionNames(editor)).toEqual([...SECTION_NAMES])
    expect(after.classement.content).toEqual([{ type: 'paragraph', content: [{ text: 'Échelons ', marks: [] }] }])
    // The first paragraph of acces is its first mode d'accès, "CAP photographe".
    expect(after.acces.items[0]!.content).toEqual([{ text: 'photographe', marks: [] }])
    expect(after.acces.items.slice(1)).toEqual(before.acces.items.slice(1))
    expect(after.acces.content).toEqual(before.acces.content)
    expect(after.objet).toEqual(before.objet)
  })

  it('typing over a selection that spans two sections replaces the text of each', () => {
    const editor = editorFor()
    const from = inSection(editor, 'classement', 9)
    const to = inSection(editor, 'acces', 'CAP '.length)
    const handled = editor.view.someProp('handleTextInput', (f) => f(editor.view, from, to, 'X', () => editor.state.tr))
    expect(handled).toBe(true)
    const fiche = ficheOf(editor)
    expect(sectionNames(editor)).toEqual([...SECTION_NAMES])
    expect(fiche.classement.content).toEqual([{ type: 'paragraph', content: [{ text: 'Échelons X', marks: [] }] }])
    expect(fiche.acces.items[0]!.content).toEqual([{ text: 'photographe', marks: [] }])
  })

  it('loading another fiche with setFiche, and remote (Yjs) transactions judged on their result', () => {
    const editor = editorFor()
    expect(editor.commands.setFiche(emptyFiche('f12', 'Autre'))).toBe(true)
    expect(ficheOf(editor)).toEqual(emptyFiche('f12', 'Autre'))
    const other = editor.schema.nodeFromJSON(ficheToEditorJson(fullFiche()))
    editor.view.dispatch(editor.state.tr.replaceWith(0, editor.state.doc.content.size, other.content).setMeta(ySyncPluginKey, { isChangeOrigin: true }))
    expect(ficheOf(editor)).toEqual(fullFiche())
  })
})
