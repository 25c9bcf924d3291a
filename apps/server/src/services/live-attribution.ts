/**
 * The chains `creditLiveChanges` credits a comparison against the live text
 * with: for each fiche that differs between the older version and the live
 * draft, the fiche in the version, then its state at the end of each run of
 * updates by one organisation since the version was made, replayed from
 * the attributed update log (as « Historique de la fiche » does). A fiche
 * whose log does not start from its first state (an older, compacted log)
 * gets no chain: its changes then keep no author rather than a guessed one.
 */
import * as Y from 'yjs'
import type { FicheChain } from '@paritaire/diff'
import { yDocToFiche, type Fiche, type Texte } from '@paritaire/schema'
import type { AppContext } from '../context.ts'
import { listAttributedUpdates } from '../repos/history.repo.ts'

/** Longest chain per fiche: beyond it, the earliest runs are merged into the first kept one. */
const MAX_RUNS = 40

const same = (a: Fiche | undefined, b: Fiche | undefined): boolean =>
  JSON.stringify(a ? { ...a, id: '' } : null) === JSON.stringify(b ? { ...b, id: '' } : null)

function ficheAt(doc: Y.Doc, key: string): Fiche | null {
  try {
    return yDocToFiche(doc, key)
  } catch {
    return null
  }
}

export async function liveChains(
  ctx: AppContext, older: Texte, olderMeta: FicheChain['links'][number]['meta'], since: Date, newer: Texte, ficheIds: Record<string, string>,
): Promise<FicheChain[]> {
  const before = new Map(older.fiches.map((f) => [f.id, f]))
  const chains: FicheChain[] = []
  for (const fiche of newer.fiches) {
    const rowId = ficheIds[fiche.id]
    if (!rowId || same(before.get(fiche.id), fiche)) continue
    const rows = await listAttributedUpdates(ctx.database.db, rowId)
    if (rows[0]?.seq !== 1) continue
    const doc = new Y.Doc()
    const links: FicheChain['links'] = [{ meta: olderMeta, fiche: before.get(fiche.id) ?? null }]
    let run: { organisationId: string | null; organisation: string | null; at: Date } | null = null
    const close = () => {
      if (!run) return
      const state = ficheAt(doc, fiche.id)
      if (state) links.push({ meta: { organisation: run.organisation, date: run.at.toISOString() }, fiche: state })
    }
    for (const row of rows) {
      if (row.createdAt > since) {
        if (run && run.organisationId !== row.organisationId) close()
        if (!run || run.organisationId !== row.organisationId) run = { organisationId: row.organisationId, organisation: row.organisationName, at: row.createdAt }
        run.at = row.createdAt
      }
      Y.applyUpdate(doc, row.data)
    }
    close()
    doc.destroy()
    if (links.length < 2) continue
    chains.push({ key: fiche.id, links: links.length > MAX_RUNS + 1 ? [links[0]!, ...links.slice(-MAX_RUNS)] : links })
  }
  return chains
}
