/**
 * The « Discussions » side panel of a fiche: select words, « Commenter »,
 * choose who sees it (« Toute la négociation » or « Mon organisation
 * seulement »), then reply, edit or delete one's own comments, resolve and
 * reopen. Each thread is drawn on its words as a local highlight (see
 * highlights.ts); a thread whose words are gone stays, marked « texte
 * supprimé ». Private notes carry a visible badge. Everything a person wrote
 * is rendered as text (React escapes it), never as HTML.
 */
import { lazy, Suspense, useEffect, useMemo, useState } from 'react'
import type { Editor } from '@tiptap/core'
import type { Role } from '../../api/types.ts'
import { ErrorMessage, Loading } from '../../components/feedback.tsx'
import { anchorOfRange, rangeOfAnchor, type EncodedAnchor } from './anchors.ts'
import { onThreadClick, setThreadHighlights } from './highlights.ts'
import { openThread, type Thread } from './thread-api.ts'
import { useThreads } from './use-threads.ts'
import { clip } from './clip.ts'

// The forms load when first needed — a fiche with no discussion shows only
// the « Commenter » button; the first thread or a click brings them.
const NewThread = lazy(() => import('./NewThread.tsx').then((m) => ({ default: m.NewThread })))
const ThreadCard = lazy(() => import('./ThreadCard.tsx').then((m) => ({ default: m.ThreadCard })))

const COMMENT_ROLES: readonly Role[] = ['chair', 'editor', 'commenter']

export interface Me {
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
        <Suspense fallback={<Loading />}>
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
        </Suspense>
      )}
      <ErrorMessage error={error} title="Discussions indisponibles :" />
      {threads.length === 0 && !draft && <p className="threads__empty">Aucune discussion sur cette fiche.</p>}
      {/* A thread list arriving shows « Chargement… »; an empty one, nothing. */}
      <Suspense fallback={visible.length > 0 ? <Loading /> : null}>
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
      </Suspense>
      {resolvedCount > 0 && (
        <label className="threads__toggle">
          <input type="checkbox" checked={showResolved} onChange={(e) => setShowResolved(e.target.checked)} />
          Afficher les discussions résolues ({resolvedCount})
        </label>
      )}
    </section>
  )
}
