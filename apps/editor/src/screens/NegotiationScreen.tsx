/**
 * One negotiation: its fiches grouped by filière (searchable by title, code
 * or coefficient), the main draft and each organisation's proposals, the
 * member organisations and their roles (managed by the chair, see
 * `negotiation/MembersPanel.tsx`),
 * and who decides on amendments.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react'
import { createFiche, getNegotiation, listFiches, listProposals, listVersions } from '../api/endpoints.ts'
import { canEdit, type FicheSummary } from '../api/types.ts'
import { OrganisationName, RoleBadge } from '../components/badges.tsx'
import { Breadcrumbs } from '../components/TopBar.tsx'
import { Empty, ErrorMessage, Loading, formatDate } from '../components/feedback.tsx'
import { useAsync } from '../components/use-async.ts'
import { ThreadCount } from '../editor/threads/ThreadCount.tsx'
import { threadCounts, type ThreadCounts } from '../editor/threads/thread-api.ts'
import { href, navigate } from '../router.ts'
import { negotiationStatusLabel } from './NegotiationsScreen.tsx'
import { TextSearch } from './negotiation/TextSearch.tsx'
import { MembersPanel } from './negotiation/MembersPanel.tsx'
import { AmendmentSettingsCard } from '../editor/amendments/AmendmentSettingsCard.tsx'
import { negotiationLabel, useDocumentTitle } from '../components/use-title.ts'
import { ProposalBanner } from './negotiation/ProposalBanner.tsx'
import { proposalTitle, type ProposalBranch } from '../api/proposals.ts'
import { useMe } from '../session.tsx'

export function NegotiationScreen({ negotiationId, proposal }: { negotiationId: string; proposal: string | null }) {
  const negotiation = useAsync(() => getNegotiation(negotiationId), [negotiationId])
  useDocumentTitle(negotiationLabel(negotiation.value))
  // Reloaded when the address names another proposal: it may have been started since this screen opened.
  const proposals = useAsync(() => listProposals(negotiationId).catch(() => []), [negotiationId, proposal])
  // The public page exists only once a version is published: before that the
  // link would open a bare "introuvable" page.
  const published = useAsync(
    () => listVersions(negotiationId).then((versions) => versions.some((v) => v.status === 'published'), () => false),
    [negotiationId],
  )
  const [draft, setDraft] = useState<string>(proposal ?? 'main')
  // The address decides too (breadcrumb, links to a proposal), not only the selector.
  useEffect(() => setDraft(proposal ?? 'main'), [proposal])
  const proposalId = draft === 'main' ? null : draft
  const fiches = useAsync(() => listFiches(negotiationId, proposalId), [negotiationId, proposalId])
  const counts = useAsync(() => threadCounts(negotiationId, proposalId).catch(() => ({})), [negotiationId, proposalId])
  const me = useMe()
  const branch = proposalId ? (proposals.value?.find((p) => p.id === proposalId) as ProposalBranch | undefined) : undefined

  if (negotiation.error) return <ErrorMessage error={negotiation.error} />
  if (!negotiation.value) return <Loading />
  const n = negotiation.value

  return (
    <>
      <Breadcrumbs
        items={[
          { label: 'Mes négociations', href: href({ name: 'negotiations' }) },
          branch ? { label: n.title, href: href({ name: 'negotiation', id: n.id }) } : { label: n.title },
          ...(branch ? [{ label: proposalTitle(branch) }] : []),
        ]}
      />
      <div className="page-head">
        <div>
          <h1>{n.title}</h1>
          <p className="muted">
            {n.idcc ? `IDCC ${n.idcc} · ` : ''}
            {negotiationStatusLabel(n.status)} · notre rôle : <RoleBadge role={n.role} />
          </p>
        </div>
        <nav className="actions" aria-label="Actions de la négociation">
          <a className="button" href={href({ name: 'history', id: n.id })}>
            Historique et signatures
          </a>
          <a className="button" href={href(branch ? { name: 'compare', id: n.id, from: branch.baseVersionId, to: 'live', proposal: branch.id } : { name: 'compare', id: n.id, from: null, to: null })}>
            Comparer
          </a>
          <a className="button" href={`/api/negotiations/${encodeURIComponent(n.id)}/amendments/tableau?format=html`} target="_blank" rel="noopener" data-testid="negotiation-amendments-tableau">
            Tableau des amendements
          </a>
          {canEdit(n.role) && (
            <a className="button" href={href({ name: 'import', id: n.id })}>
              Importer un texte
            </a>
          )}
          {published.value && (
            <a className="button button--ghost" href={`/p/${encodeURIComponent(n.slug)}`} target="_blank" rel="noreferrer">
              Page publique
            </a>
          )}
        </nav>
      </div>
      {branch && <ProposalBanner proposal={branch} myOrganisationId={me.organisation.id} role={n.role} bringBack />}
      <TextSearch negotiationId={n.id} proposalId={proposalId} />
      <div className="grid grid--main-aside">
        <section className="card" aria-labelledby="fiches-title">
          <div className="card__head">
            <h2 id="fiches-title">Fiches</h2>
            {(proposals.value?.length ?? 0) > 0 && (
              <label className="field field--inline">
                <span className="field__label">Projet affiché</span>
                <select
                  value={draft}
                  onChange={(e) => {
                    setDraft(e.target.value)
                    const chosen = e.target.value === 'main' ? null : e.target.value
                    navigate({ name: 'negotiation', id: negotiationId, proposal: chosen }, { replace: true })
                  }}
                >
                  <option value="main">Projet principal</option>
                  {proposals.value!.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.label} ({p.organisation.name})
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
          <ErrorMessage error={fiches.error} />
          {fiches.loading && !fiches.value && <Loading />}
          {fiches.value && <FicheList fiches={fiches.value} counts={counts.value} />}
          {canEdit(n.role) && <NewFiche negotiationId={n.id} proposalId={proposalId} />}
        </section>
        <div className="stack">
          <ProposalsCard proposals={proposals.value ?? []} negotiationId={n.id} />
          <MembersPanel negotiationId={n.id} onChanged={negotiation.reload} />
          <AmendmentSettingsCard negotiationId={n.id} isChair={n.role === 'chair'} />
        </div>
      </div>
    </>
  )
}

/** Groups fiches by filière (then sous-famille), keeping the text's order. */
export function groupByFiliere(fiches: FicheSummary[]): [string, FicheSummary[]][] {
  const groups = new Map<string, FicheSummary[]>()
  for (const fiche of fiches) {
    const key = fiche.filiere?.trim() || 'Sans filière'
    const list = groups.get(key) ?? []
    list.push(fiche)
    groups.set(key, list)
  }
  return [...groups.entries()]
}

