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
 *
 * What rewrites typing into amendments (./tracking.ts) loads on demand: the
 * plugin registered here (the mode's state, the decorations that draw
 * amendments) is all a reader needs. While it loads, the mode is « pending »
 * and local edits are refused with a message rather than let through as
 * direct edits the person did not mean.
 */
import { Extension } from '@tiptap/core'
import type { Transaction } from '@tiptap/pm/state'
import { isSuggestChangesEnabled, suggestChanges, suggestChangesKey } from '@handlewithcare/prosemirror-suggest-changes'
import { checkAmendmentChange } from '@paritaire/schema/editing'
import { newAmendmentId, stampAmendments, type AmendmentIdentity } from './stamp.ts'

type Tracking = typeof import('./tracking.ts')

let tracking: Tracking | null = null
let loading: Promise<Tracking> | null = null

/** The amendment writer if it has arrived, else null. */
export function loadedTracking(): Tracking | null {
  return tracking
}

/** Starts loading the amendment writer (once) and resolves with it. */
export function loadTracking(): Promise<Tracking> {
  if (!loading) {
    loading = import('./tracking.ts').then((m) => (tracking = m))
    // A failed download is tried again on the next demand.
    loading.catch(() => (loading = null))
  }
  return loading
}

/** Shown when someone types while the mode they asked for is still loading. */
export const TRACKING_PENDING = 'le mode « Proposer des modifications » se charge, réessayez dans un instant.'

export interface AmendmentModeStorage {
  /** The mode was asked for and its writer is still loading. */
  pending: boolean
}

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

export const AmendmentMode = Extension.create<AmendmentModeOptions, AmendmentModeStorage>({
  name: 'amendmentMode',

  addOptions() {
    return { identity: null, forced: false, onRefused: () => {} }
  },

  addStorage() {
    return { pending: false }
  },

  addProseMirrorPlugins() {
    return [suggestChanges()]
  },

  onCreate() {
    if (!this.options.forced) return
    // The fiche screen loads the writer before showing the amendment role's editor; should it not have, wait for it.
    const ready = loadedTracking()
    if (ready) {
      ready.enableSuggestChanges(this.editor.state, this.editor.view.dispatch)
      return
    }
    this.storage.pending = true
    void loadTracking().then((t) => {
      this.storage.pending = false
      if (!this.editor.isDestroyed) t.enableSuggestChanges(this.editor.state, this.editor.view.dispatch)
    })
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
    const writer = loadedTracking()
    if (!skip && (this.storage.pending || (isSuggestChangesEnabled(state) && !writer))) {
      this.options.onRefused(TRACKING_PENDING)
      return
    }
    if (writer && isSuggestChangesEnabled(state) && !skip) tr = writer.transformToSuggestionTransaction(tr, state, () => newAmendmentId())
    stampAmendments(tr, state.doc, who)
    const refusal = checkAmendmentChange(state.doc.toJSON(), tr.doc.toJSON(), { organisationId: who.organisationId, role: who.role })
    if (refusal) {
      this.options.onRefused(refusal.message)
      return
    }
    next(tr)
  },
})
