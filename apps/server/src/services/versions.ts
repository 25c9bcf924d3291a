/**
 * Versions: immutable snapshots of a branch's whole text. Creating one reads
 * every fiche through the content store, validates the Texte with the schema
 * package (422 naming the fault), and chains its SHA-256 to the parent's:
 * the previous version of the same branch, or for a proposal's first
 * version the version it started from. Restore first records the live state,
 * then writes an old version's content back and records that as a new
 * version.
 */
import type { Texte } from '@paritaire/schema'
import type { AppContext } from '../context.ts'
import { AppError, notFound } from '../errors.ts'
import { newId } from '../ids.ts'
import { lockNegotiation } from '../repos/negotiation.repo.ts'
import { findProposal } from '../repos/proposal.repo.ts'
import type { SessionIdentity } from '../repos/session.repo.ts'
import {
  findChainHash, findVersion, findVersionContent, insertVersion, latestVersionOnBranch, listSignatures,
  listVersions, listVersionsForVerification, nextVersionNumber, type SignatureRow, type VersionRow,
} from '../repos/version.repo.ts'
import { ANY_ROLE, effectiveRole, requireNegotiationRole, requireWriteRole } from './access.ts'
import { audit } from './audit.ts'
import { readBranchTexte, writeBranchTexte } from './branch-content.ts'
import { branchOwner, invalidContent } from './fiches.ts'
import { chainHash, contentHash } from './hash.ts'
import { appendLedger, verifyLedger, type LedgerCheck } from './ledger.ts'
import { assertBranchUnlocked } from './locks.ts'
import { validateTexte } from './schema-bridge.ts'

export function versionJson(v: VersionRow, signatures: SignatureRow[]) {
  return {
    id: v.id,
    negotiationId: v.negotiation_id,
    proposalId: v.proposal_id,
    number: v.number,
    label: v.label,
    status: v.status,
    organisation: { id: v.author_organisation_id, name: v.org_name, kind: v.org_kind },
    author: { id: v.author_user_id, name: v.user_name },
    createdAt: v.created_at.toISOString(),
    publishedAt: v.published_at ? v.published_at.toISOString() : null,
    parentId: v.parent_id,
    hash: v.chain_hash,
    contentHash: v.content_hash,
    signatures: signatures.filter((s) => s.version_id === v.id).map((s) => ({
      organisation: { id: s.organisation_id, name: s.org_name, kind: s.org_kind },
      signedAt: s.signed_on,
      /** When the server recorded it (its own clock). */
      at: s.created_at.toISOString(),
      user: { name: s.user_name },
    })),
  }
}
export type VersionJson = ReturnType<typeof versionJson>

/** Loads a version the caller may see, with the caller's role; a non-member gets the answer of an unknown id. */
export async function loadVersion(ctx: AppContext, who: SessionIdentity, versionId: string) {
  const version = await findVersion(ctx.database.db, versionId)
  if (!version) throw notFound('Version introuvable.')
  const { negotiation, role } = await requireNegotiationRole(ctx, who, version.negotiation_id, ANY_ROLE, 'Version introuvable.')
  return { version, negotiation, role }
}

export async function versionWithSignatures(ctx: AppContext, versionId: string): Promise<VersionJson> {
  const v = await findVersion(ctx.database.db, versionId)
  if (!v) throw notFound('Version introuvable.')
  return versionJson(v, await listSignatures(ctx.database.db, [v.id]))
}

export async function createVersion(
  ctx: AppContext, who: SessionIdentity, negotiationId: string,
  input: { label: string; proposalId?: string | null | undefined },
  action = 'version.create',
): Promise<VersionJson> {
  const { role } = await requireNegotiationRole(ctx, who, negotiationId, ANY_ROLE)
  const proposalId = input.proposalId ?? null
  const owner = await branchOwner(ctx, negotiationId, proposalId)
  requireWriteRole(effectiveRole(role, owner, who.organisation.id))
  const db = ctx.database.db

  // Read everything before the transaction: the live store may use its own connection.
  const { texte } = await readBranchTexte(ctx, negotiationId, proposalId)
  const checked = validateTexte(texte)
  if (!checked.ok) throw invalidContent('texte_invalide', 'Le texte ne peut pas être versionné', checked.issues)

  const id = newId()
  // Versions of one negotiation are created one at a time (row lock on the
  // negotiation), so that each reads the true latest parent and number; the
  // retry covers what the lock cannot (a negotiation row being created).
  for (let attempt = 1; ; attempt++) {
    try {
      await db.transaction().execute(async (trx) => {
        await lockNegotiation(trx, negotiationId)
        let parentId: string | null = (await latestVersionOnBranch(trx, negotiationId, proposalId))?.id ?? null
        if (parentId === null && proposalId !== null) parentId = (await findProposal(trx, proposalId))?.base_version_id ?? null
        const parentChain = parentId ? (await findChainHash(trx, parentId)) ?? null : null
        const ownHash = contentHash(checked.value)
        const number = await nextVersionNumber(trx, negotiationId)
        const createdAt = new Date()
        await insertVersion(trx, {
          id, negotiationId, proposalId, number, label: input.label,
          authorOrganisationId: who.organisation.id, authorUserId: who.user.id, createdAt, parentId,
          content: checked.value,
          contentHash: ownHash, chainHash: chainHash(parentChain, ownHash),
        })
        await appendLedger(ctx, trx, negotiationId, {
          kind: 'version.create', versionId: id, at: createdAt,
          payload: {
            number, label: input.label, proposalId, parentId, authorOrganisationId: who.organisation.id,
            authorUserId: who.user.id, createdAt: createdAt.toISOString(), contentHash: ownHash,
          },
        })
        await audit(trx, who, action, { negotiationId, type: 'version', id, details: { label: input.label, proposalId } })
      })
      break
    } catch (err) {
      if ((err as { code?: unknown }).code !== '23505' || attempt >= 5) throw err
    }
  }
  return versionWithSignatures(ctx, id)
}

