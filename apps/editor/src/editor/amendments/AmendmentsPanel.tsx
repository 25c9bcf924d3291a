/**
 * The side list « Amendements » of a fiche: every pending amendment (prose
 * and classement fields) with its organisation's colour, author and time,
 * filterable by organisation; accept / reject one by one, all of the fiche
 * or all of one organisation (for whoever the negotiation lets decide), and
 * withdraw for the proposing organisation. Decisions go through the REST
 * routes (the server checks the right and audits); their outcome comes back
 * through the live document. An amendment that vanished without a decision
 * (its text deleted concurrently) stays listed as orphaned. Links to the
 * negotiation's tableau des amendements (HTML, Word) for the meeting.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { Editor } from '@tiptap/core'
import { amendmentKey, listAmendments, type Amendment } from '@paritaire/schema/editing'
import { organisationColor } from '../org-colors.ts'
import { amendmentTableauUrl, decideAmendments, getFicheAmendments, type FicheAmendments } from './api.ts'
import { amendmentSummary, formatTime } from './describe.ts'
import type { AmendmentIdentity } from './stamp.ts'

interface Props {
  editor: Editor
  ficheId: string
  identity: AmendmentIdentity
}

type Decision = 'accept' | 'reject' | 'withdraw'

export function AmendmentsPanel({ editor, ficheId, identity }: Props) {
  const [amendments, setAmendments] = useState<Amendment[]>(() => listAmendments(editor.getJSON()))
  const [server, setServer] = useState<FicheAmendments | null>(null)
  const [orphans, setOrphans] = useState<Amendment[]>([])
  const [filter, setFilter] = useState<string>('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const seen = useRef(new Map<string, Amendment>())

  const refresh = useCallback(async () => {
    try {
      setServer(await getFicheAmendments(ficheId))
    } catch {
      /* the list still works from the live document */
    }
  }, [ficheId])

  useEffect(() => {
    void refresh()
  }, [refresh])

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const run = () => setAmendments(listAmendments(editor.getJSON()))
    const schedule = () => {
      clearTimeout(timer)
      timer = setTimeout(run, 120)
    }
    editor.on('update', schedule)
    return () => {
      clearTimeout(timer)
      editor.off('update', schedule)
    }
  }, [editor])

  // Amendments that disappear without a recorded decision are orphaned (their text was deleted).
  // Candidates wait in a ref (not in an effect's closure) so that later updates do not drop them.
  const vanishedRef = useRef(new Map<string, Amendment>())
  const currentRef = useRef(amendments)
  const checkTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => () => clearTimeout(checkTimer.current), [])
  useEffect(() => {
    currentRef.current = amendments
    const current = new Set(amendments.map(amendmentKey))
    for (const [key, a] of seen.current) {
      if (!current.has(key)) {
        vanishedRef.current.set(key, a)
        seen.current.delete(key)
      }
    }
    for (const a of amendments) {
      seen.current.set(amendmentKey(a), a)
      vanishedRef.current.delete(amendmentKey(a))
    }
    if (vanishedRef.current.size === 0 || checkTimer.current !== undefined) return
    checkTimer.current = setTimeout(async () => {
      try {
        const latest = await getFicheAmendments(ficheId)
        setServer(latest)
        const decided = new Set(latest.decisions.map((d) => d.amendmentId))
        const still = new Set([...currentRef.current, ...latest.amendments].map(amendmentKey))
        const lost = [...vanishedRef.current.entries()].filter(([key, a]) => !decided.has(a.id) && !still.has(key)).map(([, a]) => a)
        vanishedRef.current.clear()
        if (lost.length) setOrphans((o) => [...o, ...lost])
      } catch {
        /* unknown: say nothing rather than a false alarm */
      } finally {
        checkTimer.current = undefined
      }
    }, 1000)
  }, [amendments, ficheId])

  const organisations = useMemo(() => {
    const byId = new Map<string, string>()
    for (const a of amendments) byId.set(a.organisationId, a.organisationName || a.organisationId)
    return [...byId.entries()]
  }, [amendments])
  const shown = filter ? amendments.filter((a) => a.organisationId === filter) : amendments
  const canDecide = server?.canDecide ?? false

  async function decide(decision: Decision, scope: { ids?: string[]; organisation?: string }) {
    setBusy(true)
    setError(null)
    try {
      await decideAmendments(ficheId, decision, scope)
      await refresh()
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause))
    } finally {
      setBusy(false)
    }
  }

  const bulkScope = filter ? { organisation: filter } : {}
  return (
    <section className="amendments-panel card" aria-labelledby="amendments-title" data-testid="amendments-panel">
      <h2 id="amendments-title" className="amendments-panel__title">
        Amendements <span className="amendments-panel__count">({amendments.length})</span>
      </h2>
      {server?.negotiationId && (
        <p className="amendments-panel__documents">
          <a className="button button--small" href={amendmentTableauUrl(server.negotiationId, 'html')} target="_blank" rel="noopener" data-testid="amendments-tableau">
            Tableau des amendements
          </a>{' '}
          <a className="button button--small" href={amendmentTableauUrl(server.negotiationId, 'docx')} download data-testid="amendments-tableau-docx">
            Tableau des amendements (Word)
          </a>
        </p>
      )}
      {organisations.length > 1 && (
        <label className="amendments-panel__filter">
          Organisation{' '}
          <select value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Filtrer par organisation">
            <option value="">Toutes</option>
            {organisations.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
      )}
      {shown.length === 0 ? (
        <p className="amendments-panel__empty">Aucun amendement en attente.</p>
      ) : (
        <>
          {canDecide && (
            <div className="amendments-panel__bulk">
              <button type="button" className="button button--small" disabled={busy} onClick={() => decide('accept', bulkScope)}>
                {filter ? 'Accepter tous ceux de l’organisation' : 'Tout accepter'}
              </button>
              <button type="button" className="button button--small" disabled={busy} onClick={() => decide('reject', bulkScope)}>
                {filter ? 'Rejeter tous ceux de l’organisation' : 'Tout rejeter'}
              </button>
            </div>
          )}
          <ul className="amendments-panel__list">
            {shown.map((a) => (
              <li
                key={amendmentKey(a)}
                className="amendment-item"
                data-amendment-id={a.id}
                data-organisation={a.organisationName}
                style={{ ['--amendment-color' as string]: organisationColor(a.organisationName) }}
              >
                <div className="amendment-item__head">
                  <span className="amendment-item__org">{a.organisationName}</span>
                  <span className="amendment-item__meta">
                    {a.authorName}
                    {a.createdAt ? `, ${formatTime(a.createdAt)}` : ''}
                  </span>
                </div>
                <p className="amendment-item__summary">{amendmentSummary(a)}</p>
                <div className="amendment-item__actions">
                  {canDecide && (
                    <>
                      <button type="button" className="button button--small" disabled={busy} onClick={() => decide('accept', { ids: [a.id] })}>
                        Accepter
                      </button>
                      <button type="button" className="button button--small" disabled={busy} onClick={() => decide('reject', { ids: [a.id] })}>
                        Rejeter
                      </button>
                    </>
                  )}
                  {a.organisationId === identity.organisationId && (
                    <button type="button" className="button button--small" disabled={busy} onClick={() => decide('withdraw', { ids: [a.id] })}>
                      Retirer
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      {orphans.length > 0 && (
        <div className="amendments-panel__orphans" role="status">
          <h3>Amendements orphelins</h3>
          <p>Le texte qu’ils visaient a été supprimé pendant qu’ils étaient proposés ; ils ne s’appliquent plus.</p>
          <ul>
            {orphans.map((a) => (
              <li key={amendmentKey(a)} data-orphan-id={a.id}>
                <strong>{a.organisationName}</strong> : {amendmentSummary(a)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}
