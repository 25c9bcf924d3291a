/**
 * Comment threads and comments. SQL only. Every read that lists threads
 * takes the reader's organisation and applies the visibility rule in the
 * query itself (`negotiation`, or `organisation` of the reader's own
 * organisation), so no caller can forget it.
 */
import { sql, type Kysely } from 'kysely'
import type { DB, ThreadVisibility } from '../db/schema.ts'

export interface ThreadRow {
  id: string
  fiche_id: string
  negotiation_id: string
  visibility: ThreadVisibility
  organisation_id: string
  organisation_name: string
  author_user_id: string
  author_name: string
  section: string | null
  anchor_start: string
  anchor_end: string
  quote: string
  resolved_at: Date | null
  resolved_by_name: string | null
  created_at: Date
  updated_at: Date
}

export interface CommentRow {
  id: string
  thread_id: string
  author_user_id: string
  author_name: string
  organisation_id: string
  organisation_name: string
  body: string
  created_at: Date
  edited_at: Date | null
  deleted_at: Date | null
}

export interface NewThread {
  id: string
  ficheId: string
  negotiationId: string
  visibility: ThreadVisibility
  organisationId: string
  authorUserId: string
  section: string | null
  anchorStart: string
  anchorEnd: string
  quote: string
}

export interface NewComment {
  id: string
  threadId: string
  authorUserId: string
  organisationId: string
  body: string
}

function threads(db: Kysely<DB>) {
  return db.selectFrom('threads')
    .innerJoin('organisations', 'organisations.id', 'threads.organisation_id')
    .innerJoin('users as author', 'author.id', 'threads.author_user_id')
    .leftJoin('users as resolver', 'resolver.id', 'threads.resolved_by_user_id')
    .select([
      'threads.id', 'threads.fiche_id', 'threads.negotiation_id', 'threads.visibility', 'threads.organisation_id',
      'organisations.name as organisation_name', 'threads.author_user_id', 'author.name as author_name', 'threads.section',
      'threads.anchor_start', 'threads.anchor_end', 'threads.quote', 'threads.resolved_at', 'resolver.name as resolved_by_name',
      'threads.created_at', 'threads.updated_at',
    ])
}

/** The threads of a fiche that `readerOrganisationId` may see, oldest first. */
export async function listVisibleThreads(db: Kysely<DB>, ficheId: string, readerOrganisationId: string): Promise<ThreadRow[]> {
  return threads(db)
    .where('threads.fiche_id', '=', ficheId)
    .where((eb) => eb.or([eb('threads.visibility', '=', 'negotiation'), eb('threads.organisation_id', '=', readerOrganisationId)]))
    .orderBy('threads.created_at').orderBy('threads.id')
    .execute() as Promise<ThreadRow[]>
}

/** One thread, or undefined when it does not exist or `readerOrganisationId` may not see it. */
export async function findVisibleThread(db: Kysely<DB>, threadId: string, readerOrganisationId: string): Promise<ThreadRow | undefined> {
  return threads(db)
    .where('threads.id', '=', threadId)
    .where((eb) => eb.or([eb('threads.visibility', '=', 'negotiation'), eb('threads.organisation_id', '=', readerOrganisationId)]))
    .executeTakeFirst() as Promise<ThreadRow | undefined>
}

export async function insertThread(db: Kysely<DB>, t: NewThread): Promise<void> {
  await db.insertInto('threads').values({
    id: t.id, fiche_id: t.ficheId, negotiation_id: t.negotiationId, visibility: t.visibility, organisation_id: t.organisationId,
    author_user_id: t.authorUserId, section: t.section, anchor_start: t.anchorStart, anchor_end: t.anchorEnd, quote: t.quote,
    updated_at: new Date(),
  }).execute()
}

export async function setThreadResolved(db: Kysely<DB>, threadId: string, byUserId: string | null): Promise<void> {
  await db.updateTable('threads')
    .set({ resolved_at: byUserId ? new Date() : null, resolved_by_user_id: byUserId, updated_at: new Date() })
    .where('id', '=', threadId).execute()
}

export async function touchThread(db: Kysely<DB>, threadId: string): Promise<void> {
  await db.updateTable('threads').set({ updated_at: new Date() }).where('id', '=', threadId).execute()
}

export async function listComments(db: Kysely<DB>, threadIds: string[]): Promise<CommentRow[]> {
  if (threadIds.length === 0) return []
  return db.selectFrom('thread_comments')
    .innerJoin('users', 'users.id', 'thread_comments.author_user_id')
    .innerJoin('organisations', 'organisations.id', 'thread_comments.organisation_id')
    .select([
      'thread_comments.id', 'thread_comments.thread_id', 'thread_comments.author_user_id', 'users.name as author_name',
      'thread_comments.organisation_id', 'organisations.name as organisation_name', 'thread_comments.body',
      'thread_comments.created_at', 'thread_comments.edited_at', 'thread_comments.deleted_at',
    ])
    .where('thread_comments.thread_id', 'in', threadIds)
    .orderBy('thread_comments.created_at').orderBy('thread_comments.id')
    .execute()
}

export async function findComment(db: Kysely<DB>, commentId: string): Promise<{ id: string; thread_id: string; author_user_id: string; deleted_at: Date | null } | undefined> {
  return db.selectFrom('thread_comments').select(['id', 'thread_id', 'author_user_id', 'deleted_at']).where('id', '=', commentId).executeTakeFirst()
}

export async function insertComment(db: Kysely<DB>, c: NewComment): Promise<void> {
  await db.insertInto('thread_comments').values({
    id: c.id, thread_id: c.threadId, author_user_id: c.authorUserId, organisation_id: c.organisationId, body: c.body,
  }).execute()
}

export async function updateCommentBody(db: Kysely<DB>, commentId: string, body: string): Promise<void> {
  await db.updateTable('thread_comments').set({ body, edited_at: new Date() }).where('id', '=', commentId).execute()
}

/** A deleted comment keeps its place in the thread (« Commentaire supprimé ») but not its words. */
export async function markCommentDeleted(db: Kysely<DB>, commentId: string): Promise<void> {
  await db.updateTable('thread_comments').set({ body: '', deleted_at: new Date() }).where('id', '=', commentId).execute()
}

/** Open and total visible threads per fiche of a branch of a negotiation. */
export async function countVisibleThreads(
  db: Kysely<DB>, negotiationId: string, proposalId: string | null, readerOrganisationId: string,
): Promise<{ fiche_id: string; open: number; total: number }[]> {
  let q = db.selectFrom('threads')
    .innerJoin('fiches', 'fiches.id', 'threads.fiche_id')
    .select([
      'threads.fiche_id',
      sql<number>`count(*) filter (where threads.resolved_at is null)`.as('open'),
      sql<number>`count(*)`.as('total'),
    ])
    .where('threads.negotiation_id', '=', negotiationId)
    .where((eb) => eb.or([eb('threads.visibility', '=', 'negotiation'), eb('threads.organisation_id', '=', readerOrganisationId)]))
  q = proposalId === null ? q.where('fiches.proposal_id', 'is', null) : q.where('fiches.proposal_id', '=', proposalId)
  const rows = await q.groupBy('threads.fiche_id').execute()
  return rows.map((r) => ({ fiche_id: r.fiche_id, open: Number(r.open), total: Number(r.total) }))
}
