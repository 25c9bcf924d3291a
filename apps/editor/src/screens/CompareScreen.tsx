/**
 * Comparer: any two versions of the text, or a version and the live draft.
 * The summary comes first (fiches ajoutées, supprimées, modifiées,
 * déplacées, and every classement change, since those move wages), then the
 * redline inline, as a tableau comparatif or as the grid. The comparison,
 * its rendering and every document are the server's (`GET /api/diff`,
 * `format=screen` for what is drawn here): one diff, in one place, whatever
 * the screen or the export.
 */
import { useState } from 'react'
import type { ChangeSet, ClassementChange, FieldValue } from '@paritaire/diff'
import { api } from '../api/http.ts'
import { getNegotiation, listProposals, listVersions } from '../api/endpoints.ts'
import { ofOrganisation } from '../api/proposals.ts'
import { STATUS_LABELS, type Version } from '../api/types.ts'
import { Breadcrumbs } from '../components/TopBar.tsx'
import { ErrorMessage, Loading, formatDate } from '../components/feedback.tsx'
import { useAsync } from '../components/use-async.ts'
import { href, navigate } from '../router.ts'
import { negotiationLabel, useDocumentTitle } from '../components/use-title.ts'

/** The pseudo-version that stands for the live draft in the pickers and the address. */
export const LIVE = 'live'

type View = 'inline' | 'tableau' | 'grille'

/** What « Projet en cours » is, said in full: the common text or one organisation's project. */
export function liveLabel(branch: { organisation: { name: string } } | null | undefined): string {
  return branch ? `Projet en cours — projet ${ofOrganisation(branch.organisation.name)}` : 'Projet en cours — texte commun'
}

/** The server's comparison, as the screen draws it: the change set and the chosen view's HTML. */
interface Screen {
  changeSet: ChangeSet
  html: string
}

/**
 * The query of a comparison. The live draft is that of `proposal` when the
 * comparison was opened from inside a proposal; otherwise the server takes
 * that of the version's own branch. Against the live draft of the version's
 * own branch, each change is credited (« Proposé par ») from the attributed
 * update log.
 */
function comparisonQuery(from: string, to: string, proposal: string | null, versions: Version[], extra: Record<string, string>): string {
  const params = new URLSearchParams({ from, to, ...extra })
  if (proposal) params.set('proposal', proposal)
  const anchor = versions.find((v) => v.id === (from === LIVE ? to : from))
  const sameBranch = !proposal || (anchor?.proposalId ?? null) === proposal
  if (from !== LIVE && to === LIVE && sameBranch) params.set('attribution', '1')
  return params.toString()
}

function versionLabel(v: Version): string {
  return `${v.label} — ${v.organisation?.name ?? '—'} — ${formatDate(v.createdAt)} (${STATUS_LABELS[v.status] ?? v.status})`
}

