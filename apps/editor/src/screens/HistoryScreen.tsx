/**
 * Historique: every version of the negotiation's text, newest first, with
 * its label, author organisation, date, status and whether its hash still
 * chains to its parent's. From here one creates a named version, restores
 * an old one as a new version, starts an organisation's proposal from any
 * version, and moves a version through the workflow
 * (proposition → validée → signée → publiée) as one's role allows.
 */
import { Fragment, useEffect, useState, type FormEvent } from 'react'
import {
  createProposal,
  createVersion,
  getNegotiation,
  listProposals,
  listVersions,
  restoreVersion,
  setVersionStatus,
  signVersion,
  verifyChain,
  type NegotiationDetail,
} from '../api/endpoints.ts'
import { canEdit, type ChainCheck, type Proposal, type Version } from '../api/types.ts'
import { OrganisationName, StatusBadge } from '../components/badges.tsx'
import { Breadcrumbs } from '../components/TopBar.tsx'
import { Empty, ErrorMessage, Loading, Notice, formatDate } from '../components/feedback.tsx'
import { useAsync } from '../components/use-async.ts'
import { href, navigate } from '../router.ts'
import { useMe } from '../session.tsx'
import { ConfirmButton } from '../components/ConfirmButton.tsx'
import { RepresentativiteForm, SignaturePanel } from './SignaturePanel.tsx'
import { negotiationLabel, useDocumentTitle } from '../components/use-title.ts'

