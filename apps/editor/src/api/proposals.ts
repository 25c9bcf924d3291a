/**
 * Proposal branches as the proposal screens need them: which organisation's
 * project a branch is and from which version it started (for the banner),
 * and bringing one back into the common text (shapes of docs/api.md,
 * « Proposals brought back »).
 */
import { api } from './http.ts'
import type { Proposal } from './types.ts'

export interface ProposalBranch extends Proposal {
  baseVersionNumber?: number | null
}

export interface UnresolvedDifference {
  section: string
  code: string
  message: string
}

export interface BringBackSummary {
  proposal: { id: string; label: string; organisation: { id: string; name: string } }
  baseVersion: { id: string; number: number; label: string }
  touched: { key: string; ficheId: string; intitule: string; amendments: string[]; unresolved: UnresolvedDifference[] }[]
  unresolved: { key: string; ficheId: string; intitule: string; differences: UnresolvedDifference[] }[]
  skipped: { key: string; intitule: string; code: string; reason: string }[]
  amendmentsCreated: number
}

export async function bringBackProposal(proposalId: string): Promise<BringBackSummary> {
  return api<BringBackSummary>(`/api/proposals/${encodeURIComponent(proposalId)}/bring-back`, { method: 'POST', body: {} })
}

/** « de la CGT », « de l’UNSA », « de FO »: union and federation names are mostly feminine acronyms. */
export function ofOrganisation(name: string): string {
  if (/^FO\b/i.test(name)) return `de ${name}`
  return /^[aeiouyàâéèêîôûh]/i.test(name) ? `de l’${name}` : `de la ${name}`
}

/** « Projet de la CGT, à partir de la version 3 ». */
export function proposalTitle(p: Pick<ProposalBranch, 'organisation' | 'baseVersionNumber'>): string {
  const from = p.baseVersionNumber ? `, à partir de la version ${p.baseVersionNumber}` : ''
  return `Projet ${ofOrganisation(p.organisation.name)}${from}`
}
