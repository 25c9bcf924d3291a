/**
 * The threads of one fiche, kept current: loaded once, then updated from the
 * SSE stream (a changed thread replaces its old copy; a reconnection reloads
 * the whole list, since changes may have been missed). Actions answer with
 * the updated thread, merged at once so the author sees it before the echo.
 */
import { useCallback, useEffect, useState } from 'react'
import { listThreads, subscribeThreads, type Thread } from './thread-api.ts'

export interface ThreadsState {
  threads: Thread[]
  error: unknown
  /** Merges a thread answered by an action. */
  merge(thread: Thread): void
}

function upsert(list: Thread[], thread: Thread): Thread[] {
  const i = list.findIndex((t) => t.id === thread.id)
  if (i === -1) return [...list, thread].sort((a, b) => a.createdAt.localeCompare(b.createdAt))
  // Keep the newest copy: the stream and an action's answer may arrive in either order.
  if (list[i]!.updatedAt > thread.updatedAt) return list
  const next = list.slice()
  next[i] = thread
  return next
}

export function useThreads(ficheId: string): ThreadsState {
  const [threads, setThreads] = useState<Thread[]>([])
  const [error, setError] = useState<unknown>(null)

  useEffect(() => {
    let alive = true
    const reload = () => {
      listThreads(ficheId).then(
        (list) => { if (alive) { setThreads(list); setError(null) } },
        (cause) => { if (alive) setError(cause) },
      )
    }
    const close = subscribeThreads(ficheId, (thread) => { if (alive) setThreads((list) => upsert(list, thread)) }, reload)
    reload()
    return () => {
      alive = false
      close()
    }
  }, [ficheId])

  const merge = useCallback((thread: Thread) => setThreads((list) => upsert(list, thread)), [])
  return { threads, error, merge }
}
