/**
 * « Membres » on the negotiation page: the member organisations with their
 * kind, their role and how many people they have enrolled. The chair
 * changes a role (confirming when a chair would lose the chair), removes a
 * member (confirmed), adds an existing organisation or creates a new one,
 * and enrols the people of an organisation it created. Everyone else reads
 * the list. What the chair may do comes from the server (`canManage`,
 * `canEnrol`), which checks it again on every call.
 */
import { useState } from 'react'
import { changeMemberRole, getMembersPanel, removeMember, type PanelMember } from '../../api/members.ts'
import { KIND_LABELS, ROLE_LABELS, type Role } from '../../api/types.ts'
import { OrganisationName, RoleBadge } from '../../components/badges.tsx'
import { ConfirmButton } from '../../components/ConfirmButton.tsx'
import { ErrorMessage, Loading, Notice } from '../../components/feedback.tsx'
import { useAsync } from '../../components/use-async.ts'
import { useSession } from '../../session.tsx'
import { AddMemberForm } from './AddMemberForm.tsx'
import { EnrolPersonForm } from './EnrolPersonForm.tsx'
import '../../styles/members.css'

export function MembersPanel({ negotiationId, onChanged }: { negotiationId: string; onChanged(): void }) {
  const panel = useAsync(() => getMembersPanel(negotiationId), [negotiationId])
  const [enrolling, setEnrolling] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  const changed = (message: string | null = null) => {
    setNotice(message)
    panel.reload()
    // The page's own role badge and actions follow when the chair stepped down.
    onChanged()
  }

  const data = panel.value
  return (
    <section className="card members-panel" aria-labelledby="members-title">
      <h2 id="members-title">Membres</h2>
      <ErrorMessage error={panel.error} />
      {!data && panel.loading && <Loading />}
      {data && (
        <ul className="plain-list members">
          {data.members.map((m) => (
            <MemberRow
              key={m.organisation.id}
              negotiationId={negotiationId}
              member={m}
              canManage={data.canManage}
              enrolling={enrolling === m.organisation.id}
              onEnrol={(open) => setEnrolling(open ? m.organisation.id : null)}
              onChanged={changed}
            />
          ))}
        </ul>
      )}
      {notice && <Notice tone="success">{notice}</Notice>}
      {data && !data.canManage && <p className="muted">Seule la présidence gère les membres et leurs rôles.</p>}
      {data?.canManage && (
        <AddMemberForm
          negotiationId={negotiationId}
          members={data.members}
          onAdded={(organisation, created) => {
            changed(created ? `« ${organisation.name} » a été créée et ajoutée. Inscrivez maintenant ses personnes.` : `« ${organisation.name} » a été ajoutée.`)
            if (created) setEnrolling(organisation.id)
          }}
        />
      )}
    </section>
  )
}

function MemberRow(props: {
  negotiationId: string
  member: PanelMember
  canManage: boolean
  enrolling: boolean
  onEnrol(open: boolean): void
  onChanged(message?: string | null): void
}) {
  const { member: m } = props
  const { me } = useSession()
  const [editing, setEditing] = useState(false)
  const [role, setRole] = useState<Role>(m.role)
  const [error, setError] = useState<unknown>()
  const ours = me?.organisation.id === m.organisation.id
  const name = m.organisation.name

  async function run(action: () => Promise<void>, message: string) {
    setError(undefined)
    try {
      await action()
      setEditing(false)
      props.onChanged(message)
    } catch (cause) {
      setError(cause)
    }
  }
  const saveRole = () => run(() => changeMemberRole(props.negotiationId, m.organisation.id, role), `« ${name} » : ${ROLE_LABELS[role]}.`)
  const chairLoss = m.role === 'chair' && role !== 'chair'

  return (
    <li className="member">
      <div className="member__head">
        <span className="member__who">
          <OrganisationName organisation={m.organisation} />
          <span className="muted member__meta">
            {KIND_LABELS[m.organisation.kind] ?? m.organisation.kind} · {peopleLabel(m.people)}
          </span>
        </span>
        <RoleBadge role={m.role} />
      </div>
      {props.canManage && !editing && (
        <div className="row-actions member__actions">
          <button type="button" className="button button--small button--ghost" onClick={() => { setRole(m.role); setEditing(true) }}>
            Modifier le rôle<span className="visually-hidden"> de {name}</span>
          </button>
          {m.canEnrol && !props.enrolling && (
            <button type="button" className="button button--small button--ghost" onClick={() => props.onEnrol(true)}>
              Inscrire une personne<span className="visually-hidden"> de {name}</span>
            </button>
          )}
          {!ours && (
            <ConfirmButton
              className="button button--small button--ghost button--danger"
              message={`Retirer « ${name} » de la négociation ? Ses personnes n’y auront plus accès ; leurs connexions ouvertes seront fermées.`}
              onConfirm={() => run(() => removeMember(props.negotiationId, m.organisation.id), `« ${name} » a été retirée de la négociation.`)}
            >
              Retirer<span className="visually-hidden"> {name}</span>
            </ConfirmButton>
          )}
        </div>
      )}
      {editing && (
        <div className="form form--inline member__edit">
          <label className="field">
            <span className="field__label">Nouveau rôle de {name}</span>
            <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {(Object.keys(ROLE_LABELS) as Role[]).map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          </label>
          {chairLoss ? (
            <ConfirmButton
              className="button button--small button--primary"
              disabled={role === m.role}
              message={
                ours
                  ? `Votre organisation ne présidera plus la négociation : elle ne pourra plus gérer les membres ni décider des amendements. Une autre organisation doit déjà présider.`
                  : `« ${name} » ne présidera plus la négociation (nouveau rôle : ${ROLE_LABELS[role]}).`
              }
              onConfirm={saveRole}
            >
              Enregistrer
            </ConfirmButton>
          ) : (
            <button type="button" className="button button--small button--primary" disabled={role === m.role} onClick={() => void saveRole()}>
              Enregistrer
            </button>
          )}
          <button type="button" className="button button--small button--ghost" onClick={() => { setEditing(false); setError(undefined) }}>
            Annuler
          </button>
        </div>
      )}
      <ErrorMessage error={error} />
      {props.enrolling && (
        <EnrolPersonForm
          negotiationId={props.negotiationId}
          organisation={m.organisation}
          onDone={(message) => {
            props.onEnrol(false)
            if (message) props.onChanged(message)
          }}
        />
      )}
    </li>
  )
}

function peopleLabel(n: number): string {
  if (n === 0) return 'aucune personne inscrite'
  return n === 1 ? '1 personne inscrite' : `${n} personnes inscrites`
}
