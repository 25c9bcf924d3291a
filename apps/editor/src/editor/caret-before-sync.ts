/**
 * Keeps the caret where the person just put it when a colleague's change
 * arrives.
 *
 * The race this closes (issue 15, « a keystroke is lost »): the browser moves
 * the caret at once on a click or End, but ProseMirror only reads the new DOM
 * selection on the next `selectionchange` event. A remote Yjs update landing
 * in between makes y-tiptap remember the selection of the editor state — the
 * stale one — redraw the document, and put that stale selection back into
 * the DOM: the click is undone and what is typed next goes to the old place
 * (Backspaces delete the wrong letters).
 *
 * Before a remote transaction is applied, if the DOM holds a selection that
 * ProseMirror has not read yet, the binding's remembered selection is replaced
 * by the DOM's, so the redraw restores where the person is now. Nothing is
 * dispatched there: a dispatch inside a Yjs transaction would let y-tiptap
 * write local content into a transaction of remote origin, which the provider
 * never sends.
 *
 * The same stale selection is written back by any transaction that redraws
 * without choosing a selection — a colleague's caret moving (awareness) adds
 * decorations — so such a transaction carries the DOM's selection instead.
 * And a key pressed right after Shift+End is handled by the keymaps on the
 * editor state's selection (ProseMirror only flushes pending DOM changes,
 * not an unread selection, at keydown): the DOM's selection is read first.
 */
import { Extension } from '@tiptap/core'
import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'
import { getRelativeSelection, ySyncPluginKey } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'

interface SelectionRange {
  anchorNode: Node | null
  anchorOffset: number
  focusNode: Node | null
  focusOffset: number
}

/** The part of prosemirror-view's DOM observer this relies on (not in its typings). */
interface DomObserver {
  currentSelection: { eq(range: SelectionRange): boolean }
}

type ViewInternals = EditorView & { domObserver: DomObserver; domSelectionRange(): SelectionRange }

/** The DOM selection as a ProseMirror selection, when it is one ProseMirror has not read yet. */
export function unreadDomSelection(view: EditorView): TextSelection | null {
  if (!view.hasFocus()) return null
  const internals = view as ViewInternals
  const range = internals.domSelectionRange()
  if (!range.anchorNode || !range.focusNode) return null
  if (!view.dom.contains(range.anchorNode) || !view.dom.contains(range.focusNode)) return null
  if (internals.domObserver.currentSelection.eq(range)) return null
  try {
    const anchor = view.posAtDOM(range.anchorNode, range.anchorOffset)
    const head = view.posAtDOM(range.focusNode, range.focusOffset)
    const selection = TextSelection.create(view.state.doc, anchor, head)
    return selection.eq(view.state.selection) ? null : selection
  } catch {
    // A selection inside a node view's own widget: ProseMirror ignores it too.
    return null
  }
}

export const CaretBeforeSync = Extension.create({
  name: 'caretBeforeSync',
  // Before the keymaps: their commands read the selection this updates.
  priority: 10_000,

  dispatchTransaction({ transaction, next }) {
    if (!transaction.docChanged && !transaction.selectionSet) {
      const selection = unreadDomSelection(this.editor.view)
      if (selection) transaction.setSelection(selection)
    }
    next(transaction)
  },

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('caretBeforeSync'),
        props: {
          handleKeyDown: (view) => {
            // During an IME composition the browser owns the selection.
            if (view.composing) return false
            const selection = unreadDomSelection(view)
            if (selection) view.dispatch(view.state.tr.setSelection(selection))
            return false
          },
        },
        view: (view) => {
          const sync = ySyncPluginKey.getState(view.state) as { binding?: { doc: Y.Doc; beforeTransactionSelection: unknown } } | undefined
          const binding = sync?.binding
          if (!binding) return {}
          const doc = binding.doc
          // `beforeTransaction` fires after y-tiptap's `beforeAllTransactions`
          // has stored the state's selection, whatever order the handlers
          // were registered in.
          const onBeforeTransaction = (transaction: Y.Transaction) => {
            if (transaction.local) return
            const selection = unreadDomSelection(view)
            if (selection) binding.beforeTransactionSelection = getRelativeSelection(binding as never, { selection } as never)
          }
          doc.on('beforeTransaction', onBeforeTransaction)
          return { destroy: () => doc.off('beforeTransaction', onBeforeTransaction) }
        },
      }),
    ]
  },
})
