/**
 * The live `FicheContentStore`: REST and live editing stay one. A read
 * returns the fiche as the live document has it (committed state, caught up
 * with other instances); a write replaces the fiche as one Yjs transaction
 * on that document — checked like any client's update, committed to the
 * update log, then relayed at once to every connected editor. A fiche that
 * nobody is editing is loaded for the call and unloaded after it.
 */
import type { Fiche } from '@paritaire/schema'
import { AppError, notFound } from '../errors.ts'
import type { FicheContentStore } from '../services/fiche-content.ts'
import type { DocManager } from './doc-manager.ts'
import { readFiche, replaceFiche } from './fiche-yjs.ts'

export function createLiveFicheContentStore(manager: DocManager): FicheContentStore {
  return {
    read(ficheId) {
      return manager.with(ficheId, async (doc) => {
        if (!doc) throw notFound('Fiche introuvable.')
        await doc.catchUp(true)
        // Versions store the table's Yjs state beside this content: make it current.
        await doc.compactIfTail().catch(() => {})
        try {
          return readFiche(doc.live, ficheId)
        } catch (error) {
          throw new AppError(409, 'document_illisible', `La fiche ${ficheId} ne peut pas être lue : ${(error as Error).message}`)
        }
      })
    },
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
