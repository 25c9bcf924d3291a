/**
 * Comparer: any two versions of the text, or a version and the live draft.
 * The summary comes first (fiches ajoutées, supprimées, modifiées,
 * déplacées, and every classement change, since those move wages), then the
 * redline inline or as a tableau comparatif. The comparison runs in the
 * browser with `@paritaire/diff` (loaded on demand, so the editor's bundle
 * stays small); the Word export with tracked changes comes from the server
 * when both sides are versions, else it is built here.
 */
import { useEffect, useState } from 'react'
import type { Texte } from '@paritaire/schema'
import type { ChangeSet, ClassementChange, FieldValue, VersionMeta } from '@paritaire/diff'
import { ApiError, api } from '../api/http.ts'
import { getDiffDocx, getLiveTexte, getNegotiation, getVersion, listProposals, listVersions } from '../api/endpoints.ts'
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

interface Side {
  texte: Texte
  meta: VersionMeta
}

async function loadVersionSide(id: string): Promise<Side & { proposalId: string | null }> {
  const version = await getVersion(id)
  return {
    texte: version.texte,
    meta: { organisation: version.organisation?.name ?? null, date: version.createdAt, label: version.label, versionId: version.id },
    proposalId: version.proposalId ?? null,
  }
}

/** What « Projet en cours » is, said in full: the common text or one organisation's project. */
export function liveLabel(branch: { organisation: { name: string } } | null | undefined): string {
  return branch ? `Projet en cours — projet ${ofOrganisation(branch.organisation.name)}` : 'Projet en cours — texte commun'
}

type Branches = { id: string; organisation: { name: string } }[]

/**
 * The two sides of a comparison. The live draft is that of `proposal` when
 * the comparison was opened from inside a proposal; otherwise that of the
 * other side's branch (a proposal's version compares with that proposal's
 * draft), as the server's `GET /api/diff?to=live` does. Its label says which.
 */
async function loadSides(negotiationId: string, from: string, to: string, proposal: string | null, branches: Branches): Promise<[Side, Side]> {
  const live = async (proposalId: string | null): Promise<Side> => ({
    texte: await getLiveTexte(negotiationId, proposalId),
    meta: { organisation: null, date: new Date().toISOString(), label: liveLabel(branches.find((b) => b.id === proposalId)) },
  })
  if (from === LIVE && to === LIVE) {
    const side = await live(proposal)
    return [side, side]
  }
  if (from === LIVE) {
    const newer = await loadVersionSide(to)
    return [await live(proposal ?? newer.proposalId), newer]
  }
  const older = await loadVersionSide(from)
  return [older, to === LIVE ? await live(proposal ?? older.proposalId) : await loadVersionSide(to)]
}

const loadDiff = () => import('@paritaire/diff')

/** The server's change set from a version to the live draft, each change credited (« Proposé par »); null when unavailable. */
async function liveAttribution(from: string, ignoreTypography: boolean): Promise<ChangeSet | null> {
  const params = new URLSearchParams({ from, to: LIVE, format: 'json', attribution: '1' })
  if (ignoreTypography) params.set('ignoreTypography', '1')
  return api<ChangeSet>(`/api/diff?${params.toString()}`).catch(() => null)
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
      {from && branches.value && (
        <Comparison negotiationId={negotiationId} from={from} to={to} proposal={proposal} branches={branches.value} ignoreTypography={ignoreTypography} view={view} />
      )}
      {versions.value && !from && <p className="empty">Aucune version à comparer : créez une version depuis l'historique.</p>}
    </>
  )
}

interface Result {
  changeSet: ChangeSet
  html: string
  older: Side
  newer: Side
}

