/**
 * Enrols a person of a member organisation: name, address and an initial
 * password that the chair hands over by a safe channel (Paritaire signs in
 * with address and password and sends no mail). The server only allows it
 * for the chair's own organisation or one it created.
 */
import { useState, type FormEvent } from 'react'
import { enrolPerson } from '../../api/members.ts'
import type { Organisation } from '../../api/types.ts'
import { ErrorMessage } from '../../components/feedback.tsx'

/** Twelve characters without look-alikes (0/O, 1/l/I), easy to read out over the phone. */
function suggestPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789'
  const bytes = crypto.getRandomValues(new Uint8Array(12))
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('')
}

export function EnrolPersonForm(props: { negotiationId: string; organisation: Organisation; onDone(message: string | null): void }) {
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState(suggestPassword)
  const [error, setError] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  const org = props.organisation.name

  async function submit(event: FormEvent) {
    event.preventDefault()
    setError(undefined)
    setBusy(true)
    try {
      const user = await enrolPerson(props.negotiationId, props.organisation.id, { name: name.trim(), email: email.trim(), password })
      props.onDone(`Compte créé pour ${user.name} (${org}), adresse ${user.email}. Transmettez-lui son mot de passe initial par un canal sûr.`)
    } catch (cause) {
      setError(cause)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="form member__enrol" onSubmit={(e) => void submit(e)} aria-label={`Inscrire une personne de ${org}`}>
      <h3>Inscrire une personne de {org}</h3>
      <label className="field">
        <span className="field__label">Prénom et nom</span>
        <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} placeholder="Claire Martin" autoComplete="off" />
      </label>
      <label className="field">
        <span className="field__label">Adresse électronique</span>
        <input required type="email" maxLength={320} value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
      </label>
      <label className="field">
        <span className="field__label">Mot de passe initial (8 caractères au moins)</span>
        <input required minLength={8} maxLength={1024} value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" spellCheck={false} />
      </label>
      <ErrorMessage error={error} />
      <div className="row-actions">
        <button type="submit" className="button button--small button--primary" disabled={busy}>
          Inscrire
        </button>
        <button type="button" className="button button--small button--ghost" onClick={() => setPassword(suggestPassword())}>
          Autre mot de passe
        </button>
        <button type="button" className="button button--small button--ghost" onClick={() => props.onDone(null)}>
          Annuler
        </button>
      </div>
    </form>
  )
}
