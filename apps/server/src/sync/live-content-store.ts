/**
 * The live `FicheContentStore`: REST and live editing stay one. A read
 * returns the fiche as its stored state has it — snapshot plus the log's
 * tail, which is what every live document holds once caught up, since
 * nothing is applied before it is committed — without opening a document
 * (see `stored-content.ts`). A write replaces the fiche as one Yjs
 * transaction on its live document — checked like any client's update,
 * committed to the update log, then relayed at once to every connected
 * editor; a fiche that nobody is editing is loaded for the write and
 * unloaded after it.
 */
import type { Fiche } from '@paritaire/schema'
import { AppError, notFound } from '../errors.ts'
import type { FicheContentStore } from '../services/fiche-content.ts'
import type { DocManager } from './doc-manager.ts'
import { replaceFiche } from './fiche-yjs.ts'
import { StoredContentReader } from './stored-content.ts'
import type { StoredStates } from './update-log.ts'

export function createLiveFicheContentStore(manager: DocManager, states: StoredStates): FicheContentStore {
  const reader = new StoredContentReader(states)
  return {
    async read(ficheId) {
      const fiche = (await reader.readMany([ficheId])).get(ficheId)
      if (!fiche) throw notFound('Fiche introuvable.')
      return fiche
    },
    readMany: (ficheIds) => reader.readMany(ficheIds),
    write(ficheId, fiche: Fiche, actor) {
      return manager.with(ficheId, async (doc) => {
        if (!doc) throw notFound('Fiche introuvable.')
        const author = actor ? { userId: actor.userId, organisationId: actor.organisationId, role: actor.role ?? 'editor' } : null
        const refusal = doc.acceptChange(null, (scratch, token) => replaceFiche(scratch, { ...fiche, id: ficheId }, token), author)
        if (refusal) throw new AppError(422, refusal.code, `Modification refusée : ${refusal.message}`)
        try {
          await doc.committed()
        } catch {
          throw new AppError(503, 'stockage_indisponible', "La modification n'a pas pu être enregistrée ; réessayez.")
        }
        await doc.compactNow().catch(() => {})
      })
    },
  }
}
