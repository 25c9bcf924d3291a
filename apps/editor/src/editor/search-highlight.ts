/**
 * Highlights the words of a search in the fiche editor, after the person
 * followed a search hit: local decorations only (nothing in the shared
 * document). The server decides what matched, with French stemming; here a
 * word is highlighted when its unaccented lower-case form starts with the
 * stem of a searched word (its first letters, the plural and inflection
 * dropped), so « salarié » lights « salariés » and « vues » lights « vue », as
 * Postgres matched them.
 */
import { Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import type { Node as PmNode } from '@tiptap/pm/model'

const normalize = (text: string) => text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase()

/** The stems to look for: each searched word of three letters or more, without its last letters of inflection. */
export function searchStems(query: string): string[] {
  return [...new Set(normalize(query).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3)
    .map((w) => w.replace(/(?<=...)[sx]$/, ''))
    .map((w) => (w.length > 5 ? w.slice(0, Math.max(4, w.length - 2)) : w)))]
}

function decorate(doc: PmNode, stems: string[]): DecorationSet {
  if (stems.length === 0) return DecorationSet.empty
  const decorations: Decoration[] = []
  doc.descendants((node, pos) => {
    if (!node.isText || !node.text) return
    for (const m of node.text.matchAll(/[\p{L}\p{N}]+/gu)) {
      const word = normalize(m[0])
      if (stems.some((s) => word.startsWith(s))) {
        decorations.push(Decoration.inline(pos + m.index!, pos + m.index! + m[0].length, { class: 'search-hit' }))
      }
    }
  })
  return DecorationSet.create(doc, decorations)
}

export const SearchHighlight = Extension.create<{ query: string }>({
  name: 'searchHighlight',
  addOptions: () => ({ query: '' }),
  addProseMirrorPlugins() {
    const stems = searchStems(this.options.query)
    return [new Plugin({
      key: new PluginKey('searchHighlight'),
      state: {
        init: (_, state) => decorate(state.doc, stems),
        apply: (tr, old) => (tr.docChanged ? decorate(tr.doc, stems) : old),
      },
      props: { decorations(state) { return this.getState(state) } },
    })]
  },
})
