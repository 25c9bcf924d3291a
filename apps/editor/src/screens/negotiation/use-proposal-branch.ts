/**
 * Which proposal (projet d'organisation) a fiche or a screen is on: apart
 * from the banner, which the fiche screen loads only on a proposal branch.
 */
import { listProposals } from '../../api/endpoints.ts'
import type { ProposalBranch } from '../../api/proposals.ts'
import { useAsync } from '../../components/use-async.ts'

/** The proposal a branch id names (undefined while loading, null for the common text or an unknown id). */
export function useProposalBranch(negotiationId: string | undefined, proposalId: string | null | undefined): ProposalBranch | null | undefined {
  const list = useAsync(
    () => (negotiationId && proposalId ? listProposals(negotiationId) : Promise.resolve([])),
    [negotiationId, proposalId],
  )
  if (!proposalId) return null
  if (!list.value) return undefined
  return (list.value as ProposalBranch[]).find((p) => p.id === proposalId) ?? null
}