function matches(fiche: FicheSummary, query: string): boolean {
  const q = query.trim().toLocaleLowerCase('fr')
  if (!q) return true
  if (/^\d+$/.test(q)) return String(fiche.coefficient ?? '').startsWith(q) || (fiche.code ?? '').includes(q)
  const haystack = `${fiche.intitule} ${fiche.code ?? ''} ${fiche.niveau ?? ''}`.toLocaleLowerCase('fr')
  return haystack.normalize('NFD').replace(/\p{M}/gu, '').includes(q.normalize('NFD').replace(/\p{M}/gu, ''))
}

function FicheList({ fiches, counts }: { fiches: FicheSummary[]; counts?: ThreadCounts | null | undefined }) {
  const [query, setQuery] = useState('')
  const groups = useMemo(() => groupByFiliere(fiches.filter((f) => matches(f, query))), [fiches, query])
  return (
    <>
      <label className="field">
        <span className="field__label">Rechercher une fiche (intitulé, code ou coefficient)</span>
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="ex. opérateur, 155" />
      </label>
      {fiches.length === 0 && <Empty>Aucune fiche pour l'instant : importez un texte ou créez une fiche.</Empty>}
      {fiches.length > 0 && groups.length === 0 && <Empty>Aucune fiche ne correspond à « {query} ».</Empty>}
      {groups.map(([filiere, list]) => (
        <details key={filiere} className="filiere" open>
          <summary>
            {filiere} <span className="count">{list.length}</span>
          </summary>
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">Intitulé</th>
                <th scope="col">Code</th>
                <th scope="col">Niveau</th>
                <th scope="col" className="num">
                  Coefficient
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((fiche) => (
                <tr key={fiche.id}>
                  <td>
                    <a href={href({ name: 'fiche', id: fiche.id })}>{fiche.intitule || 'Sans intitulé'}</a>
                    {fiche.sousFamille && <span className="muted"> · {fiche.sousFamille}</span>}
                    <ThreadCount counts={counts} ficheId={fiche.id} />
                  </td>
                  <td>{fiche.code ?? ''}</td>
                  <td>{fiche.niveau ?? ''}</td>
                  <td className="num">{fiche.coefficient ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}
    </>
  )
}

function NewFiche({ negotiationId, proposalId }: { negotiationId: string; proposalId: string | null }) {
  const [intitule, setIntitule] = useState('')
  const [error, setError] = useState<unknown>()
  async function submit(event: FormEvent) {
    event.preventDefault()
    setError(undefined)
    try {
      const fiche = await createFiche(negotiationId, intitule.trim(), proposalId)
      navigate({ name: 'fiche', id: fiche.id })
    } catch (cause) {
      setError(cause)
    }
  }
  return (
    <form className="form form--inline" onSubmit={(e) => void submit(e)}>
      <label className="field">
        <span className="field__label">Nouvelle fiche</span>
        <input required value={intitule} onChange={(e) => setIntitule(e.target.value)} placeholder="Intitulé de l'emploi" />
      </label>
      <button type="submit" className="button">
        Créer la fiche
      </button>
      <ErrorMessage error={error} />
    </form>
  )
}

function ProposalsCard({ proposals, negotiationId }: { proposals: { id: string; label: string; organisation: { name: string }; createdAt: string }[]; negotiationId: string }) {
  return (
    <section className="card" aria-labelledby="proposals-title">
      <h2 id="proposals-title">Projets</h2>
      <ul className="plain-list">
        <li>
          <strong>Projet principal</strong> <span className="muted">— texte commun de la négociation</span>
        </li>
        {proposals.map((p) => (
          <li key={p.id}>
            <a href={href({ name: 'negotiation', id: negotiationId, proposal: p.id })}>{p.label}</a> — <OrganisationName organisation={p.organisation} />{' '}
            <span className="muted">{formatDate(p.createdAt)}</span>
          </li>
        ))}
      </ul>
      {proposals.length === 0 && (
        <p className="muted">
          Aucune proposition d'organisation. Une organisation peut partir de n'importe quelle version depuis{' '}
          <a href={href({ name: 'history', id: negotiationId })}>l'historique</a>.
        </p>
      )}
    </section>
  )
}
