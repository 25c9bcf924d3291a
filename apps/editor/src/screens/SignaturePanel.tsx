/**
 * The signature circuit of one version, as the law sees it (the verdict is
 * the server's `GET /api/versions/:id/validity`): every member organisation
 * with its representative weight and its state (signé le …, pas encore
 * signé, opposition le …), the signatory total against the 30 % threshold,
 * whether an employer organisation has signed, the notification and the
 * opposition deadline, and the reasons in French. The chair records the
 * notification here; a non-signatory union records its reasoned opposition.
 * Also the chair's representativeness form (`RepresentativiteForm`).
 */
import { useState, type FormEvent } from 'react'
import {
  getRepresentativite, getValidity, notifyVersion, opposeVersion, putRepresentativite, type Validity,
} from '../api/circuit.ts'
import type { NegotiationDetail } from '../api/endpoints.ts'
import { canEdit } from '../api/types.ts'
import { ConfirmButton } from '../components/ConfirmButton.tsx'
import { ErrorMessage, formatDate } from '../components/feedback.tsx'
import { useAsync } from '../components/use-async.ts'
import { useMe } from '../session.tsx'

const percent = (p: number | null) => (p === null ? '—' : `${p.toFixed(2).replace('.', ',')} %`)
const day = (d: string | null) => (d ? d.split('-').reverse().join('/') : '')

const STATE_LABELS: Record<Validity['state'], string> = {
  en_signature: 'En cours de signature',
  en_opposition: 'Délai d’opposition en cours',
  valide: 'Accord valide',
  non_valide: 'Réputé non écrit (opposition majoritaire)',
}

