/**
 * Bringing an organisation's proposal back into the common text. Every
 * fiche of the proposal that differs from the proposal's base version is
 * compared fiche by fiche (by key) and its differences are added to the
 * live common fiche as pending amendments attributed to the proposing
 * organisation (see `bring-back-plan.ts`); the table then accepts or rejects
 * them with the usual amendment list. Nothing of the common wording changes
 * until then, which is why the proposing organisation may bring its own
 * proposal back as well as the chair: it only proposes what any amending
 * member could propose by hand. Fiches the common text has locked, fiches
 * added or removed by the proposal, and fiches the common text no longer
 * has are skipped and reported. A fiche whose every difference was carried
 * is remembered as brought back (`proposal_returns`): it is the merge base of
 * the next bring-back, so once the table holds that wording only what the
 * organisation changed since is proposed. The writes go through the live document
 * (`editEditorJson`: committed to the update log and relayed to every open
 * editor), and the whole operation is one audit event.
 */
import { ficheToEditorJson, type Fiche } from '@paritaire/schema'
import type { AppContext } from '../context.ts'
import { AppError, forbidden, notFound } from '../errors.ts'
import { newId } from '../ids.ts'
import { listLocks } from '../repos/lock.repo.ts'
import { findProposalDetail } from '../repos/proposal.repo.ts'
import { listProposalReturns, saveProposalReturn } from '../repos/proposal-return.repo.ts'
import type { SessionIdentity } from '../repos/session.repo.ts'
import { editEditorJson, readEditorJson } from '../sync/live-edit.ts'
import type { EditorNodeJson } from '../sync/update-rules.ts'
import { requireNegotiationRole } from './access.ts'
import { audit } from './audit.ts'
import { readBranchTexte } from './branch-content.ts'
import { planBringBack, stableString, type BringBackPlan, type UnresolvedDifference } from './bring-back-plan.ts'
import { lockMessage, WHOLE_TEXT } from './locks.ts'
import { versionTexte } from './versions.ts'

export interface BringBackSummary {
  proposal: { id: string; label: string; organisation: { id: string; name: string } }
  baseVersion: { id: string; number: number; label: string }
  /** Common-text fiches that received amendments. */
  touched: { key: string; ficheId: string; intitule: string; amendments: string[]; unresolved: UnresolvedDifference[] }[]
  /** Fiches changed in the proposal where nothing could be added, and why. */
  unresolved: { key: string; ficheId: string; intitule: string; differences: UnresolvedDifference[] }[]
  skipped: { key: string; intitule: string; code: string; reason: string }[]
  amendmentsCreated: number
}

const editorJson = (f: Fiche) => ficheToEditorJson(f) as EditorNodeJson
const sameFiche = (a: Fiche, b: Fiche) => stableString({ ...a, id: '' }) === stableString({ ...b, id: '' })