export function HistoryScreen({ negotiationId }: { negotiationId: string }) {
  const negotiation = useAsync(() => getNegotiation(negotiationId), [negotiationId])
  useDocumentTitle('Historique', negotiationLabel(negotiation.value))
  const versions = useAsync(() => listVersions(negotiationId), [negotiationId])
  const chain = useAsync(() => verifyChain(negotiationId).catch(() => null), [negotiationId, versions.value])
  const proposals = useAsync(() => listProposals(negotiationId).catch(() => [] as Proposal[]), [negotiationId])
  const me = useMe()
  // Other organisations sign and publish from their own screens: refresh
  // the list now and then while this page is visible.
  const { reload } = versions
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reload()
    }, 15_000)
    return () => clearInterval(timer)
  }, [reload])
  const [message, setMessage] = useState<string>()
  const [error, setError] = useState<unknown>()

  async function act(run: () => Promise<unknown>, done: string) {
    setError(undefined)
    setMessage(undefined)
    try {
      await run()
      setMessage(done)
      versions.reload()
    } catch (cause) {
      setError(cause)
    }
  }

  if (negotiation.error) return <ErrorMessage error={negotiation.error} />
  if (!negotiation.value) return <Loading />
  const n = negotiation.value
  const list = [...(versions.value ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || (b.number ?? 0) - (a.number ?? 0))

  return (
    <>
      <Breadcrumbs
        items={[
          { label: 'Mes négociations', href: href({ name: 'negotiations' }) },
          { label: n.title, href: href({ name: 'negotiation', id: n.id }) },
          { label: 'Historique' },
        ]}
      />
      <div className="page-head">
        <h1>Historique des versions</h1>
        <ChainSummary chain={chain.value ?? null} versions={list} />
      </div>
      {canEdit(n.role) && (
        <CreateVersion
          branches={(proposals.value ?? []).filter((p) => p.organisation.id === me.organisation.id || n.role === 'chair')}
          onCreate={(label, proposalId) => act(() => createVersion(n.id, label, proposalId), `Version « ${label} » créée.`)}
        />
      )}
      {message && <Notice tone="success">{message}</Notice>}
      <ErrorMessage error={error} />
      {n.concludedAt && <Notice tone="success">Conclue le {formatDate(n.concludedAt)} : une version est publiée.</Notice>}
      <RepresentativiteForm negotiation={n} />
      <section className="card" aria-labelledby="versions-title">
        <h2 id="versions-title" className="visually-hidden">
          Versions
        </h2>
        {versions.loading && !versions.value && <Loading />}
        <ErrorMessage error={versions.error} />
        {versions.value && list.length === 0 && <Empty>Aucune version : créez la première pour figer l'état du texte.</Empty>}
        {list.length > 0 && (
          <table className="table versions" data-testid="versions">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Projet</th>
                <th scope="col">Organisation</th>
                <th scope="col">Date</th>
                <th scope="col">État</th>
                <th scope="col">Chaîne</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {list.map((version) => (
                <Fragment key={version.id}>
                  <VersionRow
                    version={version}
                    negotiation={n}
                    chain={chain.value ?? null}
                    branch={proposals.value?.find((p) => p.id === version.proposalId)?.label ?? null}
                    act={act}
                  />
                  {(version.status === 'agreed' || version.status === 'signed') && (
                    <tr className="versions__circuit">
                      <td colSpan={7}>
                        <SignaturePanel versionId={version.id} negotiation={n} refreshKey={versions.value} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  )
}

function ChainSummary({ chain, versions }: { chain: ChainCheck | null; versions: Version[] }) {
  if (!chain) return null
  const broken = versions.find((v) => v.id === chain.brokenAt)
  return chain.ok ? (
    <p className="chain chain--ok" data-testid="chain-status">
      ✓ Chaîne d'empreintes intègre
    </p>
  ) : (
    <p className="chain chain--broken" role="alert" data-testid="chain-status">
      ✗ Chaîne d'empreintes rompue{broken ? ` à partir de la version « ${broken.label} »` : ''}
    </p>
  )
}

function chainMark(version: Version, chain: ChainCheck | null) {
  if (!chain) return <span className="muted" title="Vérification indisponible">…</span>
  const entry = chain.versions?.find((v) => v.id === version.id)
  const ok = entry ? entry.ok : chain.ok || (chain.brokenAt ? chain.brokenAt !== version.id : true)
  return ok ? (
    <span className="chain-mark chain-mark--ok" title={`Empreinte ${version.hash}`}>
      ✓<span className="visually-hidden"> empreinte vérifiée</span>
    </span>
  ) : (
    <span className="chain-mark chain-mark--broken" title={entry?.problem ?? `Empreinte ${version.hash} non conforme`}>
      ✗<span className="visually-hidden"> empreinte non conforme</span>
    </span>
  )
}

function VersionRow(props: {
  version: Version
  negotiation: NegotiationDetail
  chain: ChainCheck | null
  /** Label of the proposal the version belongs to (null: the main draft). */
  branch: string | null
  act(run: () => Promise<unknown>, done: string): Promise<void>
}) {
  const { version: v, negotiation: n, act } = props
  const me = useMe()
  const isChair = n.role === 'chair'
  const editor = canEdit(n.role)
  const signedByUs = v.signatures?.some((s) => s.organisation.id === me.organisation.id)
  // The author organisation (or the chair) puts its draft on the table.
  const isAuthor = v.organisation?.id === me.organisation.id
  return (
    <tr>
      <td>
        <strong>{v.label}</strong>
        {v.author?.name && <div className="muted">par {v.author.name}</div>}
      </td>
      <td>{props.branch ?? <span className="muted">Projet principal</span>}</td>
      <td>
        <OrganisationName organisation={v.organisation} />
      </td>
      <td>{formatDate(v.createdAt)}</td>
      <td>
        <StatusBadge status={v.status} />
        {v.signatures?.length > 0 && (
          <div className="signatures">
            Signée par{' '}
            {v.signatures.map((s, i) => (
              <span key={s.organisation.id}>
                {i > 0 && ', '}
                {s.organisation.name} ({formatDate(s.signedAt)})
              </span>
            ))}
          </div>
        )}
      </td>
      <td>{chainMark(v, props.chain)}</td>
      <td>
        <div className="row-actions">
          <a className="button button--small" href={href({ name: 'compare', id: n.id, from: v.id, to: 'live' })}>
            Comparer
          </a>
          {editor && (isAuthor || isChair) && v.status === 'draft' && (
            <button type="button" className="button button--small" onClick={() => void act(() => setVersionStatus(v.id, 'proposal'), `« ${v.label} » est une proposition.`)}>
              Proposer
            </button>
          )}
          {isChair && v.status === 'proposal' && (
            <ConfirmButton message={`Valider « ${v.label} » ? Le circuit de signature s’ouvre.`} onConfirm={() => act(() => setVersionStatus(v.id, 'agreed'), `« ${v.label} » est validée.`)}>
              Valider
            </ConfirmButton>
          )}
          {editor && me.organisation.kind !== 'administration' && (v.status === 'agreed' || v.status === 'signed') && !signedByUs && (
            <ConfirmButton className="button button--small button--primary" message={`Signer « ${v.label} » au nom de ${me.organisation.name} ? La signature est datée par le serveur et ne peut pas être retirée.`} onConfirm={() => act(() => signVersion(v.id), `${me.organisation.name} a signé « ${v.label} ».`)}>
              Signer pour {me.organisation.name}
            </ConfirmButton>
          )}
          {isChair && v.status === 'signed' && (
            <ConfirmButton className="button button--small button--primary" message={`Publier « ${v.label} » ? Le texte devient public et la négociation est conclue.`} onConfirm={() => act(() => setVersionStatus(v.id, 'published'), `« ${v.label} » est publiée.`)}>
              Publier
            </ConfirmButton>
          )}
          {v.status === 'published' && (
            <a className="button button--small button--ghost" href={`/p/${encodeURIComponent(n.slug)}/${encodeURIComponent(v.id)}`} target="_blank" rel="noreferrer">
              Page publique
            </a>
          )}
          {editor && (
            <ConfirmButton className="button button--small button--ghost" message={`Restaurer « ${v.label} » ? Le texte en cours est d’abord enregistré comme version « Avant restauration de la version ${v.number} », puis remplacé.`} onConfirm={() => act(() => restoreVersion(v.id), `« ${v.label} » restaurée ; l’état précédent est enregistré comme version.`)}>
              Restaurer
            </ConfirmButton>
          )}
          {editor && (
            <button
              type="button"
              className="button button--small button--ghost"
              onClick={() =>
                void act(async () => {
                  const proposal = await createProposal(n.id, v.id, `Proposition ${me.organisation.name} depuis « ${v.label} »`)
                  navigate({ name: 'negotiation', id: n.id, proposal: proposal.id })
                }, 'Proposition créée.')
              }
            >
              Partir de cette version
            </button>
          )}
        </div>
      </td>
    </tr>
  )
}

function CreateVersion({ onCreate, branches }: { onCreate(label: string, proposalId: string | null): Promise<void>; branches: Proposal[] }) {
  const [label, setLabel] = useState('')
  const [branch, setBranch] = useState('')
  async function submit(event: FormEvent) {
    event.preventDefault()
    await onCreate(label.trim(), branch || null)
    setLabel('')
  }
  return (
    <form className="card form form--inline" onSubmit={(e) => void submit(e)} aria-label="Créer une version">
      <label className="field">
        <span className="field__label">Nom de la nouvelle version</span>
        <input required name="label" value={label} onChange={(e) => setLabel(e.target.value)} placeholder="Séance du 12 mars" />
      </label>
      {branches.length > 0 && (
        <label className="field">
          <span className="field__label">Projet</span>
          <select value={branch} onChange={(e) => setBranch(e.target.value)}>
            <option value="">Projet principal</option>
            {branches.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="submit" className="button button--primary">
        Créer une version
      </button>
    </form>
  )
}
