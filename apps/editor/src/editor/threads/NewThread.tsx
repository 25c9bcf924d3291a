/** The form that opens a discussion on the selected words (« Commenter »), and who sees it. */
import { useState } from 'react'
import { ErrorMessage } from '../../components/feedback.tsx'
import type { ThreadVisibility } from './thread-api.ts'
import { clip } from './clip.ts'

export function NewThread({ quote, organisationName, onSubmit, onCancel }: {
  quote: string
  organisationName: string
  onSubmit(body: string, visibility: ThreadVisibility): Promise<void>
  onCancel(): void
}) {
  const [body, setBody] = useState('')
  const [visibility, setVisibility] = useState<ThreadVisibility>('negotiation')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  return (
    <form
      className="thread-form"
      data-testid="new-thread"
      onSubmit={(e) => {
        e.preventDefault()
        setBusy(true)
        setError(null)
        onSubmit(body, visibility).catch((cause) => { setError(cause); setBusy(false) })
      }}
    >
      <blockquote className="thread__quote">« {clip(quote, 200)} »</blockquote>
      <label className="visually-hidden" htmlFor="new-thread-body">Votre commentaire</label>
      <textarea id="new-thread-body" value={body} onChange={(e) => setBody(e.target.value)} rows={3} maxLength={5000} placeholder="Votre commentaire…" autoFocus />
      <fieldset className="thread-form__visibility">
        <legend>Qui le voit ?</legend>
        <label>
          <input type="radio" name="visibility" checked={visibility === 'negotiation'} onChange={() => setVisibility('negotiation')} />
          Toute la négociation
        </label>
        <label>
          <input type="radio" name="visibility" checked={visibility === 'organisation'} onChange={() => setVisibility('organisation')} />
          Mon organisation seulement ({organisationName})
        </label>
      </fieldset>
      <div className="thread-form__actions">
        <button type="submit" className="button button--primary" disabled={busy || body.trim() === ''}>Publier</button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>Annuler</button>
      </div>
      <ErrorMessage error={error} title="Commentaire refusé :" />
    </form>
  )
}
