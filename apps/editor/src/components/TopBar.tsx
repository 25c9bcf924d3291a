/**
 * The bar on every signed-in screen: the product name (a link home), the
 * signed-in person and organisation, and sign-out.
 */
import { KIND_LABELS } from '../api/types.ts'
import { href } from '../router.ts'
import { useSession } from '../session.tsx'
import { OrganisationName } from './badges.tsx'

export function TopBar() {
  const { me, signOut } = useSession()
  return (
    <header className="topbar">
      <a className="topbar__brand" href={href({ name: 'negotiations' })}>
        <span className="topbar__logo" aria-hidden="true">§</span>
        Paritaire
      </a>
      {me && (
        <div className="topbar__user">
          <span className="topbar__who" data-testid="current-user">
            {/* The demo names say their organisation (« Karim Benali (CGT) »): said once, by the badge. */}
            <span className="topbar__name">{me.user.name.replace(` (${me.organisation.name})`, '')}</span>
            <span className="topbar__org" title={KIND_LABELS[me.organisation.kind] ?? ''}>
              <OrganisationName organisation={me.organisation} />
            </span>
          </span>
          <button type="button" className="button button--ghost" onClick={() => void signOut()}>
            Se déconnecter
          </button>
        </div>
      )}
    </header>
  )
}

/** A trail of links above a screen's title (Mes négociations › Avenant 2024 › Historique). */
export function Breadcrumbs({ items }: { items: { label: string; href?: string }[] }) {
  return (
    <nav className="breadcrumbs" aria-label="Fil d'Ariane">
      <ol>
        {items.map((item, index) => (
          <li key={index}>
            {item.href && index < items.length - 1 ? (
              <a href={item.href}>{item.label}</a>
            ) : (
              <span aria-current={index === items.length - 1 ? 'page' : undefined}>{item.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  )
}
