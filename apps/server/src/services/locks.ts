/**
 * Locked fiches. The chair marks a fiche of the common text (or the whole
 * text, key `*`) as agreed: it is then locked — REST writes and live-sync
 * updates to it are refused on the server — until the chair unlocks it.
 * Signing a version of the common text locks the whole text the same way
 * (reason `signature`); the chair's unlocking of it opens a new round.
 * Every lock and unlock is audited. The sync rule cannot wait on the
 * database, so a `LockRegistry` per server keeps the locks of the
 * negotiations being edited in memory: loaded when a fiche's socket opens,
 * reloaded after each change here, and across instances on a NOTIFY of
 * `paritaire_locks`. REST checks read the table itself.
 */
import { sql, type Kysely } from 'kysely'
import type { AppContext } from '../context.ts'
import type { DB } from '../db/schema.ts'
import { AppError, notFound } from '../errors.ts'
import { findFiche, findFichePlace, listFiches } from '../repos/fiche.repo.ts'
import { deleteLock, insertLock, listLocks, type LockRow } from '../repos/lock.repo.ts'
import type { SessionIdentity } from '../repos/session.repo.ts'
import { ANY_ROLE, requireNegotiationRole } from './access.ts'
import { audit } from './audit.ts'

export const LOCK_CHANNEL = 'paritaire_locks'
export const WHOLE_TEXT = '*'

export interface LockInfo { key: string; reason: 'accord' | 'signature'; organisation: string; user: string; at: string }

const info = (r: LockRow): LockInfo => ({ key: r.fiche_key, reason: r.reason, organisation: r.org_name, user: r.user_name, at: r.created_at.toISOString() })

export function lockMessage(l: LockInfo, what = 'Cette fiche'): string {
  const date = new Date(l.at).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' })
  const why = l.reason === 'signature' ? 'une version signée du texte' : 'un accord de la table'
  const locked = what === 'Le texte' ? 'verrouillé' : 'verrouillée'
  return `${what} est ${locked} (${why}, par ${l.user} — ${l.organisation}, le ${date}) : seule la présidence peut ${what === 'Le texte' ? 'le' : 'la'} déverrouiller.`
}

/** The locks of the negotiations being edited live on this instance. */
export class LockRegistry {
  private readonly fiches = new Map<string, { negotiationId: string; key: string; main: boolean }>()
  private readonly negotiations = new Map<string, Map<string, LockInfo>>()

  constructor(private readonly db: Kysely<DB>) {}

  /** Called before a fiche's socket joins its document: the rule then answers without the database. */
  async loadFiche(ficheId: string): Promise<void> {
    // A fiche never changes negotiation, branch or key: once known, its locks are kept current by `reload`.
    const known = this.fiches.get(ficheId)
    if (known && this.negotiations.has(known.negotiationId)) return
    const row = await findFichePlace(this.db, ficheId)
    if (!row) return
    this.fiches.set(ficheId, { negotiationId: row.negotiation_id, key: row.fiche_key, main: row.proposal_id === null })
    if (!this.negotiations.has(row.negotiation_id)) await this.reload(row.negotiation_id)
  }

  async reload(negotiationId: string): Promise<void> {
    const rows = await listLocks(this.db, negotiationId)
    this.negotiations.set(negotiationId, new Map(rows.map((r) => [r.fiche_key, info(r)])))
  }

  /** Only negotiations already known are reloaded on a NOTIFY: the others load when first needed. */
  async notified(negotiationId: string): Promise<void> {
    if (this.negotiations.has(negotiationId)) await this.reload(negotiationId)
  }

  lockOf(ficheId: string): LockInfo | null {
    const f = this.fiches.get(ficheId)
    if (!f || !f.main) return null
    const locks = this.negotiations.get(f.negotiationId)
    return locks?.get(f.key) ?? locks?.get(WHOLE_TEXT) ?? null
  }
}

const registries = new WeakMap<AppContext, LockRegistry>()

export function lockRegistryOf(ctx: AppContext): LockRegistry {
  let r = registries.get(ctx)
  if (!r) {
    r = new LockRegistry(ctx.database.db)
    registries.set(ctx, r)
  }
  return r
}

/** Listens for other instances' lock changes; call once when sync starts. */
export async function installLocks(ctx: AppContext): Promise<LockRegistry> {
  const registry = lockRegistryOf(ctx)
  const unlisten = await ctx.database.listen(LOCK_CHANNEL, (payload) => void registry.notified(payload).catch(() => {}))
  ctx.onClose.push(() => unlisten().catch(() => {}))
  return registry
}

async function announce(ctx: AppContext, negotiationId: string): Promise<void> {
  await lockRegistryOf(ctx).notified(negotiationId)
  await sql`select pg_notify(${LOCK_CHANNEL}, ${negotiationId})`.execute(ctx.database.db)
}

