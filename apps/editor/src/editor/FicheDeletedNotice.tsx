/**
 * What a person sees when someone deletes the fiche they have open: who
 * deleted it (the server's French reason), and two ways to keep what they
 * had — including what they typed since the last sync, which the server
 * never stored: copy it as text, or restore it into a new fiche of the same
 * branch.
 */
import { useState } from 'react'
import { ficheToPlainText } from '@paritaire/schema/editing'
import { createFicheFrom } from '../api/endpoints.ts'
import { ErrorMessage } from '../components/feedback.tsx'
import { href } from '../router.ts'
import type { FicheDeletion } from './use-collaboration.ts'

export function FicheDeletedNotice({ deletion, negotiationId, proposalId }: { deletion: FicheDeletion; negotiationId: string; proposalId: string | null }) {
  const [copied, setCopied] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const fiche = deletion.fiche

  async function copy() {
    if (!fiche) return
    try {
      await navigator.clipboard.writeText(ficheToPlainText(fiche))
      setCopied(true)
    } catch (cause) {
      setError(cause)
    }
  }

  async function restore() {
    if (!fiche) return
    setBusy(true)
    setError(null)
    try {
      const created = await createFicheFrom(negotiationId, fiche, proposalId)
      window.location.hash = href({ name: 'fiche', id: created.id })
    } catch (cause) {
      setError(cause)
      setBusy(false)
    }
  }

  return (
    <div className="alert alert--warning" role="alert" data-testid="fiche-deleted">
      <p><strong>{deletion.message}.</strong> Vos dernières modifications n’ont pas été enregistrées sur le serveur, mais ce navigateur les a gardées.</p>
      {fiche && (
        <p>
          <button type="button" className="button" onClick={() => void copy()}>{copied ? 'Texte copié' : 'Copier mon texte'}</button>{' '}
          <button type="button" className="button" disabled={busy} onClick={() => void restore()}>{busy ? 'Restauration…' : 'Restaurer dans une nouvelle fiche'}</button>
        </p>
      )}
      <ErrorMessage error={error} title="Impossible :" />
    </div>
  )
}
