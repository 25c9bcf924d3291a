/**
 * On the negotiation page: who accepts or rejects amendments (« Décisions
 * sur les amendements »), shown to every member and settable by the chair.
 */
import { useEffect, useState } from 'react'
import { DECIDERS_LABELS, getAmendmentSettings, setAmendmentSettings, type AmendmentDeciders } from './api.ts'

export function AmendmentSettingsCard({ negotiationId, isChair }: { negotiationId: string; isChair: boolean }) {
  const [deciders, setDeciders] = useState<AmendmentDeciders | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    let live = true
    getAmendmentSettings(negotiationId)
      .then((s) => live && setDeciders(s.deciders))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)))
    return () => {
      live = false
    }
  }, [negotiationId])

  async function change(next: AmendmentDeciders) {
    setBusy(true)
    setError(null)
    try {
      setDeciders((await setAmendmentSettings(negotiationId, next)).deciders)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="card" aria-labelledby="amendment-settings-title" data-testid="amendment-settings">
      <h2 id="amendment-settings-title">Décisions sur les amendements</h2>
      {deciders && !isChair && <p>{DECIDERS_LABELS[deciders]} accepte ou rejette les amendements.</p>}
      {deciders && isChair && (
        <label>
          Qui accepte ou rejette les amendements{' '}
          <select value={deciders} disabled={busy} onChange={(e) => change(e.target.value as AmendmentDeciders)}>
            {(Object.keys(DECIDERS_LABELS) as AmendmentDeciders[]).map((d) => (
              <option key={d} value={d}>
                {DECIDERS_LABELS[d]}
              </option>
            ))}
          </select>
        </label>
      )}
      <p className="muted">L’organisation qui propose un amendement peut toujours le retirer. Chaque décision est inscrite au journal.</p>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}
