/**
 * The ledger: per negotiation, a hash chain of every event that makes a
 * version what it is — its creation (content hash, label, author
 * organisation and user, parent), each status change, each signature,
 * opposition and notification, each publication. Each event's hash covers
 * the previous hash and the event itself; after each append the server signs
 * the new head with its Ed25519 key (kept outside the database, see
 * `ledger-key.ts`) and stores the seal. `verifyLedger` recomputes the chain,
 * checks every seal against the server's public key, and compares the
 * tables with what the events say: a row inserted, changed or removed
 * behind the application — even with triggers disabled and hashes
 * recomputed by the database owner — no longer matches a signed head.
 */
import type { Kysely } from 'kysely'
import type { AppContext } from '../context.ts'
import type { DB } from '../db/schema.ts'
import { newId } from '../ids.ts'
import { lockNegotiation } from '../repos/negotiation.repo.ts'
import { insertLedgerEvent, insertSeal, lastLedgerEvent, listLedgerEvents, listSeals, loadLedgerState } from '../repos/ledger.repo.ts'
import { canonicalJson, contentHash, sha256Hex } from './hash.ts'
import { ledgerKey, verifySignature } from './ledger-key.ts'

export type LedgerKind = 'version.create' | 'version.status' | 'signature' | 'opposition' | 'notification' | 'publication'

export interface LedgerEvent { kind: LedgerKind; versionId: string; at: Date; payload: Record<string, unknown> }

/** The hash of an event: sha256(previous hash + canonical JSON of the event). */
export function eventHash(prevHash: string, e: { seq: number; kind: string; at: string; versionId: string | null; payload: unknown }): string {
  return sha256Hex(prevHash + canonicalJson({ seq: e.seq, kind: e.kind, at: e.at, versionId: e.versionId, payload: e.payload }))
}

export function headStatement(negotiationId: string, seq: number, hash: string, keyId: string) {
  return { kind: 'head', negotiationId, seq, hash, keyId }
}

/** Appends the event to the negotiation's chain and seals the new head, inside the caller's transaction. */
export async function appendLedger(ctx: AppContext, trx: Kysely<DB>, negotiationId: string, e: LedgerEvent): Promise<{ seq: number; hash: string }> {
  // One appender at a time per negotiation: the row lock orders the sequence numbers.
  await lockNegotiation(trx, negotiationId)
  const last = await lastLedgerEvent(trx, negotiationId)
  const seq = (last ? Number(last.seq) : 0) + 1
  const prev = last?.hash ?? ''
  const hash = eventHash(prev, { seq, kind: e.kind, at: e.at.toISOString(), versionId: e.versionId, payload: e.payload })
  await insertLedgerEvent(trx, negotiationId, { seq, at: e.at, kind: e.kind, version_id: e.versionId, payload: e.payload, prev_hash: prev, hash })
  const key = ledgerKey(ctx.config.ledgerKeyFile)
  const statement = headStatement(negotiationId, seq, hash, key.keyId)
  await insertSeal(trx, negotiationId, { id: newId(), seq, statement, signature: key.sign(canonicalJson(statement)) })
  return { seq, hash }
}

/** Signs a statement (e.g. a publication) with the server key and stores it as a seal at the given head. */
export async function sealStatement(ctx: AppContext, trx: Kysely<DB>, negotiationId: string, seq: number, statement: Record<string, unknown>) {
  const key = ledgerKey(ctx.config.ledgerKeyFile)
  const full = { ...statement, keyId: key.keyId }
  const signature = key.sign(canonicalJson(full))
  await insertSeal(trx, negotiationId, { id: newId(), seq, statement: full, signature })
  return { statement: full, signature }
}

export interface LedgerCheck { ok: boolean; events: number; head: { seq: number; hash: string } | null; problems: string[] }

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString())