export function SignaturePanel({ versionId, negotiation, refreshKey }: { versionId: string; negotiation: NegotiationDetail; refreshKey: unknown }) {
  const validity = useAsync(() => getValidity(versionId), [versionId, refreshKey])
  const me = useMe()
  const [error, setError] = useState<unknown>()
  const [motif, setMotif] = useState('')
  const [date, setDate] = useState('')
  const v = validity.value
  if (!v) return <ErrorMessage error={validity.error} />
  const mine = v.organisations.find((o) => o.organisation.id === me.organisation.id)
  const run = async (action: () => Promise<unknown>) => {
    setError(undefined)
    try {
      await action()
      validity.reload()
    } catch (cause) {
      setError(cause)
    }
  }
  const mayOppose = canEdit(negotiation.role) && me.organisation.kind === 'union' && mine?.state === 'non_signe' && v.state !== 'valide'
  return (
    <section className="circuit card" aria-label="Circuit de signature" data-testid="signature-circuit">
      <h3>Circuit de signature — {STATE_LABELS[v.state]}</h3>
      <p data-testid="circuit-total">
        Signataires syndicaux : <strong>{percent(v.signatoryPercent)}</strong> sur 30 % requis
        {v.opposingPercent > 0 && <> · oppositions : {percent(v.opposingPercent)}</>}
        {' · '}
        {v.employerSigned ? 'une organisation d’employeurs a signé' : 'aucune organisation d’employeurs n’a signé'}
      </p>
      <table className="table">
        <thead>
          <tr><th scope="col">Organisation</th><th scope="col">Poids</th><th scope="col">État</th></tr>
        </thead>
        <tbody>
          {v.organisations.map((o) => (
            <tr key={o.organisation.id}>
              <td>{o.organisation.name}{o.organisation.kind === 'employer' && <span className="muted"> (employeurs)</span>}</td>
              <td>{o.organisation.kind === 'union' ? percent(o.percent) : '—'}</td>
              <td>
                {o.state === 'signe' && `signé le ${formatDate(o.signedAt)}`}
                {o.state === 'non_signe' && 'pas encore signé'}
                {o.state === 'opposition' && <>opposition le {formatDate(o.opposedAt)}{o.motif && <span className="muted"> — {o.motif}</span>}</>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {v.notifiedAt && <p>Notifié le {day(v.notifiedAt)} ; délai d’opposition jusqu’au {day(v.oppositionDeadline)} inclus.</p>}
      <ul className="reasons" data-testid="validity-reasons">
        {v.reasons.map((r) => <li key={r}>{r}</li>)}
      </ul>
      <ErrorMessage error={error} />
      {negotiation.role === 'chair' && !v.notifiedAt && v.organisations.some((o) => o.state === 'signe') && (
        <div className="form form--inline">
          <label className="field">
            <span className="field__label">Date de notification (vide : dernière signature)</span>
            <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          </label>
          <ConfirmButton message="Enregistrer la notification de l’accord ? Le délai d’opposition de 15 jours en découle." onConfirm={() => run(() => notifyVersion(versionId, date || undefined))}>
            Enregistrer la notification
          </ConfirmButton>
        </div>
      )}
      {mayOppose && (
        <form className="form" onSubmit={(e: FormEvent) => e.preventDefault()}>
          <label className="field">
            <span className="field__label">Motif de l’opposition (points de désaccord)</span>
            <textarea value={motif} onChange={(e) => setMotif(e.target.value)} rows={2} />
          </label>
          <ConfirmButton disabled={motif.trim() === ''} message={`Former opposition au nom de ${me.organisation.name} ? Elle sera datée d’aujourd’hui.`} onConfirm={() => run(() => opposeVersion(versionId, motif.trim()))}>
            Former opposition
          </ConfirmButton>
        </form>
      )}
    </section>
  )
}

/** The chair enters each union's weight (two decimals) and the source; read-only for others and once a version is signed. */
export function RepresentativiteForm({ negotiation }: { negotiation: NegotiationDetail }) {
  const current = useAsync(() => getRepresentativite(negotiation.id), [negotiation.id])
  const [draft, setDraft] = useState<Record<string, string>>({})
  const [source, setSource] = useState<string | null>(null)
  const [error, setError] = useState<unknown>()
  const [saved, setSaved] = useState(false)
  const r = current.value
  if (!r) return <ErrorMessage error={current.error} />
  const unions = negotiation.members.filter((m) => m.organisation.kind === 'union')
  const editable = negotiation.role === 'chair' && r.editable
  const valueOf = (id: string) => draft[id] ?? String(r.weights.find((w) => w.organisation.id === id)?.percent ?? '').replace('.', ',')
  async function save(event: FormEvent) {
    event.preventDefault()
    setError(undefined)
    setSaved(false)
    try {
      const weights = unions.map((m) => ({ organisation: m.organisation.id, percent: Number(valueOf(m.organisation.id).replace(',', '.') || 0) }))
      await putRepresentativite(negotiation.id, weights, (source ?? r?.source ?? '').trim())
      setSaved(true)
      current.reload()
    } catch (cause) {
      setError(cause)
    }
  }
  return (
    <form className="card form" aria-label="Représentativité" onSubmit={(e) => void save(e)}>
      <h2>Représentativité (article L. 2232-6)</h2>
      {unions.map((m) => (
        <label className="field field--inline" key={m.organisation.id}>
          <span className="field__label">Poids de {m.organisation.name} (%)</span>
          <input inputMode="decimal" value={valueOf(m.organisation.id)} disabled={!editable}
            onChange={(e) => setDraft({ ...draft, [m.organisation.id]: e.target.value })} />
        </label>
      ))}
      <label className="field">
        <span className="field__label">Source (arrêté, date, NOR)</span>
        <input value={source ?? r.source ?? ''} disabled={!editable} onChange={(e) => setSource(e.target.value)} />
      </label>
      <p className="muted">Total : {percent(r.totalPercent)}{!r.editable && ' · figée : une version a été signée'}</p>
      <ErrorMessage error={error} />
      {saved && <p role="status">Représentativité enregistrée.</p>}
      {editable && <button type="submit" className="button button--small">Enregistrer la représentativité</button>}
    </form>
  )
}
