/**
 * Badges for the states people scan for in lists: a version's status, an
 * organisation's role, an organisation with its colour dot.
 */
import { ROLE_LABELS, STATUS_LABELS, type Organisation, type Role, type VersionStatus } from '../api/types.ts'
import { organisationColor } from '../editor/org-colors.ts'

export function StatusBadge({ status }: { status: VersionStatus }) {
  return <span className={`badge badge--${status}`}>{STATUS_LABELS[status] ?? status}</span>
}

export function RoleBadge({ role }: { role: Role }) {
  return <span className={`badge badge--role-${role}`}>{ROLE_LABELS[role] ?? role}</span>
}

export function OrganisationName({ organisation }: { organisation: Pick<Organisation, 'name'> | null | undefined }) {
  if (!organisation) return <span className="muted">—</span>
  return (
    <span className="org">
      <span className="org__dot" style={{ background: organisationColor(organisation.name) }} aria-hidden="true" />
      {organisation.name}
    </span>
  )
}
