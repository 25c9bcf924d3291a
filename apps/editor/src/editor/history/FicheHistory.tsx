/**
 * « Historique de la fiche »: who changed what, grouped by person and by
 * sitting (« Karim Benali (CGT), 12 mars, 14 h 05–14 h 20 : 3
 * modifications »), newest first, each openable as a redline (computed by
 * the server from the attributed update log) in a dialog. Loaded when the
 * section is opened, not with the fiche.
 */
import { useEffect, useRef, useState } from 'react'
import { api } from '../../api/http.ts'
import { ErrorMessage, Loading } from '../../components/feedback.tsx'

interface SittingView {
  id: number
  label: string
  updates: number
  modifications: number | null
  available: boolean
}

const enc = encodeURIComponent

export function FicheHistory({ ficheId }: { ficheId: string }) {
  const [open, setOpen] = useState(false)
  const [sittings, setSittings] = useState<SittingView[] | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [redline, setRedline] = useState<{ label: string; html: string } | null>(null)
  const dialog = useRef<HTMLDialogElement>(null)

  useEffect(() => {
    if (!open) return
    let alive = true
    setError(null)
    api<{ sittings: SittingView[] }>(`/api/fiches/${enc(ficheId)}/history`).then(
      (r) => { if (alive) setSittings(r.sittings) },
      (cause) => { if (alive) setError(cause) },
    )
    return () => { alive = false }
  }, [open, ficheId])

  useEffect(() => {
    if (redline && dialog.current && !dialog.current.open) dialog.current.showModal()
  }, [redline])

  async function show(s: SittingView) {
    setError(null)
    try {
      // The server's redline fragment, its stylesheet included.
      const r = await api<{ html: string; sitting: SittingView }>(`/api/fiches/${enc(ficheId)}/history/${s.id}`)
      setRedline({ label: r.sitting.label, html: r.html })
    } catch (cause) {
      setError(cause)
    }
  }

  return (
    <details className="fiche-history" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)} data-testid="fiche-history">
      <summary className="presence__title">Historique de la fiche</summary>
      <ErrorMessage error={error} title="Historique indisponible :" />
      {open && !sittings && !error && <Loading />}
      {sittings && sittings.length === 0 && <p className="threads__empty">Aucune modification enregistrée.</p>}
      {sittings && (
        <ol className="fiche-history__list">
          {sittings.map((s) => (
            <li key={s.id}>
              {s.available ? (
                <button type="button" className="link-button" onClick={() => void show(s)} data-testid="sitting">{s.label}</button>
              ) : (
                <span className="muted" title="Antérieur au plus ancien état conservé de la fiche">{s.label}</span>
              )}
            </li>
          ))}
        </ol>
      )}
      <dialog ref={dialog} className="fiche-history__dialog" onClose={() => setRedline(null)} aria-label="Modifications de la séance">
        {redline && (
          <>
            <header className="fiche-history__head">
              <h2>{redline.label}</h2>
              <button type="button" className="button" onClick={() => dialog.current?.close()}>Fermer</button>
            </header>
            {/* The diff renderer escapes every text it puts in this HTML. */}
            <div className="redline" data-testid="sitting-redline" dangerouslySetInnerHTML={{ __html: redline.html }} />
          </>
        )}
      </dialog>
    </details>
  )
}
