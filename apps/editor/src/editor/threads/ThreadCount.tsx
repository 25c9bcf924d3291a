/**
 * The number of open discussions of a fiche, beside its title in the
 * negotiation's fiche list (as the reader may see them: another
 * organisation's private notes are not counted).
 */
import type { ThreadCounts } from './thread-api.ts'

export function ThreadCount({ counts, ficheId }: { counts: ThreadCounts | null | undefined; ficheId: string }) {
  const c = counts?.[ficheId]
  if (!c || c.total === 0) return null
  const label = c.open === 0 ? `${c.total} discussion${c.total > 1 ? 's' : ''} résolue${c.total > 1 ? 's' : ''}` : `${c.open} discussion${c.open > 1 ? 's' : ''} ouverte${c.open > 1 ? 's' : ''}`
  return (
    <span className="thread-count" data-testid="thread-count" title={label} aria-label={label}>
      💬 {c.open > 0 ? c.open : `✓${c.total}`}
    </span>
  )
}
