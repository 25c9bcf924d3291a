/**
 * The fiche screen: where negotiators co-edit one fiche. Around the editor:
 * the trail back to the negotiation, the connection state, who is here, a
 * read-only notice for viewers (the amendment role « Amendements et
 * commentaires » edits in forced suggestion mode), the side list
 * « Amendements », and the schema's validation
 * issues. The editor appears once the live document has arrived; until
 * then (or if the live service is unreachable) the last saved content is
 * shown read-only, so nobody types into a document that is not the shared one.
 */
import { lazy, Suspense, useCallback, useMemo, useState } from 'react'
import { EditorContent, useEditor } from '@tiptap/react'
import { FIELD_LABELS, ficheExtensions, ficheToEditorJson, SECTION_LABELS, type Fiche, type SchemaIssue } from '@paritaire/schema/editing'
import { deleteFiche, getFiche, getNegotiation } from '../api/endpoints.ts'
import { ROLE_LABELS, canEdit } from '../api/types.ts'
import { Breadcrumbs } from '../components/TopBar.tsx'
import { ErrorMessage, Loading, Notice } from '../components/feedback.tsx'
import { useAsync } from '../components/use-async.ts'
import { FicheEditor, type Checked } from '../editor/FicheEditor.tsx'
import { organisationColor } from '../editor/org-colors.ts'
import { ConnectionBadge, PresenceList } from '../editor/Presence.tsx'
import { FicheViewContext, shortMessage } from '../editor/issues-context.ts'
import { withFicheNodeViews } from '../editor/node-views.tsx'
import { useCollaboration, type AwarenessUser } from '../editor/use-collaboration.ts'
import { useAmendmentWriter } from '../editor/amendments/use-amendment-mode.ts'
import { ThreadsPanel } from '../editor/threads/ThreadsPanel.tsx'
import type { Editor } from '@tiptap/core'
import { href } from '../router.ts'
import { useMe } from '../session.tsx'
import { LockBanner, useFicheLock } from '../components/LockBanner.tsx'
import type { DraftIssue } from '../editor/fields/field-context.ts'
import { PublishedLink } from '../editor/PublishedLink.tsx'
import { negotiationLabel, useDocumentTitle } from '../components/use-title.ts'
import { useProposalBranch } from './negotiation/use-proposal-branch.ts'
import { proposalTitle } from '../api/proposals.ts'

// What shows only in some cases loads when it does: most fiches are opened
// on the common text, not deleted under the reader's eyes.
const ProposalBanner = lazy(() => import('./negotiation/ProposalBanner.tsx').then((m) => ({ default: m.ProposalBanner })))
const FicheDeletedNotice = lazy(() => import('../editor/FicheDeletedNotice.tsx').then((m) => ({ default: m.FicheDeletedNotice })))

