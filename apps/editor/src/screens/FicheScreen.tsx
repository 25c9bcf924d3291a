/**
 * The fiche screen: where negotiators co-edit one fiche. Around the editor:
 * the trail back to the negotiation, the connection state, who is here, a
 * read-only notice for viewers and commenters, and the schema's validation
 * issues. The editor appears once the live document has arrived; until
 * then (or if the live service is unreachable) the last saved content is
 * shown read-only, so nobody types into a document that is not the shared one.
 */
import { useCallback, useMemo, useState } from 'react'
import { EditorContent, useEditor } from '@tiptap/react'
import { ficheExtensions, ficheToEditorJson, SECTION_LABELS, type Fiche, type SchemaIssue } from '@paritaire/schema'
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
import { ThreadsPanel } from '../editor/threads/ThreadsPanel.tsx'
import { FicheHistory } from '../editor/history/FicheHistory.tsx'
import type { Editor } from '@tiptap/core'
import { href } from '../router.ts'
import { useMe } from '../session.tsx'

export function FicheScreen({ ficheId, highlight = null }: { ficheId: string; highlight?: string | null }) {
  const me = useMe()
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
  const live = useCollaboration(ficheId, user)
  const [checked, setChecked] = useState<Checked>({ fiche: null, issues: [] })
  const onChecked = useCallback((value: Checked) => setChecked(value), [])
  const [editorForThreads, setEditorForThreads] = useState<Editor | null>(null)
  const threadsMe = useMemo(() => ({ userId: me.user.id, organisationId: me.organisation.id, organisationName: me.organisation.name }), [me])

  if (record.error) return <ErrorMessage error={record.error} title="Fiche inaccessible :" />
  const role = record.value?.role ?? negotiation.value?.role
  const readOnly = !canEdit(role)
  const intitule = checked.fiche?.denomination.intitule || record.value?.fiche.denomination.intitule || 'Fiche'

  return (
    <div className="fiche-screen">
      <Breadcrumbs
        items={[
          { label: 'Mes négociations', href: href({ name: 'negotiations' }) },
          ...(negotiation.value ? [{ label: negotiation.value.title, href: href({ name: 'negotiation', id: negotiation.value.id }) }] : []),
          { label: intitule },
        ]}
      />
      <div className="page-head">
        <h1>{intitule}</h1>
        {live && <ConnectionBadge state={live.state} reason={live.closeReason} />}
      </div>
      {role && readOnly && (
        <Notice tone="warning">
          <span data-testid="read-only-notice">
            Lecture seule : votre organisation a le rôle « {ROLE_LABELS[role]} » dans cette négociation. Vous voyez les
            modifications des autres en direct, sans pouvoir modifier la fiche.
          </span>
        </Notice>
      )}
      <div className="fiche-layout">
        <div className="fiche-layout__main card card--flush">
          {live?.loaded && role !== undefined ? (
            <FicheEditor ficheId={ficheId} live={live} user={user} readOnly={readOnly} onChecked={onChecked} highlight={highlight} onEditor={setEditorForThreads} />
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
          {live?.loaded && <IssuesPanel issues={checked.issues} />}
          {role !== undefined && <ThreadsPanel ficheId={ficheId} editor={editorForThreads} role={role} me={threadsMe} />}
          {role !== undefined && <FicheHistory ficheId={ficheId} />}
          {negotiationId && (
            <nav className="side-links" aria-label="Autour de la fiche">
              <a href={href({ name: 'history', id: negotiationId })}>Historique des versions</a>
              <a href={href({ name: 'compare', id: negotiationId, from: null, to: null })}>Comparer des versions</a>
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
  return (
    <section className="danger-zone" aria-label="Supprimer la fiche">
      <button type="button" className="button button--danger" disabled={busy} onClick={() => void onDelete()}>
        {busy ? 'Suppression…' : 'Supprimer la fiche'}
      </button>
      <ErrorMessage error={error} title="Suppression impossible :" />
    </section>
  )
}

function issueWhere(issue: SchemaIssue): string {
  const section = issue.section ? SECTION_LABELS[issue.section] : null
  return [section, issue.field].filter(Boolean).join(' › ')
}

function IssuesPanel({ issues }: { issues: SchemaIssue[] }) {
  return (
    <section className="issues" aria-label="Contrôles de la fiche">
      <h2 className="presence__title">Contrôles</h2>
      {issues.length === 0 ? (
        <p className="issues__ok">✓ La fiche est conforme au modèle.</p>
      ) : (
        <ul className="issues__list" data-testid="issues">
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
