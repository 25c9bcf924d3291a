/**
 * The « Discussions » side panel of a fiche: select words, « Commenter »,
 * choose who sees it (« Toute la négociation » or « Mon organisation
 * seulement »), then reply, edit or delete one's own comments, resolve and
 * reopen. Each thread is drawn on its words as a local highlight (see
 * highlights.ts); a thread whose words are gone stays, marked « texte
 * supprimé ». Private notes carry a visible badge. Everything a person wrote
 * is rendered as text (React escapes it), never as HTML.
 */
import { useEffect, useMemo, useState } from 'react'
import type { Editor } from '@tiptap/core'
import type { Role } from '../../api/types.ts'
import { ErrorMessage } from '../../components/feedback.tsx'
import { anchorOfRange, rangeOfAnchor, type EncodedAnchor } from './anchors.ts'
import { onThreadClick, setThreadHighlights } from './highlights.ts'
import {
  deleteComment, editComment, openThread, replyToThread, setThreadResolved,
  type Thread, type ThreadComment, type ThreadVisibility,
} from './thread-api.ts'
import { useThreads } from './use-threads.ts'
import { nameWithOrganisation } from '../use-collaboration.ts'

const COMMENT_ROLES: readonly Role[] = ['chair', 'editor', 'commenter']

const when = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' })

interface Me {
  userId: string
  organisationId: string
  organisationName: string
}

interface Props {
  ficheId: string
  editor: Editor | null
  role: Role | undefined
  me: Me
}

/** Re-renders on every document change of the editor, so « texte supprimé » follows the live text. */
function useDocVersion(editor: Editor | null): number {
  const [version, setVersion] = useState(0)
  useEffect(() => {
    if (!editor) return
    const bump = () => setVersion((v) => v + 1)
    editor.on('update', bump)
    return () => { editor.off('update', bump) }
  }, [editor])
  return version
}

