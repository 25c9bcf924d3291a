/**
 * The thread routes the editor calls (see docs/api.md, « Discussions ») and
 * the shapes they answer. Bodies come back as plain text: the panel renders
 * them as React text nodes, never as HTML.
 */
import { api } from '../../api/http.ts'
import type { EncodedAnchor } from './anchors.ts'

export type ThreadVisibility = 'negotiation' | 'organisation'

export interface ThreadComment {
  id: string
  author: { id: string; name: string }
  organisation: { id: string; name: string }
  body: string
  createdAt: string
  editedAt: string | null
  deleted: boolean
}

export interface Thread {
  id: string
  ficheId: string
  visibility: ThreadVisibility
  organisation: { id: string; name: string }
  author: { id: string; name: string }
  section: string | null
  anchor: EncodedAnchor
  quote: string
  anchorStatus: 'ok' | 'deleted'
  currentText: string
  resolved: boolean
  resolvedAt: string | null
  resolvedBy: string | null
  createdAt: string
  updatedAt: string
  comments: ThreadComment[]
}

const enc = encodeURIComponent

export async function listThreads(ficheId: string): Promise<Thread[]> {
  return (await api<{ threads: Thread[] }>(`/api/fiches/${enc(ficheId)}/threads`)).threads
}

export async function openThread(ficheId: string, anchor: EncodedAnchor, body: string, visibility: ThreadVisibility): Promise<Thread> {
  return (await api<{ thread: Thread }>(`/api/fiches/${enc(ficheId)}/threads`, { method: 'POST', body: { anchor, body, visibility } })).thread
}

export async function replyToThread(threadId: string, body: string): Promise<Thread> {
  return (await api<{ thread: Thread }>(`/api/threads/${enc(threadId)}/comments`, { method: 'POST', body: { body } })).thread
}

export async function setThreadResolved(threadId: string, resolved: boolean): Promise<Thread> {
  return (await api<{ thread: Thread }>(`/api/threads/${enc(threadId)}/${resolved ? 'resolve' : 'reopen'}`, { method: 'POST', body: {} })).thread
}

export async function editComment(commentId: string, body: string): Promise<Thread> {
  return (await api<{ thread: Thread }>(`/api/comments/${enc(commentId)}`, { method: 'PATCH', body: { body } })).thread
}

export async function deleteComment(commentId: string): Promise<Thread> {
  return (await api<{ thread: Thread }>(`/api/comments/${enc(commentId)}`, { method: 'DELETE' })).thread
}

export type ThreadCounts = Record<string, { open: number; total: number }>

export async function threadCounts(negotiationId: string, proposalId: string | null): Promise<ThreadCounts> {
  const query = proposalId ? `?proposal=${enc(proposalId)}` : ''
  return (await api<{ counts: ThreadCounts }>(`/api/negotiations/${enc(negotiationId)}/thread-counts${query}`)).counts
}

/** The live stream of changed threads (as the caller may see them); returns the close function. */
export function subscribeThreads(ficheId: string, onThread: (thread: Thread) => void, onReady: () => void): () => void {
  const source = new EventSource(`/api/fiches/${enc(ficheId)}/threads/events`)
  source.addEventListener('thread', (event) => {
    try {
      onThread(JSON.parse((event as MessageEvent<string>).data) as Thread)
    } catch {
      // A malformed event is dropped; the next full load repairs the list.
    }
  })
  // Sent at every (re)connection: reload, since changes may have been missed meanwhile.
  source.addEventListener('ready', () => onReady())
  return () => source.close()
}
