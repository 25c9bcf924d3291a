/**
 * Mes négociations: every negotiation my organisation takes part in, with
 * its IDCC, status and my organisation's role, and a form to open a new one
 * (my organisation then chairs it; not offered to an administration).
 */
import { useState, type FormEvent } from 'react'
import { createNegotiation, listNegotiations } from '../api/endpoints.ts'
import { RoleBadge } from '../components/badges.tsx'
import { Empty, ErrorMessage, Loading } from '../components/feedback.tsx'
import { useAsync } from '../components/use-async.ts'
import { href, navigate } from '../router.ts'
import { useDocumentTitle } from '../components/use-title.ts'
import { mayOpenNegotiation } from '../api/members.ts'
import { useSession } from '../session.tsx'

const NEGOTIATION_STATUS: Record<string, string> = {
  open: 'En cours',
  active: 'En cours',
  draft: 'En préparation',
  agreed: 'Texte validé',
  signed: 'Signée',
  published: 'Publiée',
  closed: 'Close',
}

export function negotiationStatusLabel(status: string): string {
  return NEGOTIATION_STATUS[status] ?? status
}

export function NegotiationsScreen() {
  useDocumentTitle('Mes négociations', 'Paritaire')
  const negotiations = useAsync(listNegotiations, [])
  const { me } = useSession()
  return (
    <>
      <div className="page-head">
        <h1>Mes négociations</h1>
      </div>
      <div className="grid grid--main-aside">
        <section className="card" aria-labelledby="list-title">
          <h2 id="list-title" className="visually-hidden">
            Liste des négociations
          </h2>
          {negotiations.loading && !negotiations.value && <Loading />}
          <ErrorMessage error={negotiations.error} />
          {negotiations.value && negotiations.value.length === 0 && (
            <Empty>Votre organisation ne participe encore à aucune négociation.</Empty>
          )}
          {negotiations.value && negotiations.value.length > 0 && (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Intitulé</th>
                  <th scope="col">IDCC</th>
                  <th scope="col">État</th>
                  <th scope="col">Notre rôle</th>
                </tr>
              </thead>
              <tbody>
                {negotiations.value.map((n) => (
                  <tr key={n.id}>
                    <td>
                      <a href={href({ name: 'negotiation', id: n.id })}>{n.title}</a>
                    </td>
                    <td>{n.idcc ?? '—'}</td>
                    <td>{negotiationStatusLabel(n.status)}</td>
                    <td>
                      <RoleBadge role={n.role} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        {mayOpenNegotiation(me?.organisation.kind) && <CreateNegotiation />}
      </div>
    </>
  )
}

function CreateNegotiation() {
  const [title, setTitle] = useState('')
  const [idcc, setIdcc] = useState('')
  const [error, setError] = useState<unknown>()
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      const created = await createNegotiation({ title: title.trim(), idcc: idcc.trim() || null })
      navigate({ name: 'negotiation', id: created.id })
    } catch (cause) {
      setError(cause)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="card" aria-labelledby="create-title">
      <h2 id="create-title">Nouvelle négociation</h2>
      <p className="muted">Votre organisation en assurera la présidence.</p>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span className="field__label">Intitulé</span>
          <input
            name="title"
            required
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            placeholder="Avenant classification 2026"
          />
        </label>
        <label className="field">
          <span className="field__label">IDCC</span>
          <input
            name="idcc"
            inputMode="numeric"
            pattern="[0-9]{1,4}"
            title="Numéro IDCC à 4 chiffres au plus"
            value={idcc}
            onChange={(e) => setIdcc(e.target.value)}
            placeholder="3168"
          />
        </label>
        <ErrorMessage error={error} />
        <button type="submit" className="button button--primary" disabled={busy}>
          Créer la négociation
        </button>
      </form>
    </section>
  )
}
