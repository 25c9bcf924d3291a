/**
 * The highlighted ranges of the fiche's threads: local ProseMirror
 * decorations, recomputed from the anchors on every change of the document
 * — never marks in the shared document, so nothing of a private note travels
 * to the other members. The panel hands the list over with
 * `setThreadHighlights`; a click on a highlighted range tells the panel which
 * thread it belongs to (`onThreadClick`).
 */
import { Extension } from '@tiptap/core'
import type { Editor } from '@tiptap/core'
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import { rangeOfAnchor, type EncodedAnchor } from './anchors.ts'

export interface ThreadHighlight {
  id: string
  anchor: EncodedAnchor
  private: boolean
  resolved: boolean
}

interface HighlightState {
  threads: ThreadHighlight[]
  activeId: string | null
}

const key = new PluginKey<HighlightState>('threadHighlights')

function decorations(state: EditorState, value: HighlightState): DecorationSet {
  const list: Decoration[] = []
  for (const t of value.threads) {
    if (t.resolved && t.id !== value.activeId) continue
    const range = rangeOfAnchor(state, t.anchor)
    if (!range) continue
    const classes = ['thread-highlight']
    if (t.private) classes.push('thread-highlight--private')
    if (t.id === value.activeId) classes.push('thread-highlight--active')
    list.push(Decoration.inline(range.from, range.to, { class: classes.join(' '), 'data-thread-id': t.id }))
  }
  return DecorationSet.create(state.doc, list)
}

export interface ThreadHighlightOptions {
  onThreadClick: ((threadId: string) => void) | null
}

export const ThreadHighlights = Extension.create<ThreadHighlightOptions>({
  name: 'threadHighlights',
  addOptions() {
    return { onThreadClick: null }
  },
  addStorage() {
    return { onThreadClick: null as ((id: string) => void) | null }
  },
  addProseMirrorPlugins() {
    const storage = this.storage as { onThreadClick: ((id: string) => void) | null }
    return [
      new Plugin<HighlightState>({
        key,
        state: {
          init: () => ({ threads: [], activeId: null }),
          apply: (tr, value) => (tr.getMeta(key) as HighlightState | undefined) ?? value,
        },
        props: {
          decorations(state) {
            return decorations(state, key.getState(state)!)
          },
          handleClick(_view, _pos, event) {
            const target = (event.target as HTMLElement | null)?.closest?.('[data-thread-id]')
            const id = target?.getAttribute('data-thread-id')
            if (id && storage.onThreadClick) storage.onThreadClick(id)
            return false
          },
        },
      }),
    ]
  },
})

/** Replaces the highlighted threads (and the one drawn as active). */
export function setThreadHighlights(editor: Editor, threads: ThreadHighlight[], activeId: string | null): void {
  if (editor.isDestroyed) return
  editor.view.dispatch(editor.state.tr.setMeta(key, { threads, activeId }).setMeta('addToHistory', false))
}

/** Where a click on a highlighted range goes. */
export function onThreadClick(editor: Editor, listener: ((threadId: string) => void) | null): void {
  ;(editor.storage as unknown as Record<string, { onThreadClick: unknown }>).threadHighlights!.onThreadClick = listener
}