export function FicheScreen({ ficheId, highlight = null }: { ficheId: string; highlight?: string | null }) {
  const me = useMe()
  const [amendmentsSlot, setAmendmentsSlot] = useState<HTMLElement | null>(null)
  const record = useAsync(() => getFiche(ficheId), [ficheId])
  const negotiationId = record.value?.negotiationId
  const negotiation = useAsync(
    () => (negotiationId ? getNegotiation(negotiationId) : Promise.resolve(null)),
    [negotiationId],
  )
  const user = useMemo<AwarenessUser>(
    () => ({ name: me.user.name, color: organisationColor(me.organisation.name), organisation: me.organisation.name }),
    [me],
  )
  // Connect only to a fiche the server let us read: an unknown or foreign
  // fiche must not leave a socket retrying against a refusal.
  const live = useCollaboration(record.value ? ficheId : null, user)
  const [checked, setChecked] = useState<Checked>({ fiche: null, issues: [] })
  const onChecked = useCallback((value: Checked) => setChecked(value), [])
  const [editorForThreads, setEditorForThreads] = useState<Editor | null>(null)
  const threadsMe = useMemo(() => ({ userId: me.user.id, organisationId: me.organisation.id, organisationName: me.organisation.name }), [me])

  const ficheLock = useFicheLock(negotiationId, ficheId, (record.value?.proposalId ?? null) !== null)
  const [drafts, setDrafts] = useState<DraftIssue[]>([])
  const branch = useProposalBranch(negotiationId, record.value?.proposalId)
  // Another organisation's project is read-only whatever our role (still unknown while loading: read-only too).
  const foreignProposal = (record.value?.proposalId ?? null) !== null && branch?.organisation.id !== me.organisation.id

  useDocumentTitle(
    record.error ? 'Fiche inaccessible' : checked.fiche?.denomination.intitule || record.value?.fiche.denomination.intitule,
    negotiationLabel(negotiation.value),
  )

  const role = record.value?.role ?? negotiation.value?.role
  // The amendment role's editor starts in suggestion mode: it opens once what writes amendments has arrived.
  const writerReady = useAmendmentWriter(role === 'commenter' && !foreignProposal)

  if (record.error) return <FicheUnavailable error={record.error} />
  // The amendment role types into the editor too, but only as amendments (forced suggestion mode, checked by the server).
  const proposesOnly = role === 'commenter' && !foreignProposal
  const readOnly = (!canEdit(role) && !proposesOnly) || ficheLock.locked || foreignProposal
  const identity = role && !readOnly
    ? { userId: me.user.id, authorName: me.user.name, organisationId: me.organisation.id, organisationName: me.organisation.name, role }
    : null
  const intitule = checked.fiche?.denomination.intitule || record.value?.fiche.denomination.intitule || 'Fiche'

  return (
    <div className="fiche-screen">
      <Breadcrumbs
        items={[
          { label: 'Mes négociations', href: href({ name: 'negotiations' }) },
          ...(negotiation.value ? [{ label: negotiation.value.title, href: href({ name: 'negotiation', id: negotiation.value.id }) }] : []),
          ...(negotiation.value && branch ? [{ label: proposalTitle(branch), href: href({ name: 'negotiation', id: negotiation.value.id, proposal: branch.id }) }] : []),
          { label: intitule },
        ]}
      />
      <div className="page-head">
        <h1>{intitule}</h1>
        {live && <ConnectionBadge state={live.state} reason={live.closeReason} />}
      </div>
      {branch && (
        <Suspense fallback={<Loading />}>
          <ProposalBanner proposal={branch} myOrganisationId={me.organisation.id} role={role} />
        </Suspense>
      )}
      {proposesOnly && (
        <Notice tone="info">
          <span data-testid="amendment-only-notice">
            Votre organisation a le rôle « {ROLE_LABELS.commenter} » : ce que vous tapez devient un amendement, que la
            présidence accepte ou rejette.
          </span>
        </Notice>
      )}
      {negotiationId && (
        <LockBanner negotiationId={negotiationId} ficheId={ficheId} isChair={role === 'chair'} lock={ficheLock.lock} onChange={ficheLock.reload} />
      )}
      {role && !canEdit(role) && !proposesOnly && !foreignProposal && (
        <Notice tone="warning">
          <span data-testid="read-only-notice">
            Lecture seule : votre organisation a le rôle « {ROLE_LABELS[role]} » dans cette négociation. Vous voyez les
            modifications des autres en direct, sans pouvoir modifier la fiche.
          </span>
        </Notice>
      )}
      {live?.deletion && negotiationId && (
        <Suspense fallback={<Loading />}>
          <FicheDeletedNotice deletion={live.deletion} negotiationId={negotiationId} proposalId={record.value?.proposalId ?? null} />
        </Suspense>
      )}
      <div className="fiche-layout">
        <div className="fiche-layout__main card card--flush">
          {live?.loaded && role !== undefined && writerReady ? (
            <FicheEditor ficheId={ficheId} live={live} user={user} readOnly={readOnly} onChecked={onChecked} highlight={highlight} identity={identity} amendmentsSlot={amendmentsSlot} onEditor={setEditorForThreads} onDrafts={setDrafts} />
          ) : record.value ? (
            <>
              <p className="fiche-waiting" role="status">
                {live?.state === 'offline'
                  ? "Le service d'édition en direct est injoignable : voici la dernière version enregistrée, en lecture seule."
                  : 'Ouverture de la fiche en direct…'}
              </p>
              <StaticFiche fiche={record.value.fiche} />
            </>
          ) : (
            <Loading />
          )}
        </div>
        <aside className="fiche-layout__side">
          {live && <PresenceList participants={live.participants} />}
          <div ref={setAmendmentsSlot} className="amendments-slot" />
          {live?.loaded && <IssuesPanel issues={checked.issues} drafts={drafts} />}
          {role !== undefined && <ThreadsPanel ficheId={ficheId} editor={editorForThreads} role={role} me={threadsMe} />}
          {negotiationId && (
            <nav className="side-links" aria-label="Autour de la fiche">
              <a href={href({ name: 'history', id: negotiationId })}>Historique des versions</a>
              <a href={href({ name: 'compare', id: negotiationId, from: null, to: null })}>Comparer des versions</a>
              {negotiation.value && <PublishedLink
                  slug={negotiation.value.slug}
                  negotiationId={negotiationId}
                  proposalId={record.value?.proposalId ?? null}
                  ficheId={ficheId}
                />}
            </nav>
          )}
          {negotiationId && !readOnly && (
            <DeleteFiche ficheId={ficheId} intitule={intitule} negotiationId={negotiationId} />
          )}
        </aside>
      </div>
    </div>
  )
}

