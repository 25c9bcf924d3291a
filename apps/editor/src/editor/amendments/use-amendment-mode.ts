/** React access to the suggestion mode of an editor: whether it is on, who proposes, and the toggle. */
import { useEffect, useState } from 'react'
import type { Editor } from '@tiptap/core'
import { useEditorState } from '@tiptap/react'
import { isSuggestChangesEnabled } from '@handlewithcare/prosemirror-suggest-changes'
import { loadedTracking, loadTracking, type AmendmentModeOptions, type AmendmentModeStorage } from './suggest-mode.ts'
import type { AmendmentIdentity } from './stamp.ts'

function extension(editor: Editor) {
  return editor.extensionManager.extensions.find((e) => e.name === 'amendmentMode')
}

function options(editor: Editor): AmendmentModeOptions | null {
  const ext = extension(editor)
  return ext ? (ext.options as AmendmentModeOptions) : null
}

export function amendmentIdentity(editor: Editor): AmendmentIdentity | null {
  return options(editor)?.identity ?? null
}

export function isSuggestionForced(editor: Editor): boolean {
  return options(editor)?.forced ?? false
}

export function useSuggesting(editor: Editor): boolean {
  return useEditorState({ editor, selector: ({ editor: e }) => (e ? isSuggestChangesEnabled(e.state) : false) }) ?? false
}

/**
 * Turns the mode on or off. The first time on, the amendment writer is
 * downloaded first; meanwhile the mode is pending (local edits are refused
 * with a message, see ./suggest-mode.ts) so that nothing typed in the
 * meantime becomes a direct edit.
 */
export async function setSuggesting(editor: Editor, on: boolean): Promise<void> {
  if (!on && isSuggestionForced(editor)) return
  const storage = extension(editor)?.storage as AmendmentModeStorage | undefined
  let writer = loadedTracking()
  if (!writer) {
    if (!on) return
    if (storage) storage.pending = true
    try {
      writer = await loadTracking()
    } finally {
      if (storage) storage.pending = false
    }
  }
  if (editor.isDestroyed) return
  ;(on ? writer.enableSuggestChanges : writer.disableSuggestChanges)(editor.state, editor.view.dispatch)
}

/**
 * For the amendment role, whose editor starts in suggestion mode: true once
 * the amendment writer is there (at once for everyone else).
 */
export function useAmendmentWriter(needed: boolean): boolean {
  const [ready, setReady] = useState(() => !needed || loadedTracking() !== null)
  useEffect(() => {
    if (!needed || ready) return
    let gone = false
    const load = () =>
      loadTracking().then(
        () => gone || setReady(true),
        // Offline for a moment: try again rather than leave the editor closed.
        () => gone || setTimeout(load, 2000),
      )
    void load()
    return () => {
      gone = true
    }
  }, [needed, ready])
  return !needed || ready
}
