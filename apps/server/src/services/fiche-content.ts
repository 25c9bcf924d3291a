/**
 * Where a fiche's current content is read and written. Versions, the fiche
 * routes and restore go through a `FicheContentStore` held by the app
 * context, never through the table directly: the database implementation
 * below is the default, and the sync part installs a live implementation
 * that reads the in-memory Y.Doc being edited and applies writes to it, so
 * that versions include edits not yet persisted and restores reach every
 * connected editor.
 */
import type { Fiche } from '@paritaire/schema'
import type { Database } from '../db/database.ts'
import type { Role } from '../db/schema.ts'
import { notFound } from '../errors.ts'
import { findFiche, findFichesContent, findFicheState, updateFiche } from '../repos/fiche.repo.ts'
import { ficheYDocState } from './schema-bridge.ts'

/**
 * Who makes a change; null for the system (demo seeding, migrations). The
 * role is the caller's effective role on the fiche, when known (the update
 * rules of live documents read it).
 */
export type Actor = { userId: string; organisationId: string; role?: Role } | null

export interface FicheContentStore {
  /** The fiche's current canonical content (its `id` is the fiche id). Throws a 404 `AppError` if it does not exist. */
  read(ficheId: string): Promise<Fiche>
  /** Many fiches at once (a branch's list, a whole text): id → content, absent ids left out. */
  readMany(ficheIds: readonly string[]): Promise<Map<string, Fiche>>
  /** Replaces the fiche's content (already validated by the caller). */
  write(ficheId: string, fiche: Fiche, actor: Actor): Promise<void>
}

export function createDbFicheContentStore(database: Database): FicheContentStore {
  return {
    async read(ficheId) {
      const row = await findFiche(database.db, ficheId)
      if (!row) throw notFound('Fiche introuvable.')
      return { ...(row.content as Fiche), id: ficheId }
    },
    async readMany(ficheIds) {
      const rows = ficheIds.length === 0 ? [] : await findFichesContent(database.db, ficheIds)
      return new Map(rows.map((r) => [r.id, { ...(r.content as Fiche), id: r.id }]))
    },
    async write(ficheId, fiche) {
      const previous = await findFicheState(database.db, ficheId)
      const content: Fiche = { ...fiche, id: ficheId }
      await updateFiche(database.db, ficheId, content, ficheYDocState(content, previous))
    },
  }
}