/** Recomputes the chain, checks the seals, and compares the state tables with the events. */
export async function verifyLedger(ctx: AppContext, negotiationId: string): Promise<LedgerCheck> {
  const db = ctx.database.db
  const key = ledgerKey(ctx.config.ledgerKeyFile)
  const problems: string[] = []
  const events = await listLedgerEvents(db, negotiationId)
  let prev = ''
  const hashAt = new Map<number, string>()
  for (const [i, e] of events.entries()) {
    if (e.seq !== i + 1) problems.push(`Registre : l’événement n° ${i + 1} manque (trouvé n° ${e.seq}).`)
    if (e.prev_hash !== prev) problems.push(`Registre : l’événement n° ${e.seq} ne suit pas le précédent.`)
    const recomputed = eventHash(e.prev_hash, { seq: e.seq, kind: e.kind, at: e.at.toISOString(), versionId: e.version_id, payload: e.payload })
    if (recomputed !== e.hash) problems.push(`Registre : l’empreinte de l’événement n° ${e.seq} ne correspond plus à son contenu.`)
    hashAt.set(e.seq, e.hash)
    prev = e.hash
  }

  // The seals: each must carry the server's signature and match the chain at its position.
  const seals = await listSeals(db, negotiationId)
  let sealedHead = 0
  for (const s of seals) {
    const st = s.statement
    if (!verifySignature(key.publicKeyPem, canonicalJson(st), s.signature)) {
      problems.push(`Sceau n° ${s.seq} : la signature ne correspond pas à la clé du serveur.`)
      continue
    }
    if (st.kind === 'head') {
      if (hashAt.get(s.seq) !== st.hash) problems.push(`Sceau n° ${s.seq} : la tête signée ne correspond plus au registre (réécriture).`)
      else sealedHead = Math.max(sealedHead, s.seq)
    }
  }
  const last = events.at(-1)
  if (last && sealedHead !== last.seq) problems.push('La tête du registre n’est pas signée par le serveur : des événements ont été ajoutés ou réécrits hors de l’application.')

  // What the events say the tables hold, compared with what they hold.
  const expected = { versions: new Map<string, string>(), signatures: new Set<string>(), publications: new Set<string>(), oppositions: new Set<string>(), notifications: new Set<string>() }
  const statusOf = new Map<string, { status: string; publishedAt: string | null }>()
  const created = new Map<string, Record<string, unknown>>()
  for (const e of events) {
    const p = e.payload
    switch (e.kind) {
      case 'version.create': created.set(e.version_id ?? '', p); statusOf.set(e.version_id ?? '', { status: 'draft', publishedAt: null }); break
      case 'version.status': { const s = statusOf.get(e.version_id ?? ''); if (s) s.status = String(p.to); break }
      case 'signature': expected.signatures.add(canonicalJson({ versionId: e.version_id, ...p })); break
      case 'opposition': expected.oppositions.add(canonicalJson({ versionId: e.version_id, ...p })); break
      case 'notification': expected.notifications.add(canonicalJson({ versionId: e.version_id, ...p })); break
      case 'publication': {
        expected.publications.add(canonicalJson({ versionId: e.version_id, ...p }))
        const s = statusOf.get(e.version_id ?? '')
        if (s) s.publishedAt = String(p.publishedAt)
        break
      }
    }
  }
  for (const [id, c] of created) expected.versions.set(id, canonicalJson({ ...c, ...statusOf.get(id) }))

  const state = await loadLedgerState(db, negotiationId)
  for (const v of state.versions) {
    const hash = contentHash(v.content)
    if (hash !== v.content_hash) problems.push(`Version ${v.number} : le contenu ne correspond plus à son empreinte.`)
    const actual = canonicalJson({
      number: v.number, label: v.label, proposalId: v.proposal_id, parentId: v.parent_id,
      authorOrganisationId: v.author_organisation_id, authorUserId: v.author_user_id, createdAt: iso(v.created_at),
      contentHash: hash, status: v.status, publishedAt: iso(v.published_at),
    })
    const want = expected.versions.get(v.id)
    if (want === undefined) problems.push(`Version ${v.number} : absente du registre (ajoutée hors de l’application).`)
    else if (want !== actual) problems.push(`Version ${v.number} : son contenu, son libellé, son auteur, son état ou sa date de publication diffèrent du registre.`)
    expected.versions.delete(v.id)
  }
  if (expected.versions.size > 0) problems.push(`${expected.versions.size} version(s) du registre ont disparu de la base.`)

  const compare = (what: string, want: Set<string>, rows: Record<string, unknown>[]) => {
    const have = new Set(rows.map((r) => canonicalJson(r)))
    const extra = [...have].filter((r) => !want.has(r)).length
    const missing = [...want].filter((r) => !have.has(r)).length
    if (extra > 0) problems.push(`${what} : ${extra} ligne(s) absentes du registre ou modifiées (falsification).`)
    if (missing > 0) problems.push(`${what} : ${missing} ligne(s) du registre manquent ou ont été modifiées.`)
  }
  compare('Signatures', expected.signatures, state.signatures.map((s) => ({
    versionId: s.version_id, organisationId: s.organisation_id, userId: s.user_id, signedOn: s.signed_on, at: iso(s.created_at),
  })))
  compare('Publications', expected.publications, state.publications.map((p) => ({
    versionId: p.version_id, publicationId: p.id, userId: p.published_by_user_id, publishedAt: iso(p.published_at),
  })))
  compare('Oppositions', expected.oppositions, state.oppositions.map((o) => ({
    versionId: o.version_id, organisationId: o.organisation_id, userId: o.user_id, motif: o.motif, at: iso(o.created_at),
  })))
  compare('Notifications', expected.notifications, state.notifications.map((n) => ({
    versionId: n.version_id, userId: n.user_id, notifiedOn: n.notified_on,
  })))

  return { ok: problems.length === 0, events: events.length, head: last ? { seq: last.seq, hash: last.hash } : null, problems }
}