export function ThreadsPanel({ ficheId, editor, role, me }: Props) {
  const { threads, error, merge } = useThreads(ficheId)
  const [activeId, setActiveId] = useState<string | null>(null)
  const [showResolved, setShowResolved] = useState(false)
  const [draft, setDraft] = useState<{ anchor: EncodedAnchor; quote: string } | null>(null)
  const [selection, setSelection] = useState('')
  const docVersion = useDocVersion(editor)
  const canComment = role !== undefined && COMMENT_ROLES.includes(role)

  // What is selected now, for the « Commenter » button.
  useEffect(() => {
    if (!editor) return
    const read = () => {
      const { from, to } = editor.state.selection
      setSelection(to > from ? editor.state.doc.textBetween(from, to, ' ').trim() : '')
    }
    read()
    editor.on('selectionUpdate', read)
    return () => { editor.off('selectionUpdate', read) }
  }, [editor])

  const live = useMemo(() => {
    const present = new Map<string, boolean>()
    if (editor) for (const t of threads) present.set(t.id, rangeOfAnchor(editor.state, t.anchor) !== null)
    return present
    // docVersion: recompute after each edit of the document.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor, threads, docVersion])

  useEffect(() => {
    if (!editor) return
    setThreadHighlights(editor, threads.map((t) => ({ id: t.id, anchor: t.anchor, private: t.visibility === 'organisation', resolved: t.resolved })), activeId)
  }, [editor, threads, activeId])

  useEffect(() => {
    if (!editor) return
    onThreadClick(editor, (id) => {
      setActiveId(id)
      document.getElementById(`thread-${id}`)?.scrollIntoView({ block: 'nearest' })
    })
    return () => onThreadClick(editor, null)
  }, [editor])

  function startComment() {
    if (!editor) return
    const { from, to } = editor.state.selection
    const anchor = anchorOfRange(editor.state, from, to)
    if (anchor) setDraft({ anchor, quote: editor.state.doc.textBetween(from, to, ' ') })
  }

  function focusThread(t: Thread) {
    setActiveId(t.id)
    if (!editor) return
    const range = rangeOfAnchor(editor.state, t.anchor)
    if (range) editor.commands.setTextSelection(range)
    if (range) editor.commands.scrollIntoView()
  }

  const visible = threads.filter((t) => showResolved || !t.resolved || t.id === activeId)
  const resolvedCount = threads.filter((t) => t.resolved).length

  return (
    <section className="threads" aria-label="Discussions" data-testid="threads-panel">
      <h2 className="presence__title">Discussions ({threads.length - resolvedCount} ouvertes)</h2>
      {canComment && !draft && (
        <div className="threads__start">
          <button type="button" className="button" disabled={!selection || !editor} onClick={startComment} data-testid="comment-button">
            Commenter
          </button>
          <span className="threads__hint">
            {selection ? `« ${clip(selection, 60)} »` : 'Sélectionnez des mots dans la fiche pour les commenter.'}
          </span>
        </div>
      )}
      {draft && (
        <NewThread
          quote={draft.quote}
          organisationName={me.organisationName}
          onCancel={() => setDraft(null)}
          onSubmit={async (body, visibility) => {
            const thread = await openThread(ficheId, draft.anchor, body, visibility)
            merge(thread)
            setDraft(null)
            setActiveId(thread.id)
          }}
        />
      )}
      <ErrorMessage error={error} title="Discussions indisponibles :" />
      {threads.length === 0 && !draft && <p className="threads__empty">Aucune discussion sur cette fiche.</p>}
      <ol className="threads__list">
        {visible.map((t) => (
          <ThreadCard
            key={t.id}
            thread={t}
            active={t.id === activeId}
            wordsGone={editor ? live.get(t.id) === false : t.anchorStatus === 'deleted'}
            canComment={canComment}
            me={me}
            onFocus={() => focusThread(t)}
            onChanged={merge}
          />
        ))}
      </ol>
      {resolvedCount > 0 && (
        <label className="threads__toggle">
          <input type="checkbox" checked={showResolved} onChange={(e) => setShowResolved(e.target.checked)} />
          Afficher les discussions résolues ({resolvedCount})
        </label>
      )}
    </section>
  )
}

function clip(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text
}

function NewThread({ quote, organisationName, onSubmit, onCancel }: {
  quote: string
  organisationName: string
  onSubmit(body: string, visibility: ThreadVisibility): Promise<void>
  onCancel(): void
}) {
  const [body, setBody] = useState('')
  const [visibility, setVisibility] = useState<ThreadVisibility>('negotiation')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  return (
    <form
      className="thread-form"
      data-testid="new-thread"
      onSubmit={(e) => {
        e.preventDefault()
        setBusy(true)
        setError(null)
        onSubmit(body, visibility).catch((cause) => { setError(cause); setBusy(false) })
      }}
    >
      <blockquote className="thread__quote">« {clip(quote, 200)} »</blockquote>
      <label className="visually-hidden" htmlFor="new-thread-body">Votre commentaire</label>
      <textarea id="new-thread-body" value={body} onChange={(e) => setBody(e.target.value)} rows={3} maxLength={5000} placeholder="Votre commentaire…" autoFocus />
      <fieldset className="thread-form__visibility">
        <legend>Qui le voit ?</legend>
        <label>
          <input type="radio" name="visibility" checked={visibility === 'negotiation'} onChange={() => setVisibility('negotiation')} />
          Toute la négociation
        </label>
        <label>
          <input type="radio" name="visibility" checked={visibility === 'organisation'} onChange={() => setVisibility('organisation')} />
          Mon organisation seulement ({organisationName})
        </label>
      </fieldset>
      <div className="thread-form__actions">
        <button type="submit" className="button button--primary" disabled={busy || body.trim() === ''}>Publier</button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>Annuler</button>
      </div>
      <ErrorMessage error={error} title="Commentaire refusé :" />
    </form>
  )
}

function ThreadCard({ thread, active, wordsGone, canComment, me, onFocus, onChanged }: {
  thread: Thread
  active: boolean
  wordsGone: boolean
  canComment: boolean
  me: Me
  onFocus(): void
  onChanged(thread: Thread): void
}) {
  const [reply, setReply] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const run = (action: () => Promise<Thread>) => {
    setBusy(true)
    setError(null)
    action().then(
      (t) => { onChanged(t); setBusy(false) },
      (cause) => { setError(cause); setBusy(false) },
    )
  }
  const isPrivate = thread.visibility === 'organisation'
  const classes = ['thread', isPrivate && 'thread--private', thread.resolved && 'thread--resolved', active && 'thread--active'].filter(Boolean).join(' ')
  return (
    <li id={`thread-${thread.id}`} className={classes} data-testid="thread" data-thread-id={thread.id}>
      <button type="button" className="thread__quote-button" onClick={onFocus} title="Montrer le passage dans la fiche">
        <blockquote className="thread__quote">« {clip(thread.quote, 200)} »</blockquote>
      </button>
      <div className="thread__badges">
        {isPrivate && <span className="badge badge--private" data-testid="private-badge">Note privée · {thread.organisation.name} seulement</span>}
        {wordsGone && <span className="badge badge--deleted" data-testid="deleted-badge">texte supprimé</span>}
        {thread.resolved && <span className="badge badge--resolved">Résolue{thread.resolvedBy ? ` par ${thread.resolvedBy}` : ''}</span>}
      </div>
      <ol className="thread__comments">
        {thread.comments.map((c) => (
          <CommentItem key={c.id} comment={c} mine={c.author.id === me.userId && canComment} busy={busy} run={run} />
        ))}
      </ol>
      {canComment && (
        <form
          className="thread__reply"
          onSubmit={(e) => {
            e.preventDefault()
            const body = reply
            run(async () => {
              const t = await replyToThread(thread.id, body)
              setReply('')
              return t
            })
          }}
        >
          <label className="visually-hidden" htmlFor={`reply-${thread.id}`}>Répondre</label>
          <textarea id={`reply-${thread.id}`} value={reply} onChange={(e) => setReply(e.target.value)} rows={2} maxLength={5000} placeholder="Répondre…" />
          <div className="thread-form__actions">
            <button type="submit" className="button" disabled={busy || reply.trim() === ''}>Répondre</button>
            <button type="button" className="button button--ghost" disabled={busy} onClick={() => run(() => setThreadResolved(thread.id, !thread.resolved))}>
              {thread.resolved ? 'Rouvrir' : 'Résoudre'}
            </button>
          </div>
        </form>
      )}
      <ErrorMessage error={error} title="Action refusée :" />
    </li>
  )
}

function CommentItem({ comment, mine, busy, run }: {
  comment: ThreadComment
  mine: boolean
  busy: boolean
  run(action: () => Promise<Thread>): void
}) {
  const [editing, setEditing] = useState<string | null>(null)
  if (comment.deleted) {
    return <li className="comment comment--deleted">Commentaire supprimé.</li>
  }
  return (
    <li className="comment" data-testid="comment">
      <div className="comment__meta">
        <strong>{nameWithOrganisation(comment.author.name, comment.organisation.name)}</strong> · {when.format(new Date(comment.createdAt))}
        {comment.editedAt && ' · modifié'}
      </div>
      {editing === null ? (
        <p className="comment__body">{comment.body}</p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            const body = editing
            run(async () => {
              const t = await editComment(comment.id, body)
              setEditing(null)
              return t
            })
          }}
        >
          <textarea value={editing} onChange={(e) => setEditing(e.target.value)} rows={3} maxLength={5000} aria-label="Modifier le commentaire" />
          <div className="thread-form__actions">
            <button type="submit" className="button" disabled={busy || editing.trim() === ''}>Enregistrer</button>
            <button type="button" className="button button--ghost" onClick={() => setEditing(null)}>Annuler</button>
          </div>
        </form>
      )}
      {mine && editing === null && (
        <div className="comment__actions">
          <button type="button" className="link-button" onClick={() => setEditing(comment.body)}>Modifier</button>
          <button
            type="button"
            className="link-button"
            disabled={busy}
            onClick={() => { if (window.confirm('Supprimer ce commentaire ?')) run(() => deleteComment(comment.id)) }}
          >
            Supprimer
          </button>
        </div>
      )}
    </li>
  )
}
