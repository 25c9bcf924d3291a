/**
 * The discussion threads that go into a Word redline as comments: only
 * threads shared with the whole negotiation (`visibility = 'negotiation'`,
 * in the query itself) — a private note never leaves its organisation,
 * whoever downloads —, on the fiches of one branch, with their comments not
 * deleted, each named by its fiche's key (the id the compared texts use).
 */
import type { RedlineThread } from '@paritaire/diff'
import type { AppContext } from '../context.ts'

export async function sharedThreadsForRedline(ctx: AppContext, negotiationId: string, proposalId: string | null): Promise<RedlineThread[]> {
  const db = ctx.database.db
  let q = db.selectFrom('threads')
    .innerJoin('fiches', 'fiches.id', 'threads.fiche_id')
    .select(['threads.id', 'threads.quote', 'threads.resolved_at', 'fiches.fiche_key'])
    .where('threads.negotiation_id', '=', negotiationId)
    .where('fiches.negotiation_id', '=', negotiationId)
    .where('threads.visibility', '=', 'negotiation')
  q = proposalId === null ? q.where('fiches.proposal_id', 'is', null) : q.where('fiches.proposal_id', '=', proposalId)
  const threads = await q.orderBy('threads.created_at').orderBy('threads.id').execute()
  if (threads.length === 0) return []
  const comments = await db.selectFrom('thread_comments')
    .innerJoin('users', 'users.id', 'thread_comments.author_user_id')
    .innerJoin('organisations', 'organisations.id', 'thread_comments.organisation_id')
    .select(['thread_comments.thread_id', 'users.name as author', 'organisations.name as organisation', 'thread_comments.body', 'thread_comments.created_at'])
    .where('thread_comments.thread_id', 'in', threads.map((t) => t.id))
    .where('thread_comments.deleted_at', 'is', null)
    .orderBy('thread_comments.created_at').orderBy('thread_comments.id')
    .execute()
  return threads.map((t) => ({
    ficheId: t.fiche_key,
    quote: t.quote,
    resolved: t.resolved_at !== null,
    comments: comments.filter((c) => c.thread_id === t.id).map((c) => ({
      author: c.author, organisation: c.organisation, date: new Date(c.created_at).toISOString(), body: c.body,
    })),
  })).filter((t) => t.comments.length > 0)
}
