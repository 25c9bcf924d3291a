/**
 * Reading and writing a branch's whole text (the main draft, or one
 * proposal). In a stored Texte (versions, imports) each fiche's `id` is its
 * key — its identity inside the text, stable across versions and branches —
 * whereas live fiche rows have their own global id (the address used by the
 * API and the sync rooms). These functions translate between the two.
 */
import { emptyTexte, type Fiche, type Texte } from '@paritaire/schema'
import type { AppContext } from '../context.ts'
import { newId } from '../ids.ts'
import { deleteFiche, insertFiches, listFiches, setFichePosition, type NewFicheRow } from '../repos/fiche.repo.ts'
import { findNegotiationById } from '../repos/negotiation.repo.ts'
import { findText, saveText } from '../repos/text.repo.ts'
import type { Actor } from './fiche-content.ts'
import { ficheYDocState, validateTexte } from './schema-bridge.ts'
import type { SessionIdentity } from '../repos/session.repo.ts'
import { AppError } from '../errors.ts'
import { ANY_ROLE, effectiveRole, requireNegotiationRole, requireWriteRole } from './access.ts'
import { audit } from './audit.ts'
import { branchOwner, invalidContent } from './fiches.ts'
import { joinTexte, textePartsOf, type TexteParts } from './texte-parts.ts'

export interface BranchTexte {
  texte: Texte
  /** Fiche key → live fiche id. */
  ficheIds: Record<string, string>
}

/** The branch's current text, each fiche read through the content store (live content when sync is active). */
export async function readBranchTexte(ctx: AppContext, negotiationId: string, proposalId: string | null): Promise<BranchTexte> {
  const db = ctx.database.db
  let parts = (await findText(db, negotiationId, proposalId)) as TexteParts | undefined
  if (!parts) {
    const negotiation = await findNegotiationById(db, negotiationId)
    parts = textePartsOf({ ...emptyTexte(negotiation?.title ?? ''), idcc: negotiation?.idcc ?? null })
  }
  const rows = await listFiches(db, negotiationId, proposalId)
  const contents = await ctx.ficheContent.readMany(rows.map((r) => r.id))
  const fiches: Fiche[] = []
  const ficheIds: Record<string, string> = {}
  for (const row of rows) {
    const fiche = contents.get(row.id)
    if (!fiche) continue // deleted since the list was read
    fiches.push({ ...fiche, id: row.fiche_key })
    ficheIds[row.fiche_key] = row.id
  }
  return { texte: joinTexte(parts, fiches), ficheIds }
}

/** Gives unique keys to the fiches of a text (an importer could repeat one); references stay as they are. */
export function uniqueKeys(fiches: Fiche[]): Fiche[] {
  const seen = new Set<string>()
  return fiches.map((f, i) => {
    let key = f.id || `fiche-${i + 1}`
    for (let n = 2; seen.has(key); n++) key = `${f.id}-${n}`
    seen.add(key)
    return key === f.id ? f : { ...f, id: key }
  })
}

/**
 * Makes the branch's live content equal to `texte`: fiches matched by key
 * are rewritten through the content store (so open editors receive the
 * change), missing ones created, extra ones deleted, order set.
 */
export async function writeBranchTexte(ctx: AppContext, actor: Actor, negotiationId: string, proposalId: string | null, texte: Texte): Promise<void> {
  const db = ctx.database.db
  const rows = await listFiches(db, negotiationId, proposalId)
  const byKey = new Map(rows.map((r) => [r.fiche_key, r]))
  const fiches = uniqueKeys(texte.fiches)
  const keep = new Set(fiches.map((f) => f.id))
  const inserts: NewFicheRow[] = []
  for (const [position, fiche] of fiches.entries()) {
    const row = byKey.get(fiche.id)
    if (row) {
      await ctx.ficheContent.write(row.id, { ...fiche, id: row.id }, actor)
      if (row.position !== position) await setFichePosition(db, row.id, position)
    } else {
      const id = newId()
      const content = { ...fiche, id }
      inserts.push({ id, negotiationId, proposalId, key: fiche.id, position, content, ydocState: ficheYDocState(content, null) })
    }
  }
  await db.transaction().execute(async (trx) => {
    for (const row of rows) if (!keep.has(row.fiche_key)) await deleteFiche(trx, row.id)
    await insertFiches(trx, inserts)
    await saveText(trx, negotiationId, proposalId, textePartsOf(texte))
  })
}

/**
 * Replaces the parts of a branch's text around the fiches (title, IDCC,
 * family, preamble, grid, closing, remainder): the body is a Texte without
 * `fiches` (or with them, ignored — fiches have their own routes), validated
 * with the schema package. Returns the new live text.
 */
export async function replaceTexteParts(ctx: AppContext, who: SessionIdentity, negotiationId: string, proposalId: string | null, body: unknown): Promise<Texte> {
  const { role } = await requireNegotiationRole(ctx, who, negotiationId, ANY_ROLE)
  const owner = await branchOwner(ctx, negotiationId, proposalId)
  requireWriteRole(effectiveRole(role, owner, who.organisation.id))
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new AppError(422, 'texte_invalide', 'Le corps doit être un texte (objet JSON : title, preamble, grid, closing…).')
  }
  const checked = validateTexte({ ...(body as object), fiches: [] })
  if (!checked.ok) throw invalidContent('texte_invalide', 'Texte invalide', checked.issues)
  await saveText(ctx.database.db, negotiationId, proposalId, textePartsOf(checked.value))
  await audit(ctx.database.db, who, 'texte.update', { negotiationId, type: 'negotiation', id: negotiationId, details: { proposalId } })
  return (await readBranchTexte(ctx, negotiationId, proposalId)).texte
}
