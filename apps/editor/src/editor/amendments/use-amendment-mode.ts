/** React access to the suggestion mode of an editor: whether it is on, who proposes, and the toggle. */
import type { Editor } from '@tiptap/core'
import { useEditorState } from '@tiptap/react'
import { disableSuggestChanges, enableSuggestChanges, isSuggestChangesEnabled } from '@handlewithcare/prosemirror-suggest-changes'
import type { AmendmentModeOptions } from './suggest-mode.ts'
import type { AmendmentIdentity } from './stamp.ts'

function options(editor: Editor): AmendmentModeOptions | null {
  const ext = editor.extensionManager.extensions.find((e) => e.name === 'amendmentMode')
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

export function setSuggesting(editor: Editor, on: boolean): void {
  if (!on && isSuggestionForced(editor)) return
  ;(on ? enableSuggestChanges : disableSuggestChanges)(editor.state, editor.view.dispatch)
}