function Comparison(props: { negotiationId: string; from: string; to: string; proposal: string | null; branches: Branches; ignoreTypography: boolean; view: View }) {
  const { negotiationId, from, to, ignoreTypography, view } = props
  const sides = useAsync(
    () => loadSides(negotiationId, from, to, props.proposal, props.branches),
    [negotiationId, from, to, props.proposal, props.branches],
  )
  const [result, setResult] = useState<Result>()
  const [error, setError] = useState<unknown>()

  useEffect(() => {
    if (!sides.value) return
    const [older, newer] = sides.value
    let live = true
    loadDiff()
      .then(async (diff) => {
        // Against the live draft, the server credits each change to the organisation that made it
        // (from the attributed update log); without that answer, the comparison is made here, uncredited.
        // The server's `to=live` is the live text of the version's own branch: only then is its answer this comparison.
        const sameBranch = !props.proposal || (older as { proposalId?: string | null }).proposalId === props.proposal
        const credited = from !== LIVE && to === LIVE && sameBranch ? await liveAttribution(from, ignoreTypography) : null
        const changeSet = credited ?? diff.diffTextes(older.texte, newer.texte, {
          ignoreTypography,
          olderMeta: older.meta,
          newerMeta: newer.meta,
        })
        // The grid picture: an SVG whose every text the renderer escapes.
        const body = view === 'inline' ? diff.renderInlineHtml(changeSet)
          : view === 'grille' ? diff.renderGrilleSvg(diff.grilleRows(newer.texte, older.texte, changeSet), { title: 'Grille des coefficients' })
          : diff.renderTableauHtml(changeSet, { fragment: true })
        // The renderers' own stylesheets (pt-* classes), refined by compare.css;
        // their page-level rules (body margins, @page) are for standalone pages.
        const css = `${diff.REDLINE_CSS}${diff.TABLEAU_CSS}`.replace(/(^|[\s}])body\s*\{[^}]*\}/g, '$1').replace(/@page\s*\{[^}]*\}/g, '')
        const html = `<style>${css}</style>${body}`
        if (live) {
          setResult({ changeSet, html, older, newer })
          setError(undefined)
        }
      })
      .catch((cause: unknown) => live && setError(cause))
    return () => {
      live = false
    }
  }, [sides.value, ignoreTypography, view, from, to])

  if (sides.error) return <ErrorMessage error={sides.error} title="Comparaison impossible :" />
  if (error) return <ErrorMessage error={error} title="Comparaison impossible :" />
  if (!result) return <Loading>Comparaison en cours…</Loading>
  return (
    <>
      <Summary changeSet={result.changeSet} />
      {/* Identical texts: nothing to redline or download, no empty panel. */}
      {!result.changeSet.identical && (
        <>
          <div className="card compare-toolbar">
            {/* The server's `to=live` follows the version's own branch: for a proposal's live text chosen here, documents are built in the browser. */}
            <DocxButton from={props.proposal && to === LIVE ? LIVE : from} to={to} result={result} ignoreTypography={ignoreTypography} />
            <DocumentLinks from={props.proposal && to === LIVE ? LIVE : from} to={to} />
          </div>
          <section className={`card redline redline--${view}`} aria-label={view === 'inline' ? 'Texte annoté' : view === 'grille' ? 'Grille des coefficients' : 'Tableau comparatif'} data-testid="redline">
            {/* The diff renderers escape every text they put in this HTML. */}
            <div dangerouslySetInnerHTML={{ __html: result.html }} />
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
 * The documents the server drafts from two versions: the avenant to sign
 * (Word, PDF with the tableau in annex), the tableau comparatif as PDF and
 * the grid picture. Plain links: same origin, the session cookie goes along.
 */
function DocumentLinks(props: { from: string; to: string }) {
  if (props.from === LIVE) return null
  const q = (path: string, params: Record<string, string>) => `${path}?${new URLSearchParams({ from: props.from, to: props.to, ...params }).toString()}`
  return (
    <nav className="compare-documents" aria-label="Documents">
      <a className="button" href={q('/api/avenant', { format: 'docx' })} download data-testid="avenant-docx">
        Avenant (Word)
      </a>
      <a className="button" href={q('/api/avenant', { format: 'pdf', annexe: '1' })} download data-testid="avenant-pdf">
        Avenant (PDF)
      </a>
      <a className="button button--ghost" href={q('/api/diff', { format: 'pdf', ignoreTypography: '1' })} download>
        Tableau comparatif (PDF)
      </a>
      <a className="button button--ghost" href={q('/api/diff', { format: 'grille' })} download="grille.svg">
        Grille (SVG)
      </a>
    </nav>
  )
}

function DocxButton(props: { from: string; to: string; result: Result; ignoreTypography: boolean }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>()
  async function download() {
    setBusy(true)
    setError(undefined)
    try {
      let blob: Blob | null = null
      if (props.from !== LIVE) {
        // The server's export (it knows `to=live`); should it be unavailable, the same change set is rendered here.
        blob = await getDiffDocx(props.from, props.to, props.ignoreTypography).catch((cause: unknown) => {
          if (cause instanceof ApiError && cause.status === 404) return null
          throw cause
        })
      }
      if (!blob) {
        const diff = await loadDiff()
        const bytes = await diff.renderDocx(props.result.changeSet, { title: 'Comparaison de versions' })
        blob = new Blob([bytes as Uint8Array<ArrayBuffer>], {
          type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        })
      }
      const url = URL.createObjectURL(blob)
      const link = document.createElement('a')
      link.href = url
      const name = (s: Side) => (s.meta.label ?? 'version').replace(/[^\p{L}\p{N}]+/gu, '-')
      link.download = `comparaison-${name(props.result.older)}-${name(props.result.newer)}.docx`
      document.body.append(link)
      link.click()
      link.remove()
      setTimeout(() => URL.revokeObjectURL(url), 10_000)
    } catch (cause) {
      setError(cause)
    } finally {
      setBusy(false)
    }
  }
  return (
    <>
      <button type="button" className="button" onClick={() => void download()} disabled={busy}>
        {busy ? 'Préparation du document…' : 'Télécharger en Word (modifications suivies)'}
      </button>
      <ErrorMessage error={error} />
    </>
  )
}
