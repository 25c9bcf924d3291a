/**
 * The lock of a fiche of the common text, in the fiche editor: who locked
 * it and when (the chair marked it agreed, or a signed version locks the
 * whole text), and for the chair the toggle that locks or unlocks it. The
 * server refuses edits to a locked fiche; the editor also stops offering
 * them (`useFicheLock().locked` makes it read-only).
 */
import { useState } from 'react'
import { listLocks, lockFiche, unlockFiche, type Lock } from '../api/circuit.ts'
import { ConfirmButton } from './ConfirmButton.tsx'
import { ErrorMessage, formatDate, Notice } from './feedback.tsx'
import { useAsync } from './use-async.ts'

export function useFicheLock(negotiationId: string | undefined, ficheId: string, onBranch: boolean) {
  const locks = useAsync(() => (negotiationId && !onBranch ? listLocks(negotiationId) : Promise.resolve([] as Lock[])), [negotiationId, ficheId, onBranch])
  const lock = (locks.value ?? []).find((l) => l.ficheId === ficheId && l.key !== '*') ?? (locks.value ?? []).find((l) => l.key === '*') ?? null
  return { lock, locked: lock !== null, reload: locks.reload }
}

export function LockBanner(props: { negotiationId: string; ficheId: string; isChair: boolean; lock: Lock | null; onChange(): void }) {
  const [error, setError] = useState<unknown>()
  const { lock } = props
  const run = async (action: () => Promise<unknown>) => {
    setError(undefined)
    try {
      await action()
      props.onChange()
    } catch (cause) {
      setError(cause)
    }
  }
  const whole = lock?.key === '*'
  return (
    <>
      {lock && (
        <Notice tone="warning">
          <span data-testid="lock-banner">
            🔒 {whole ? 'Texte verrouillé' : 'Fiche verrouillée'} ({lock.reason === 'signature' ? 'une version signée' : 'validée par la table'}) par {lock.user} — {lock.organisation}, le {formatDate(lock.at)}.
            {' '}Les modifications sont refusées jusqu’au déverrouillage par la présidence.
          </span>
        </Notice>
      )}
      <ErrorMessage error={error} />
      {props.isChair && !lock && (
        <ConfirmButton message="Marquer cette fiche comme validée ? Elle sera verrouillée pour tous jusqu’à son déverrouillage." onConfirm={() => run(() => lockFiche(props.negotiationId, props.ficheId))}>
          Verrouiller la fiche (validée)
        </ConfirmButton>
      )}
      {props.isChair && lock && (
        <ConfirmButton message={whole ? 'Déverrouiller tout le texte ? (Après une signature : ouvre un nouveau tour.)' : 'Déverrouiller cette fiche ?'} onConfirm={() => run(() => unlockFiche(props.negotiationId, whole ? null : props.ficheId))}>
          {whole ? 'Déverrouiller le texte' : 'Déverrouiller la fiche'}
        </ConfirmButton>
      )}
    </>
  )
}