/** 409 when the fiche (of the common text) or the whole text is locked. */
export async function assertFicheUnlocked(ctx: AppContext, ficheId: string): Promise<void> {
  const row = await findFiche(ctx.database.db, ficheId)
  if (!row || row.proposal_id !== null) return
  const locks = await listLocks(ctx.database.db, row.negotiation_id)
  const lock = locks.find((l) => l.fiche_key === row.fiche_key) ?? locks.find((l) => l.fiche_key === WHOLE_TEXT)
  if (lock) throw new AppError(409, 'fiche_verrouillee', lockMessage(info(lock)))
}

/** 409 when a whole-branch write (restore, new fiche) would touch a locked part of the common text. */
export async function assertBranchUnlocked(ctx: AppContext, negotiationId: string, proposalId: string | null, wholeOnly = false): Promise<void> {
  if (proposalId !== null) return
  const locks = await listLocks(ctx.database.db, negotiationId)
  const lock = wholeOnly ? locks.find((l) => l.fiche_key === WHOLE_TEXT) : locks[0]
  if (lock) throw new AppError(409, 'texte_verrouille', lockMessage(info(lock), lock.fiche_key === WHOLE_TEXT ? 'Le texte' : 'Une fiche du texte'))
}

async function keyOf(ctx: AppContext, negotiationId: string, ficheId: string | null): Promise<string> {
  if (ficheId === null) return WHOLE_TEXT
  const row = await findFiche(ctx.database.db, ficheId)
  if (!row || row.negotiation_id !== negotiationId) throw notFound('Fiche introuvable.')
  if (row.proposal_id !== null) throw new AppError(409, 'projet', 'Seules les fiches du texte commun se verrouillent.')
  return row.fiche_key
}

/** The locks with, for a fiche's, the id of that fiche in the common text (`null` for the whole text). */
export async function listNegotiationLocks(ctx: AppContext, who: SessionIdentity, negotiationId: string) {
  await requireNegotiationRole(ctx, who, negotiationId, ANY_ROLE)
  const fiches = await listFiches(ctx.database.db, negotiationId, null)
  const idOf = new Map(fiches.map((f) => [f.fiche_key, f.id]))
  return (await listLocks(ctx.database.db, negotiationId)).map((r) => ({ ...info(r), ficheId: idOf.get(r.fiche_key) ?? null }))
}

export async function setLock(ctx: AppContext, who: SessionIdentity, negotiationId: string, ficheId: string | null) {
  await requireNegotiationRole(ctx, who, negotiationId, ['chair'])
  const key = await keyOf(ctx, negotiationId, ficheId)
  await ctx.database.db.transaction().execute(async (trx) => {
    await insertLock(trx, { negotiationId, key, reason: 'accord', organisationId: who.organisation.id, userId: who.user.id })
    await audit(trx, who, 'lock.set', { negotiationId, type: key === WHOLE_TEXT ? 'negotiation' : 'fiche', id: ficheId ?? negotiationId, details: { key } })
  })
  await announce(ctx, negotiationId)
  return listNegotiationLocks(ctx, who, negotiationId)
}

export async function removeLock(ctx: AppContext, who: SessionIdentity, negotiationId: string, ficheId: string | null) {
  await requireNegotiationRole(ctx, who, negotiationId, ['chair'])
  const key = await keyOf(ctx, negotiationId, ficheId)
  const before = (await listLocks(ctx.database.db, negotiationId)).find((l) => l.fiche_key === key)
  if (!before) throw new AppError(404, 'pas_de_verrou', ficheId ? 'Cette fiche n’est pas verrouillée.' : 'Le texte n’est pas verrouillé.')
  await ctx.database.db.transaction().execute(async (trx) => {
    await deleteLock(trx, negotiationId, key)
    // Unlocking a signed text is opening a new round of negotiation.
    await audit(trx, who, before.reason === 'signature' ? 'round.open' : 'lock.remove', {
      negotiationId, type: key === WHOLE_TEXT ? 'negotiation' : 'fiche', id: ficheId ?? negotiationId, details: { key, reason: before.reason },
    })
  })
  await announce(ctx, negotiationId)
  return listNegotiationLocks(ctx, who, negotiationId)
}

/** Inside the signing transaction: a signed version of the common text locks it until a new round. */
export async function lockForSignature(trx: Kysely<DB>, negotiationId: string, who: SessionIdentity): Promise<void> {
  await insertLock(trx, { negotiationId, key: WHOLE_TEXT, reason: 'signature', organisationId: who.organisation.id, userId: who.user.id })
}

export async function announceLocks(ctx: AppContext, negotiationId: string): Promise<void> {
  await announce(ctx, negotiationId)
}