export async function listNegotiationVersions(ctx: AppContext, who: SessionIdentity, negotiationId: string): Promise<VersionJson[]> {
  await requireNegotiationRole(ctx, who, negotiationId, ANY_ROLE)
  const versions = await listVersions(ctx.database.db, negotiationId)
  const signatures = await listSignatures(ctx.database.db, versions.map((v) => v.id))
  return versions.map((v) => versionJson(v, signatures))
}

export async function versionTexte(ctx: AppContext, versionId: string): Promise<Texte> {
  const row = await findVersionContent(ctx.database.db, versionId)
  if (!row) throw notFound('Version introuvable.')
  return row.content as Texte
}

export async function versionDetail(ctx: AppContext, who: SessionIdentity, versionId: string) {
  await loadVersion(ctx, who, versionId)
  return { ...(await versionWithSignatures(ctx, versionId)), texte: await versionTexte(ctx, versionId) }
}

/**
 * Records the branch's live state as a version (« Avant restauration de la
 * version N »), writes the old version's content back to the branch, then
 * records that as a new version. Refused while the common text is locked.
 */
export async function restoreVersion(ctx: AppContext, who: SessionIdentity, versionId: string): Promise<VersionJson & { savedBefore: { id: string; number: number; label: string } }> {
  const { version, role } = await loadVersion(ctx, who, versionId)
  const owner = await branchOwner(ctx, version.negotiation_id, version.proposal_id)
  requireWriteRole(effectiveRole(role, owner, who.organisation.id))
  await assertBranchUnlocked(ctx, version.negotiation_id, version.proposal_id)
  // Nothing anyone typed may disappear: the live state is recorded first.
  const before = await createVersion(ctx, who, version.negotiation_id, {
    label: `Avant restauration de la version ${version.number}`, proposalId: version.proposal_id,
  }, 'version.before_restore')
  const texte = await versionTexte(ctx, versionId)
  await writeBranchTexte(ctx, { userId: who.user.id, organisationId: who.organisation.id }, version.negotiation_id, version.proposal_id, texte)
  const restored = await createVersion(ctx, who, version.negotiation_id, {
    label: `Restauration de la version ${version.number} (${version.label})`.slice(0, 300),
    proposalId: version.proposal_id,
  }, 'version.restore')
  return { ...restored, savedBefore: { id: before.id, number: before.number, label: before.label } }
}

export interface ChainCheck {
  ok: boolean
  brokenAt: string | null
  versions: { id: string; number: number; ok: boolean; problem?: string }[]
  /** The ledger of every event (signatures, publications…) and its signed head. */
  ledger: LedgerCheck
}

/** Recomputes every content hash and chain link of the negotiation's versions. */
export async function verifyChain(ctx: AppContext, negotiationId: string): Promise<ChainCheck> {
  const rows = await listVersionsForVerification(ctx.database.db, negotiationId)
  const chainOf = new Map(rows.map((r) => [r.id, r.chain_hash]))
  const versions: ChainCheck['versions'] = []
  for (const r of rows) {
    let problem: string | undefined
    const recomputed = contentHash(r.content)
    if (recomputed !== r.content_hash) problem = 'Le contenu ne correspond plus à son empreinte.'
    else {
      const parentChain = r.parent_id ? chainOf.get(r.parent_id) ?? null : null
      if (r.parent_id && parentChain === null) problem = 'La version parente est introuvable.'
      else if (chainHash(parentChain, recomputed) !== r.chain_hash) problem = "L'empreinte chaînée ne correspond pas à celle de la version parente."
    }
    versions.push(problem ? { id: r.id, number: r.number, ok: false, problem } : { id: r.id, number: r.number, ok: true })
  }
  const broken = versions.find((v) => !v.ok)
  const ledger = await verifyLedger(ctx, negotiationId)
  return { ok: !broken && ledger.ok, brokenAt: broken?.id ?? null, versions, ledger }
}

export async function verifyNegotiationChain(ctx: AppContext, who: SessionIdentity, negotiationId: string): Promise<ChainCheck> {
  await requireNegotiationRole(ctx, who, negotiationId, ANY_ROLE)
  return verifyChain(ctx, negotiationId)
}

export function assertStatus(version: VersionRow, allowed: VersionRow['status'][], message: string): void {
  if (!allowed.includes(version.status)) throw new AppError(409, 'statut_incompatible', message)
}
