/**
 * Fiche content read from the stored state — the snapshot plus the log's
 * tail, the one source of truth — without opening a live document, and
 * many fiches at once. Decoded fiches are kept per sequence number: a fiche
 * is decoded again only when a commit (here or on another instance) moved
 * its `update_seq`, so listing a branch of 114 fiches costs one small query
 * once nothing changed. Nothing is written on a read.
 */
import * as Y from 'yjs'
import { validateFiche, type Fiche } from '@paritaire/schema'
import { AppError } from '../errors.ts'
import { readFiche } from './fiche-yjs.ts'
import type { StoredState, StoredStates } from './update-log.ts'

/** Past this many decoded fiches the cache starts again (a bound, not a policy: branches are far smaller). */
const MAX_CACHED = 20_000

export class StoredContentReader {
  private readonly cache = new Map<string, { seq: number; fiche: Fiche }>()

  constructor(private readonly states: StoredStates) {}

  /** Fiche id → content, for the ids that exist (a deleted fiche is simply absent). */
  async readMany(ficheIds: readonly string[]): Promise<Map<string, Fiche>> {
    const seqs = await this.states.sequences(ficheIds)
    const stale = ficheIds.filter((id) => seqs.has(id) && this.cache.get(id)?.seq !== seqs.get(id))
    if (stale.length > 0) {
      if (this.cache.size + stale.length > MAX_CACHED) this.cache.clear()
      for (const [id, state] of await this.states.loadMany(stale)) this.cache.set(id, { seq: state.seq, fiche: decode(id, state) })
    }
    const out = new Map<string, Fiche>()
    for (const id of ficheIds) {
      const cached = this.cache.get(id)
      if (!seqs.has(id)) this.cache.delete(id)
      else if (cached) out.set(id, cached.fiche)
    }
    return out
  }
}

function decode(ficheId: string, state: StoredState): Fiche {
  try {
    if (!state.snapshot && state.updates.length === 0) {
      // Never opened live: its canonical JSON is all there is (the first load seeds the log from it).
      const checked = validateFiche({ ...(state.content as object), id: ficheId })
      if (!checked.ok) throw new Error(checked.issues[0]?.message ?? 'contenu invalide')
      return checked.value
    }
    const doc = new Y.Doc({ gc: true })
    try {
      if (state.snapshot) Y.applyUpdate(doc, state.snapshot.state)
      for (const u of state.updates) Y.applyUpdate(doc, u.data)
      return readFiche(doc, ficheId)
    } finally {
      doc.destroy()
    }
  } catch (error) {
    throw new AppError(409, 'document_illisible', `La fiche ${ficheId} ne peut pas être lue : ${(error as Error).message}`)
  }
}
