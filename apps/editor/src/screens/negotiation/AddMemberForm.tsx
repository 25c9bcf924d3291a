/**
 * The chair's form to add an organisation to the negotiation: a name picked
 * among the instance's organisations (or typed), and a role. A name that no
 * organisation has yet asks for its kind and creates it while adding it —
 * « FO » is no longer answered with « Organisation inconnue ».
 */
import { useMemo, useState, type FormEvent } from 'react'
import { addExistingMember, createOrganisationMember, listOrganisations, type PanelMember } from '../../api/members.ts'
import { KIND_LABELS, ROLE_LABELS, type Organisation, type OrganisationKind, type Role } from '../../api/types.ts'
import { ErrorMessage } from '../../components/feedback.tsx'
import { useAsync } from '../../components/use-async.ts'

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase('fr') === b.trim().toLocaleLowerCase('fr')

export function AddMemberForm(props: { negotiationId: string; members: PanelMember[]; onAdded(organisation: Organisation, created: boolean): void }) {
  const organisations = useAsync(listOrganisations, [props.members.length])
  const [name, setName] = useState('')
  const [role, setRole] = useState<Role>('editor')
  const [kind, setKind] = useState<OrganisationKind | ''>('')
  const [error, setError] = useState<unknown>()
  const [busy, setBusy] = useState(false)

  const memberIds = useMemo(() => new Set(props.members.map((m) => m.organisation.id)), [props.members])
  const candidates = (organisations.value ?? []).filter((o) => !memberIds.has(o.id))
  const known = (organisations.value ?? []).find((o) => sameName(o.name, name))
  // Only once the list is in: before that, an existing name must not look new.
  const isNew = organisations.value !== undefined && name.trim() !== '' && !known

  async function submit(event: FormEvent) {
    event.preventDefault()
    setError(undefined)
    setBusy(true)
    try {
      if (isNew) {
        if (!kind) throw new Error('Choisissez le type de la nouvelle organisation.')
        const created = await createOrganisationMember(props.negotiationId, name.trim(), kind, role)
        props.onAdded(created, true)
      } else {
        await addExistingMember(props.negotiationId, known?.id ?? name.trim(), role)
        props.onAdded(known ?? { id: name.trim(), name: name.trim(), kind: 'union' }, false)
      }
      setName('')
      setKind('')
    } catch (cause) {
      setError(cause)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-labelledby="add-member-title">
      <h3 id="add-member-title">Ajouter une organisation</h3>
      <label className="field">
        <span className="field__label">Organisation (nom)</span>
        <input required list="organisations-candidates" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} placeholder="CFDT" autoComplete="off" />
        <datalist id="organisations-candidates">
          {candidates.map((o) => (
            <option key={o.id} value={o.name}>
              {KIND_LABELS[o.kind]}
            </option>
          ))}
        </datalist>
      </label>
      {known && memberIds.has(known.id) && <p className="muted">« {known.name} » participe déjà : changez plutôt son rôle dans la liste.</p>}
      {isNew && (
        <fieldset className="field member-new">
          <legend className="field__label">« {name.trim()} » n’est pas encore inscrite sur Paritaire : elle sera créée.</legend>
          <label className="field">
            <span className="field__label">Type d’organisation</span>
            <select required value={kind} onChange={(e) => setKind(e.target.value as OrganisationKind | '')}>
              <option value="">— choisir —</option>
              {(Object.keys(KIND_LABELS) as OrganisationKind[]).map((k) => (
                <option key={k} value={k}>
                  {KIND_LABELS[k]}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
      )}
      <label className="field">
        <span className="field__label">Rôle</span>
        <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {(Object.keys(ROLE_LABELS) as Role[]).map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </label>
      <ErrorMessage error={error} />
      <button type="submit" className="button" disabled={busy}>
        {isNew ? 'Créer l’organisation et l’ajouter' : 'Ajouter'}
      </button>
    </form>
  )
}