/** An unknown fiche, or one of a negotiation we are not in: say so, and offer the way back. */
function FicheUnavailable({ error }: { error: unknown }) {
  return (
    <section className="card" data-testid="fiche-unavailable">
      <h1>Fiche inaccessible</h1>
      <ErrorMessage error={error} />
      <p>
        Elle a peut-être été supprimée, ou elle appartient à une négociation dont votre organisation n'est pas membre.
      </p>
      <p>
        <a className="button" href={href({ name: 'negotiations' })}>
          Revenir à mes négociations
        </a>
      </p>
    </section>
  )
}

/**
 * Deleting the fiche from the live text, after a French confirmation; the
 * versions already taken keep their copy, which the message says so that
 * nobody fears losing the history.
 */
function DeleteFiche({ ficheId, intitule, negotiationId }: { ficheId: string; intitule: string; negotiationId: string }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  async function onDelete() {
    const ok = window.confirm(
      `Supprimer la fiche « ${intitule} » du projet ?\n\nElle disparaîtra pour tous les participants. Les versions déjà créées en gardent une copie.`,
    )
    if (!ok) return
    setBusy(true)
    setError(null)
    try {
      await deleteFiche(ficheId)
      window.location.hash = href({ name: 'negotiation', id: negotiationId })
    } catch (cause) {
      setError(cause)
      setBusy(false)
    }
  }
  // Behind a menu at the bottom of the side column: a destructive action
  // is never one stray click away from the text.
  return (
    <details className="more-actions" data-testid="fiche-actions">
      <summary>Autres actions</summary>
      <section className="danger-zone" aria-label="Supprimer la fiche">
        <button type="button" className="button button--danger button--small" disabled={busy} onClick={() => void onDelete()}>
          {busy ? 'Suppression…' : 'Supprimer la fiche'}
        </button>
        <ErrorMessage error={error} title="Suppression impossible :" />
      </section>
    </details>
  )
}

/** « Classement › Critères »: the section and the field in words, never the model's keys. */
function issueWhere(issue: SchemaIssue): string {
  const section = issue.section ? SECTION_LABELS[issue.section] : null
  const label = issue.field ? (FIELD_LABELS[issue.field] ?? issue.field) : null
  const field = label ? label.charAt(0).toUpperCase() + label.slice(1) : null
  return [section, field].filter(Boolean).join(' › ')
}

function IssuesPanel({ issues, drafts }: { issues: SchemaIssue[]; drafts: DraftIssue[] }) {
  return (
    <section className="issues" aria-label="Contrôles de la fiche">
      <h2 className="presence__title">Contrôles</h2>
      {issues.length === 0 && drafts.length === 0 ? (
        <p className="issues__ok">✓ La fiche est conforme au modèle.</p>
      ) : (
        <ul className="issues__list" data-testid="issues">
          {drafts.map((draft) => (
            <li key={draft.field} className="issues__draft">
              <strong>{draft.where} (non enregistré) : </strong>
              {draft.message}
            </li>
          ))}
          {issues.map((issue, index) => (
            <li key={index}>
              {issueWhere(issue) && <strong>{issueWhere(issue)} : </strong>}
              {shortMessage(issue, true)}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/** The fiche as last saved, rendered by the same schema but not editable and not live. */
function StaticFiche({ fiche }: { fiche: Fiche }) {
  const editor = useEditor(
    {
      extensions: withFicheNodeViews(ficheExtensions),
      content: ficheToEditorJson(fiche),
      editable: false,
      editorProps: { attributes: { class: 'fiche-doc fiche-doc--static', 'aria-label': 'Contenu enregistré de la fiche' } },
    },
    [fiche],
  )
  return (
    <FicheViewContext.Provider value={STATIC_VIEW}>
      <EditorContent editor={editor} className="fiche-editor" />
    </FicheViewContext.Provider>
  )
}

const STATIC_VIEW = { issues: [], readOnly: true }
