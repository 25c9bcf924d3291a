/** One discussion of the « Discussions » panel: its quote, comments, reply form, resolve / reopen, own comments' edit and delete. */
import { useState } from 'react'
import { ErrorMessage } from '../../components/feedback.tsx'
import { deleteComment, editComment, replyToThread, setThreadResolved, type Thread, type ThreadComment } from './thread-api.ts'
import { nameWithOrganisation } from '../participant-name.ts'
import { clip } from './clip.ts'
import type { Me } from './ThreadsPanel.tsx'

const when = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' })

export function ThreadCard({ thread, active, wordsGone, canComment, me, onFocus, onChanged }: {
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
