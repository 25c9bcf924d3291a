/**
 * « Proposer des modifications »: the suggestion mode of the fiche editor,
 * on `@handlewithcare/prosemirror-suggest-changes`. While it is on, what the
 * person types, deletes or replaces is turned by the library into
 * insertion / deletion marks, which `stampAmendments` attributes to their
 * organisation. Every local change — suggesting or not — is then checked
 * with the same `checkAmendmentChange` the server applies, so a change the
 * server would refuse (editing another organisation's amendment, a
 * commenter's direct edit) is stopped here with a message rather than
 * closing the connection. Changes from Yjs (other people) and undo/redo
 * pass untouched. For the amendment role the mode is forced on.
 */
import { Extension } from '@tiptap/core'
import type { Transaction } from '@tiptap/pm/state'
import {
  enableSuggestChanges,
  isSuggestChangesEnabled,
  suggestChanges,
  suggestChangesKey,
  transformToSuggestionTransaction,
} from '@handlewithcare/prosemirror-suggest-changes'
import { checkAmendmentChange } from '@paritaire/schema/editing'
import { newAmendmentId, stampAmendments, type AmendmentIdentity } from './stamp.ts'

export interface AmendmentModeOptions {
  identity: AmendmentIdentity | null
  /** The amendment role: suggestion mode cannot be turned off. */
  forced: boolean
  onRefused(message: string): void
}

function fromElsewhere(tr: Transaction): boolean {
  const ySync = (tr.getMeta('y-sync$') ?? {}) as { isChangeOrigin?: boolean; isUndoRedoOperation?: boolean }
  return Boolean(ySync.isChangeOrigin || ySync.isUndoRedoOperation || tr.getMeta('history$'))
}

/** Marks a transaction that already writes amendments itself (field proposals): the library must not re-track it. */
export function asAmendment(tr: Transaction): Transaction {
  return tr.setMeta(suggestChangesKey, { skip: true })
}

export const AmendmentMode = Extension.create<AmendmentModeOptions>({
  name: 'amendmentMode',

  addOptions() {
    return { identity: null, forced: false, onRefused: () => {} }
  },

  addProseMirrorPlugins() {
    return [suggestChanges()]
  },

  onCreate() {
    if (this.options.forced) enableSuggestChanges(this.editor.state, this.editor.view.dispatch)
  },

  dispatchTransaction({ transaction, next }) {
    const who = this.options.identity
    const state = this.editor.state
    if (!who || !transaction.docChanged || fromElsewhere(transaction)) {
      next(transaction)
      return
    }
    let tr = transaction
    const skip = 'skip' in ((tr.getMeta(suggestChangesKey) as object | undefined) ?? {})
    if (isSuggestChangesEnabled(state) && !skip) tr = transformToSuggestionTransaction(tr, state, () => newAmendmentId())
    stampAmendments(tr, state.doc, who)
    const refusal = checkAmendmentChange(state.doc.toJSON(), tr.doc.toJSON(), { organisationId: who.organisationId, role: who.role })
    if (refusal) {
      this.options.onRefused(refusal.message)
      return
    }
    next(tr)
  },
})
