/**
 * Changes the server makes to a fiche's editor JSON itself (accepting,
 * rejecting or withdrawing amendments), which the canonical
 * `FicheContentStore` cannot express since canonical JSON has no pending
 * amendments. With live sync, the change runs on the live document like a
 * REST write (checked, committed to the update log, relayed at once to every
 * editor); without it, on the Yjs state stored in the fiche row.
 */
import * as Y from 'yjs'
import { writeEditorJsonToYDoc, yDocToEditorJson, yDocToFiche } from '@paritaire/schema'
import type { AppContext } from '../context.ts'
import { AppError, notFound } from '../errors.ts'
import { findFicheState, updateFiche } from '../repos/fiche.repo.ts'
import { syncServiceOf } from './service.ts'
import type { EditorNodeJson } from './update-rules.ts'

/** The fiche's current editor JSON, amendments included. */
export async function readEditorJson(ctx: AppContext, ficheId: string): Promise<EditorNodeJson> {
  const sync = syncServiceOf(ctx)
  if (sync) {
    return sync.manager.with(ficheId, async (doc) => {
      if (!doc) throw notFound('Fiche introuvable.')
      await doc.catchUp(true)
      return yDocToEditorJson(doc.live)
    })
  }
  return yDocToEditorJson(await storedDoc(ctx, ficheId))
}

async function storedDoc(ctx: AppContext, ficheId: string): Promise<Y.Doc> {
  const state = await findFicheState(ctx.database.db, ficheId)
  if (!state) throw notFound('Fiche introuvable.')
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  return doc
}

/**
 * Applies `change` (editor JSON in, editor JSON out) to the fiche as one
 * server change (no author: the caller has checked the right) and resolves
 * once it is committed.
 */
export async function editEditorJson(ctx: AppContext, ficheId: string, change: (json: EditorNodeJson) => EditorNodeJson): Promise<void> {
  const sync = syncServiceOf(ctx)
  if (!sync) {
    const doc = await storedDoc(ctx, ficheId)
    writeEditorJsonToYDoc(doc, change(yDocToEditorJson(doc)), 'paritaire-server')
    await updateFiche(ctx.database.db, ficheId, yDocToFiche(doc, ficheId), Y.encodeStateAsUpdate(doc))
    return
  }
  await sync.manager.with(ficheId, async (doc) => {
    if (!doc) throw notFound('Fiche introuvable.')
    await doc.catchUp(true)
    const refusal = doc.acceptChange(null, (scratch, token) => writeEditorJsonToYDoc(scratch, change(yDocToEditorJson(scratch)), token))
    if (refusal) throw new AppError(422, refusal.code, `Modification refusée : ${refusal.message}`)
    try {
      await doc.committed()
    } catch {
      throw new AppError(503, 'stockage_indisponible', "La modification n'a pas pu être enregistrée ; réessayez.")
    }
    await doc.compactNow().catch(() => {})
  })
}
