/**
 * Who is in this fiche now (one chip per connected person, in their
 * organisation's colour) and the state of the live connection.
 */
import { organisationInitials } from './org-colors.ts'
import { CONNECTION_LABELS, type ConnectionState, type Participant } from './use-collaboration.ts'

export function PresenceList({ participants }: { participants: Participant[] }) {
  return (
    <section className="presence" aria-label="Présents dans la fiche">
      <h2 className="presence__title">Présents</h2>
      <ul className="presence__list" data-testid="presence">
        {participants.map((p) => (
          <li key={p.clientId} className="presence__item" title={p.organisation}>
            <span className="presence__dot" style={{ background: p.color }} aria-hidden="true">
              {organisationInitials(p.organisation)}
            </span>
            <span className="presence__name">{p.name}</span>
            {!p.name.includes(p.organisation) && <span className="presence__org">{p.organisation}</span>}
            {p.isSelf && <span className="presence__self">(vous)</span>}
          </li>
        ))}
      </ul>
    </section>
  )
}

const HINTS: Record<ConnectionState, string> = {
  connecting: 'Ouverture de la fiche en direct.',
  connected: 'Vos modifications sont partagées en direct.',
  reconnecting: 'Connexion perdue : vos modifications sont gardées et seront envoyées au retour.',
  offline: 'Hors ligne : vos modifications sont gardées et seront envoyées dès le retour de la connexion.',
}

export function ConnectionBadge({ state, reason }: { state: ConnectionState; reason?: string | null }) {
  return (
    <p className={`connection connection--${state}`} role="status" aria-live="polite" data-testid="connection-state">
      <span className="connection__dot" aria-hidden="true" />
      <span className="connection__label">{CONNECTION_LABELS[state]}</span>
      <span className="visually-hidden"> — {HINTS[state]}</span>
      {reason && state !== 'connected' && <span className="connection__reason"> ({reason})</span>}
    </p>
  )
}
