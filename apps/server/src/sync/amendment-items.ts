/**
 * Which Yjs items of a fiche carry an amendment, so that a change can be
 * judged by the amendment rule without converting the whole fiche to JSON.
 *
 * An amendment lives in two kinds of items (see the schema's
 * `amendments/marks.ts` and `model.ts`): the formatting items of the
 * suggestion marks (y-prosemirror keys them by mark name, `deletion--<hash>`
 * for the non-exclusive one) and the `proposals` attribute of a section.
 * When the scratch copy holds no such item, live or as an empty-range marker,
 * (an empty `proposals` list is none) and an incoming update brings none, the fiche holds no amendment before
 * the change nor after it: for a member who may edit, there is nothing
 * for the amendment rule to compare. Typing in a fiche with no amendment
 * then costs what the change costs, not two conversions of the whole fiche
 * (100–200 KB fiches spent most of the server's time there).
 */
import * as Y from 'yjs'
import { AMENDMENT_MARK, PROPOSALS_ATTRIBUTE } from '@paritaire/schema'

const MARK_KEY = new RegExp(`^(${Object.values(AMENDMENT_MARK).join('|')})(--|$)`)

export function isAmendmentKey(key: string | null): boolean {
  return key !== null && (key === PROPOSALS_ATTRIBUTE || MARK_KEY.test(key))
}

function carriesAmendment(struct: Y.Item | Y.GC | Y.Skip): boolean {
  if (!(struct instanceof Y.Item)) return false
  if (struct.content instanceof Y.ContentFormat) return isAmendmentKey(struct.content.key)
  // Every classement section carries a `proposals` attribute, empty until someone proposes a value.
  if (struct.parentSub === PROPOSALS_ATTRIBUTE) return !isEmptyList(struct.content)
  return isAmendmentKey(struct.parentSub)
}

function isEmptyList(content: Y.Item["content"]): boolean {
  const values = content instanceof Y.ContentAny ? content.arr : null
  return values !== null && values.length === 1 && Array.isArray(values[0]) && values[0].length === 0
}

/** Whether an update brings an item keyed as an amendment (true when it cannot be read: the full checks decide). */
export function updateCarriesAmendments(update: Uint8Array): boolean {
  try {
    return Y.decodeUpdate(update).structs.some(carriesAmendment)
  } catch {
    return true
  }
}

/** The count of live amendment items of one document, kept up to date by every transaction on it. */
export class AmendmentItems {
  private live = 0

  constructor(private readonly doc: Y.Doc) {
    for (const structs of doc.store.clients.values()) {
      for (const struct of structs) if (!struct.deleted && carriesAmendment(struct)) this.live++
    }
    doc.on('afterTransaction', this.onTransaction)
  }

  get count(): number {
    return this.live
  }

  private readonly onTransaction = (transaction: Y.Transaction): void => {
    for (const [client, after] of transaction.afterState) {
      const before = transaction.beforeState.get(client) ?? 0
      if (after <= before) continue
      const structs = this.doc.store.clients.get(client) ?? []
      for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
        const struct = structs[i]!
        if (struct.id.clock >= after) break
        if (!struct.deleted && carriesAmendment(struct)) this.live++
      }
    }
    // Items created and deleted in this transaction were never counted.
    Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
      if (struct.id.clock < (transaction.beforeState.get(struct.id.client) ?? 0) && carriesAmendment(struct)) this.live--
    })
  }
}
