/**
 * « Historique de la fiche » behind the routes: reads the attributed log
 * and the state it starts from, then groups and redlines it with the pure
 * functions of `fiche-history.ts`. A log whose first row is sequence 1 holds
 * the fiche's first state and needs nothing else; an older log that lost its
 * first rows starts from the fiche's own stored state while it was never
 * compacted, else from the oldest version's copy of it, and groups that
 * starting state already contains cannot be redlined (`available: false`). Only the newest groups are measured for the list
 * (each costs a replay of its window); any group can be opened.
 */
import * as Y from 'yjs'
import { embeddedStyles, renderInlineHtml } from '@paritaire/diff'
import type { AppContext } from '../context.ts'
import { AppError, notFound } from '../errors.ts'
import { findFiche } from '../repos/fiche.repo.ts'
import { listAttributedUpdates, uncompactedFicheState, type AttributedRow } from '../repos/history.repo.ts'
import type { SessionIdentity } from '../repos/session.repo.ts'
import { roleForFiche } from './access.ts'
import { groupSittings, sittingLabel, sittingRedlines, type Sitting } from './fiche-history.ts'

/** How many of the newest groups the list measures. */
const MEASURED = 40

export interface SittingView {
  id: number
  label: string
  user: { id: string | null; name: string | null }
  organisation: { id: string | null; name: string | null }
  from: string
  to: string
  updates: number
  modifications: number | null
  available: boolean
}

interface Loaded {
  rows: AttributedRow[]
  groups: Sitting[]
  base: Uint8Array | null
  /** Rows up to this sequence are already in `base`. */
  coveredSeq: number
}

async function load(ctx: AppContext, who: SessionIdentity, ficheId: string): Promise<Loaded> {
  const access = await roleForFiche(ctx, ficheId, who.organisation.id)
  const fiche = access ? await findFiche(ctx.database.db, ficheId) : undefined
  if (!access || !fiche) throw notFound('Fiche introuvable.')
  const db = ctx.database.db
  const rows = await listAttributedUpdates(db, ficheId)
  // A log that starts at row 1 holds the fiche's first state: it is the whole history.
  // Older logs (before row 1 held the first state) start from the never-compacted stored state.
  const base = rows[0]?.seq === 1 ? null : await uncompactedFicheState(db, ficheId)
  return { rows, groups: groupSittings(rows), base, coveredSeq: coveredBy(base, rows) }
}

/** The last row whose insertions the base state already holds (0 when none). */
function coveredBy(base: Uint8Array | null, rows: AttributedRow[]): number {
  if (!base) return 0
  const vector = Y.encodeStateVectorFromUpdate(base)
  let covered = 0
  for (const row of rows) {
    const missing = Y.decodeUpdate(Y.diffUpdate(row.data, vector)).structs.length
    const own = Y.decodeUpdate(row.data).structs.length
    if (own > 0 && missing > 0) break
    covered = row.seq
  }
  return covered
}

function view(g: Sitting, rows: Map<number, AttributedRow>, modifications: number | null, available: boolean): SittingView {
  const first = rows.get(g.id)!
  const who = { name: first.userName, organisation: first.organisationName }
  return {
    id: g.id,
    label: sittingLabel(who, g.from, g.to, modifications),
    user: { id: g.userId, name: first.userName },
    organisation: { id: g.organisationId, name: first.organisationName },
    from: g.from.toISOString(),
    to: g.to.toISOString(),
    updates: g.seqs.length,
    modifications,
    available,
  }
}

export async function ficheHistory(ctx: AppContext, who: SessionIdentity, ficheId: string): Promise<{ sittings: SittingView[]; complete: boolean }> {
  const { rows, groups, base, coveredSeq } = await load(ctx, who, ficheId)
  const bySeq = new Map(rows.map((r) => [r.seq, r]))
  const measurable = groups.filter((g) => g.id > coveredSeq)
  const measured = new Set(measurable.slice(-MEASURED).map((g) => g.id))
  const redlines = new Map(sittingRedlines(ficheId, rows, groups, base, measured).map((r) => [r.sitting.id, r]))
  const sittings = groups.map((g) => {
    const available = g.id > coveredSeq
    const r = redlines.get(g.id)
    return view(g, bySeq, r ? r.modifications : null, available)
  })
  return { sittings: sittings.reverse(), complete: coveredSeq === 0 || base !== null }
}

export async function sittingRedline(ctx: AppContext, who: SessionIdentity, ficheId: string, sittingId: number) {
  const { rows, groups, base, coveredSeq } = await load(ctx, who, ficheId)
  const group = groups.find((g) => g.id === sittingId)
  if (!group) throw notFound('Séance introuvable dans l’historique de cette fiche.')
  if (group.id <= coveredSeq) {
    throw new AppError(409, 'historique_indisponible', 'Ces modifications sont antérieures au plus ancien état conservé de la fiche : leur redline n’est pas disponible.')
  }
  const [r] = sittingRedlines(ficheId, rows, groups, base, new Set([sittingId]))
  if (!r?.changes) throw new AppError(409, 'historique_illisible', 'L’état de la fiche avant ou après ces modifications ne peut pas être lu.')
  const bySeq = new Map(rows.map((x) => [x.seq, x]))
  return { sitting: view(group, bySeq, r.modifications, true), changes: r.changes, html: `${embeddedStyles()}${renderInlineHtml(r.changes)}` }
}