export function CompareScreen(props: { negotiationId: string; from: string | null; to: string | null; proposal?: string | null }) {
  const { negotiationId } = props
  const negotiation = useAsync(() => getNegotiation(negotiationId), [negotiationId])
  useDocumentTitle('Comparer', negotiationLabel(negotiation.value))
  const versions = useAsync(() => listVersions(negotiationId), [negotiationId])
  const branches = useAsync(() => listProposals(negotiationId).catch(() => []), [negotiationId])
  const proposal = props.proposal ?? null
  const sorted = [...(versions.value ?? [])].sort((a, b) => a.createdAt.localeCompare(b.createdAt))
  // By default: the last two versions, or the only version against the live draft.
  const from = props.from ?? (sorted.length >= 2 ? sorted.at(-2)!.id : (sorted.at(-1)?.id ?? null))
  const to = props.to ?? (props.from || sorted.length < 2 ? LIVE : sorted.at(-1)!.id)
  const [ignoreTypography, setIgnoreTypography] = useState(false)
  const [view, setView] = useState<View>('inline')

  const choose = (side: 'from' | 'to', value: string) =>
    navigate({ name: 'compare', id: negotiationId, from: side === 'from' ? value : from, to: side === 'to' ? value : to, proposal }, { replace: true })
  // The branch each picker's « Projet en cours » stands for: the proposal we came from, else the other side's branch.
  const branchOf = (versionId: string | null) => sorted.find((v) => v.id === versionId)?.proposalId ?? null
  const liveOption = (other: string | null) => {
    const id = proposal ?? (other === LIVE ? null : branchOf(other))
    return `${liveLabel(id ? ((branches.value ?? []).find((b) => b.id === id) ?? { organisation: { name: '…' } }) : null)} (direct)`
  }

  return (
    <>
      <Breadcrumbs
        items={[
          { label: 'Mes négociations', href: href({ name: 'negotiations' }) },
          { label: negotiation.value?.title ?? 'Négociation', href: href({ name: 'negotiation', id: negotiationId }) },
          { label: 'Comparer' },
        ]}
      />
      <div className="page-head">
        <h1>Comparer deux versions</h1>
      </div>
      <ErrorMessage error={versions.error ?? negotiation.error} />
      <form className="card compare-controls" onSubmit={(e) => e.preventDefault()} aria-label="Choix des versions">
        <label className="field">
          <span className="field__label">Version de départ</span>
          <select value={from ?? ''} onChange={(e) => choose('from', e.target.value)} name="from">
            {from === null && <option value="">—</option>}
            {sorted.map((v) => (
              <option key={v.id} value={v.id}>
                {versionLabel(v)}
              </option>
            ))}
            <option value={LIVE}>{liveOption(to)}</option>
          </select>
        </label>
        <label className="field">
          <span className="field__label">Version d'arrivée</span>
          <select value={to} onChange={(e) => choose('to', e.target.value)} name="to">
            {sorted.map((v) => (
              <option key={v.id} value={v.id}>
                {versionLabel(v)}
              </option>
            ))}
            <option value={LIVE}>{liveOption(from)}</option>
          </select>
        </label>
        <label className="field field--check">
          <input type="checkbox" checked={ignoreTypography} onChange={(e) => setIgnoreTypography(e.target.checked)} />
          <span>Ignorer la typographie</span>
        </label>
        <fieldset className="segmented">
          <legend className="field__label">Présentation</legend>
          <label>
            <input type="radio" name="view" checked={view === 'inline'} onChange={() => setView('inline')} /> Texte annoté
          </label>
          <label>
            <input type="radio" name="view" checked={view === 'tableau'} onChange={() => setView('tableau')} /> Tableau
            comparatif
          </label>
          <label>
            <input type="radio" name="view" checked={view === 'grille'} onChange={() => setView('grille')} /> Grille
          </label>
        </fieldset>
      </form>
      {versions.loading && !versions.value && <Loading />}
      {from && versions.value && (
        <Comparison from={from} to={to} proposal={proposal} versions={versions.value} ignoreTypography={ignoreTypography} view={view} />
      )}
      {versions.value && !from && <p className="empty">Aucune version à comparer : créez une version depuis l'historique.</p>}
    </>
  )
}

function Comparison(props: { from: string; to: string; proposal: string | null; versions: Version[]; ignoreTypography: boolean; view: View }) {
  const { from, to, proposal, versions, ignoreTypography, view } = props
  const typography: Record<string, string> = ignoreTypography ? { ignoreTypography: '1' } : {}
  const screen = useAsync(
    () => (from === LIVE && to === LIVE ? Promise.resolve(null)
      : api<Screen>(`/api/diff?${comparisonQuery(from, to, proposal, versions, { format: 'screen', view, ...typography })}`)),
    [from, to, proposal, versions, ignoreTypography, view],
  )
  if (from === LIVE && to === LIVE) return <p className="empty">Les deux côtés sont le même projet en cours : choisissez une version d'un côté.</p>
  if (screen.error) return <ErrorMessage error={screen.error} title="Comparaison impossible :" />
  if (!screen.value) return <Loading>Comparaison en cours…</Loading>
  const { changeSet, html } = screen.value
  const documents = (extra: Record<string, string>) => comparisonQuery(from, to, proposal, versions, extra)
  return (
    <>
      <Summary changeSet={changeSet} />
      {/* Identical texts: nothing to redline or download, no empty panel. */}
      {!changeSet.identical && (
        <>
          <div className="card compare-toolbar">
            <DocumentLinks query={documents} ignoreTypography={ignoreTypography} />
          </div>
          <section className={`card redline redline--${view}`} aria-label={view === 'inline' ? 'Texte annoté' : view === 'grille' ? 'Grille des coefficients' : 'Tableau comparatif'} data-testid="redline">
            {/* The server's renderers escape every text they put in this HTML. */}
            <div dangerouslySetInnerHTML={{ __html: html }} />
          </section>
        </>
      )}
    </>
  )
}

function formatValue(value: FieldValue): string {
  if (value === null || value === undefined) return '—'
  if (Array.isArray(value)) return value.length ? value.join(', ') : '—'
  if (typeof value === 'object') return Object.values(value).filter((v) => v !== null).join(' · ')
  return String(value)
}

const CLASSEMENT_FIELDS: Record<string, string> = {
  coefficient: 'Coefficient',
  niveau: 'Niveau',
  echelon: 'Échelon',
  categorie: 'Catégorie',
  degres: 'Degrés',
  periodeMaximale: 'Période maximale',
  criteres: 'Critères',
  paliers: 'Paliers',
}

function Summary({ changeSet }: { changeSet: ChangeSet }) {
  const s = changeSet.summary
  const counts: [string, number, string][] = [
    ['ajoutée', s.added, 'added'],
    ['supprimée', s.removed, 'removed'],
    ['modifiée', s.modified, 'modified'],
    ['déplacée', s.moved, 'moved'],
    ['inchangée', s.unchanged, 'unchanged'],
  ]
  return (
    <section className="card compare-summary" aria-labelledby="summary-title" data-testid="compare-summary">
      <h2 id="summary-title">Synthèse</h2>
      {changeSet.identical ? (
        <p>Les deux versions sont identiques.</p>
      ) : (
        <ul className="summary-counts">
          {counts.map(([label, count, kind]) => (
            <li key={kind} className={`summary-count summary-count--${kind}`}>
              <span className="summary-count__n">{count}</span> fiche{count > 1 ? 's' : ''} {label}
              {count > 1 ? 's' : ''}
            </li>
          ))}
        </ul>
      )}
      {changeSet.classementChanges.length > 0 && (
        <>
          <h3>Changements de classement ({changeSet.classementChanges.length})</h3>
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">Fiche</th>
                <th scope="col">Champ</th>
                <th scope="col">Avant</th>
                <th scope="col">Après</th>
                <th scope="col">Proposé par</th>
              </tr>
            </thead>
            <tbody>
              {changeSet.classementChanges.map((c: ClassementChange, i) => (
                <tr key={i}>
                  <td>{c.intitule}</td>
                  <td>
                    {CLASSEMENT_FIELDS[c.field] ?? c.field}
                    {c.key ? ` (${c.key})` : ''}
                  </td>
                  <td className="value-old">{formatValue(c.old)}</td>
                  <td className="value-new">{formatValue(c.new)}</td>
                  <td>{c.author?.organisation ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  )
}

/**
 * The documents the server drafts from the two sides: the Word redline with
 * tracked changes, the avenant to sign (Word, PDF with the tableau in
 * annex), the tableau comparatif as PDF and the grid picture. Plain links:
 * same origin, the session cookie goes along.
 */
function DocumentLinks(props: { query(extra: Record<string, string>): string; ignoreTypography: boolean }) {
  const typography: Record<string, string> = props.ignoreTypography ? { ignoreTypography: '1' } : {}
  return (
    <nav className="compare-documents" aria-label="Documents">
      <a className="button" href={`/api/diff?${props.query({ format: 'docx', ...typography })}`} download data-testid="redline-docx">
        Télécharger en Word (modifications suivies)
      </a>
      <a className="button" href={`/api/avenant?${props.query({ format: 'docx' })}`} download data-testid="avenant-docx">
        Avenant (Word)
      </a>
      <a className="button" href={`/api/avenant?${props.query({ format: 'pdf', annexe: '1' })}`} download data-testid="avenant-pdf">
        Avenant (PDF)
      </a>
      <a className="button button--ghost" href={`/api/diff?${props.query({ format: 'pdf', ignoreTypography: '1' })}`} download>
        Tableau comparatif (PDF)
      </a>
      <a className="button button--ghost" href={`/api/diff?${props.query({ format: 'grille' })}`} download="grille.svg">
        Grille (SVG)
      </a>
    </nav>
  )
}