export async function bringBackProposal(ctx: AppContext, who: SessionIdentity, proposalId: string): Promise<BringBackSummary> {
  const db = ctx.database.db
  const hidden = 'Projet introuvable.'
  const proposal = await findProposalDetail(db, proposalId)
  if (!proposal) throw notFound(hidden)
  const { role } = await requireNegotiationRole(ctx, who, proposal.negotiation_id, ['chair', 'editor', 'commenter', 'viewer'], hidden)
  const owner = proposal.org_id === who.organisation.id
  if (role !== 'chair' && !(owner && role !== 'viewer')) {
    throw forbidden('Seules la présidence et l’organisation qui a rédigé le projet peuvent le ramener dans le texte commun.')
  }
  if (!proposal.base_version_id || proposal.base_number === null) {
    throw new AppError(409, 'projet_sans_base', 'Ce projet n’a pas de version de départ : ses différences ne peuvent pas être calculées.')
  }
  const negotiationId = proposal.negotiation_id
  const base = await versionTexte(ctx, proposal.base_version_id)
  const branch = await readBranchTexte(ctx, negotiationId, proposalId)
  const common = await readBranchTexte(ctx, negotiationId, null)
  const locks = await listLocks(db, negotiationId)
  const lockOf = (key: string) => locks.find((l) => l.fiche_key === key) ?? locks.find((l) => l.fiche_key === WHOLE_TEXT)

  const summary: BringBackSummary = {
    proposal: { id: proposal.id, label: proposal.title, organisation: { id: proposal.org_id, name: proposal.org_name } },
    baseVersion: { id: proposal.base_version_id, number: proposal.base_number, label: proposal.base_label ?? '' },
    touched: [], unresolved: [], skipped: [], amendmentsCreated: 0,
  }
  const createdAt = new Date().toISOString()
  const author = {
    attribution: { organisationId: proposal.org_id, organisationName: proposal.org_name, userId: proposal.created_by_user_id, authorName: proposal.user_name, createdAt },
    newId,
  }
  const baseByKey = new Map(base.fiches.map((f) => [f.id, f]))
  const returned = await listProposalReturns(db, proposalId)
  const inProposal = new Set(branch.texte.fiches.map((f) => f.id))
  for (const fiche of branch.texte.fiches) {
    const key = fiche.id
    const intitule = fiche.denomination.intitule
    const original = baseByKey.get(key)
    if (!original) {
      summary.skipped.push({ key, intitule, code: 'fiche_ajoutee', reason: 'Fiche ajoutée dans le projet : une fiche nouvelle ne s’amende pas, la présidence peut la créer dans le texte commun.' })
      continue
    }
    const from = returned.get(key) ?? original
    if (sameFiche(from, fiche)) continue
    const ficheId = common.ficheIds[key]
    if (!ficheId) {
      summary.skipped.push({ key, intitule, code: 'fiche_absente', reason: 'Cette fiche n’existe plus dans le texte commun.' })
      continue
    }
    const lock = lockOf(key)
    if (lock) {
      const info = { key: lock.fiche_key, reason: lock.reason, organisation: lock.org_name, user: lock.user_name, at: lock.created_at.toISOString() }
      summary.skipped.push({ key, intitule, code: 'fiche_verrouillee', reason: lockMessage(info, lock.fiche_key === WHOLE_TEXT ? 'Le texte' : 'Cette fiche') })
      continue
    }
    let plan: BringBackPlan = planBringBack(editorJson(from), editorJson(fiche), await readEditorJson(ctx, ficheId), author)
    // Planned again on the document as it is when written, so a concurrent edit is not lost.
    if (plan.result) {
      await editEditorJson(ctx, ficheId, (live) => {
        plan = planBringBack(editorJson(from), editorJson(fiche), live, author)
        return plan.result ?? live
      })
    }
    // Remembered only when nothing was left out: a difference not carried stays to be proposed next time.
    if (plan.unresolved.length === 0) await saveProposalReturn(db, proposalId, key, fiche)
    if (plan.created.length > 0) {
      summary.touched.push({ key, ficheId, intitule, amendments: plan.created, unresolved: plan.unresolved })
      summary.amendmentsCreated += plan.created.length
    } else if (plan.unresolved.length > 0) {
      summary.unresolved.push({ key, ficheId, intitule, differences: plan.unresolved })
    }
  }
  for (const from of base.fiches) {
    if (!inProposal.has(from.id)) {
      summary.skipped.push({ key: from.id, intitule: from.denomination.intitule, code: 'fiche_supprimee', reason: 'Fiche retirée dans le projet : la suppression d’une fiche ne s’amende pas, la présidence peut la supprimer du texte commun.' })
    }
  }
  await audit(db, who, 'proposal.bring_back', {
    negotiationId, type: 'proposal', id: proposalId,
    details: {
      organisation: proposal.org_name, baseVersionId: proposal.base_version_id, amendmentsCreated: summary.amendmentsCreated,
      fiches: summary.touched.map((t) => ({ key: t.key, ficheId: t.ficheId, amendments: t.amendments })),
      skipped: summary.skipped.map((s) => ({ key: s.key, code: s.code })),
    },
  })
  return summary
}
