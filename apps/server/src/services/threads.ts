/**
 * Comment threads on a fiche: open one on a range (the editor's relative
 * positions, or a W3C `TextQuoteSelector` resolved here against the live
 * document), reply, edit or delete one's own comment, resolve and reopen,
 * and count them per fiche. Who may see a thread is decided in the
 * repository queries (shared, or private to the author's organisation); who
 * may act follows the roles: chair, editor and commenter comment, viewers
 * only read shared threads (a viewer's own organisation cannot write notes,
 * so it has none). Anchors are resolved against the live Y.Doc on every
 * read, so a thread reports where its words are now, or that they are gone.
 * Only shared threads go to the audit log, which every member reads.
 */
import * as Y from 'yjs'
import type { SectionName } from '@paritaire/schema'
import type { AppContext } from '../context.ts'
import type { Role, ThreadVisibility } from '../db/schema.ts'
import { AppError, forbidden, notFound } from '../errors.ts'
import { newId } from '../ids.ts'
import { findFicheState } from '../repos/fiche.repo.ts'
import type { SessionIdentity } from '../repos/session.repo.ts'
import {
  countVisibleThreads, findComment, findVisibleThread, insertComment, insertThread, listComments, listVisibleThreads,
  markCommentDeleted, setThreadResolved, touchThread, updateCommentBody, type CommentRow, type ThreadRow,
} from '../repos/thread.repo.ts'
import { syncServiceOf } from '../sync/service.ts'
import { ANY_ROLE, requireNegotiationRole, roleForFiche } from './access.ts'
import { audit } from './audit.ts'
import { branchOwner } from './fiches.ts'
import { publishThreadChange } from './thread-events.ts'
import { anchorFromQuote, isWellFormedAnchor, resolveAnchor, type EncodedAnchor, type TextQuoteSelector } from './thread-anchors.ts'

export const COMMENT_ROLES: readonly Role[] = ['chair', 'editor', 'commenter']
export const MAX_COMMENT_LENGTH = 5000

export interface CommentView {
  id: string
  author: { id: string; name: string }
  organisation: { id: string; name: string }
  body: string
  createdAt: string
  editedAt: string | null
  deleted: boolean
}

export interface ThreadView {
  id: string
  ficheId: string
  visibility: ThreadVisibility
  organisation: { id: string; name: string }
  author: { id: string; name: string }
  section: string | null
  anchor: EncodedAnchor
  /** The words when the thread was opened. */
  quote: string
  /** `deleted`: the words are gone from the fiche (« texte supprimé »); the thread stays. */
  anchorStatus: 'ok' | 'deleted'
  currentText: string
  resolved: boolean
  resolvedAt: string | null
  resolvedBy: string | null
  createdAt: string
  updatedAt: string
  comments: CommentView[]
}

export type AnchorInput = EncodedAnchor | TextQuoteSelector

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString())

/**
 * A comment body: trimmed, NFC, 1 to 5000 characters, no control characters
 * but line breaks and tabs. Rendered as text everywhere (never as HTML).
 */
export function checkCommentBody(raw: string, path: (string | number)[] = ['body']): string {
  const body = raw.normalize('NFC').replace(/\r\n?/g, '\n').trim()
  if (body === '') throw new AppError(400, 'commentaire_vide', 'Le commentaire est vide.', path)
  if (body.length > MAX_COMMENT_LENGTH) {
    throw new AppError(400, 'commentaire_trop_long', `Le commentaire dépasse ${MAX_COMMENT_LENGTH} caractères (${body.length}).`, path)
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/.test(body)) {
    throw new AppError(400, 'commentaire_caractere_interdit', 'Le commentaire contient un caractère de contrôle interdit.', path)
  }
  return body
}

/** Runs `use` on the fiche's current Y.Doc: the live one when sync runs, else the stored state. */
export async function withFicheDoc<T>(ctx: AppContext, ficheId: string, use: (doc: Y.Doc) => T): Promise<T> {
  const sync = syncServiceOf(ctx)
  if (sync) {
    return sync.manager.with(ficheId, async (live) => {
      if (!live) throw notFound('Fiche introuvable.')
      await live.catchUp(true)
      return use(live.live)
    })
  }
  const doc = new Y.Doc()
  try {
    const state = await findFicheState(ctx.database.db, ficheId)
    if (state) Y.applyUpdate(doc, state)
    return use(doc)
  } finally {
    doc.destroy()
  }
}

function commentView(c: CommentRow): CommentView {
  return {
    id: c.id,
    author: { id: c.author_user_id, name: c.author_name },
    organisation: { id: c.organisation_id, name: c.organisation_name },
    body: c.deleted_at ? '' : c.body,
    createdAt: iso(c.created_at)!,
    editedAt: iso(c.edited_at),
    deleted: c.deleted_at !== null,
  }
}

async function threadViews(ctx: AppContext, ficheId: string, rows: ThreadRow[]): Promise<ThreadView[]> {
  if (rows.length === 0) return []
  const comments = await listComments(ctx.database.db, rows.map((r) => r.id))
  const resolved = await withFicheDoc(ctx, ficheId, (doc) => rows.map((r) => resolveAnchor(doc, { start: r.anchor_start, end: r.anchor_end })))
  return rows.map((r, i) => ({
    id: r.id,
    ficheId: r.fiche_id,
    visibility: r.visibility,
    organisation: { id: r.organisation_id, name: r.organisation_name },
    author: { id: r.author_user_id, name: r.author_name },
    section: r.section,
    anchor: { start: r.anchor_start, end: r.anchor_end },
    quote: r.quote,
    anchorStatus: resolved[i]!.status,
    currentText: resolved[i]!.text,
    resolved: r.resolved_at !== null,
    resolvedAt: iso(r.resolved_at),
    resolvedBy: r.resolved_by_name,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    comments: comments.filter((c) => c.thread_id === r.id).map(commentView),
  }))
}

/** The caller's access to a fiche; 404 for non-members (and unknown fiches). */
export async function requireFicheAccess(ctx: AppContext, who: SessionIdentity, ficheId: string) {
  const access = await roleForFiche(ctx, ficheId, who.organisation.id)
  if (!access) throw notFound('Fiche introuvable.')
  return access
}

function requireCommentRole(role: Role): void {
  if (!COMMENT_ROLES.includes(role)) throw forbidden('Votre rôle dans cette négociation permet de lire les discussions, pas d’y écrire.')
}

export async function listThreads(ctx: AppContext, who: SessionIdentity, ficheId: string): Promise<ThreadView[]> {
  await requireFicheAccess(ctx, who, ficheId)
  return threadViews(ctx, ficheId, await listVisibleThreads(ctx.database.db, ficheId, who.organisation.id))
}

/** One thread as `who` may see it, or null (not visible, or not of this fiche). */
export async function visibleThread(ctx: AppContext, who: SessionIdentity, ficheId: string, threadId: string): Promise<ThreadView | null> {
  const row = await findVisibleThread(ctx.database.db, threadId, who.organisation.id)
  if (!row || row.fiche_id !== ficheId) return null
  return (await threadViews(ctx, ficheId, [row]))[0] ?? null
}

function isQuoteSelector(anchor: AnchorInput): anchor is TextQuoteSelector {
  return 'exact' in anchor
}

export async function openThread(
  ctx: AppContext, who: SessionIdentity, ficheId: string,
  input: { anchor: AnchorInput; body: string; visibility: ThreadVisibility },
): Promise<ThreadView> {
  const access = await requireFicheAccess(ctx, who, ficheId)
  requireCommentRole(access.role)
  const body = checkCommentBody(input.body)
  const placed = await withFicheDoc(ctx, ficheId, (doc) => {
    if (isQuoteSelector(input.anchor)) {
      const found = anchorFromQuote(doc, input.anchor)
      if (!found.ok) {
        throw found.reason === 'absent'
          ? new AppError(422, 'citation_introuvable', `Le passage « ${input.anchor.exact.slice(0, 80)} » est introuvable dans la section ${input.anchor.section} de la fiche.`, ['anchor', 'exact'])
          : new AppError(422, 'citation_ambigue', `Le passage « ${input.anchor.exact.slice(0, 80)} » apparaît ${found.matches} fois dans la section ${input.anchor.section} : précisez prefix ou suffix.`, ['anchor', 'exact'], { matches: found.matches })
      }
      return { anchor: found.anchor, quote: found.quote, section: input.anchor.section as SectionName | null }
    }
    if (!isWellFormedAnchor(input.anchor)) throw new AppError(400, 'ancre_invalide', 'L’ancre n’est pas une paire de positions relatives Yjs valide (base64).', ['anchor'])
    const resolved = resolveAnchor(doc, input.anchor)
    if (resolved.status !== 'ok') throw new AppError(422, 'ancre_introuvable', 'Le passage sélectionné n’existe pas (ou plus) dans la fiche.', ['anchor'])
    return { anchor: input.anchor, quote: resolved.text, section: resolved.section }
  })
  const id = newId()
  const db = ctx.database.db
  await db.transaction().execute(async (trx) => {
    await insertThread(trx, {
      id, ficheId, negotiationId: access.negotiationId, visibility: input.visibility, organisationId: who.organisation.id,
      authorUserId: who.user.id, section: placed.section, anchorStart: placed.anchor.start, anchorEnd: placed.anchor.end,
      quote: placed.quote.slice(0, 2000),
    })
    await insertComment(trx, { id: newId(), threadId: id, authorUserId: who.user.id, organisationId: who.organisation.id, body })
    if (input.visibility === 'negotiation') await audit(trx, who, 'thread.open', { negotiationId: access.negotiationId, type: 'thread', id, details: { ficheId } })
  })
  await publishThreadChange(ctx, { ficheId, threadId: id })
  return (await visibleThread(ctx, who, ficheId, id))!
}

/** The thread (visible to `who`) and the caller's role on its fiche; 404 otherwise. */
async function threadForAction(ctx: AppContext, who: SessionIdentity, threadId: string) {
  const row = await findVisibleThread(ctx.database.db, threadId, who.organisation.id)
  const access = row ? await roleForFiche(ctx, row.fiche_id, who.organisation.id) : null
  if (!row || !access) throw notFound('Discussion introuvable.')
  return { row, access }
}

export async function addComment(ctx: AppContext, who: SessionIdentity, threadId: string, raw: string): Promise<ThreadView> {
  const { row, access } = await threadForAction(ctx, who, threadId)
  requireCommentRole(access.role)
  const body = checkCommentBody(raw)
  await ctx.database.db.transaction().execute(async (trx) => {
    await insertComment(trx, { id: newId(), threadId, authorUserId: who.user.id, organisationId: who.organisation.id, body })
    await touchThread(trx, threadId)
  })
  await publishThreadChange(ctx, { ficheId: row.fiche_id, threadId })
  return (await visibleThread(ctx, who, row.fiche_id, threadId))!
}

export async function setResolved(ctx: AppContext, who: SessionIdentity, threadId: string, resolved: boolean): Promise<ThreadView> {
  const { row, access } = await threadForAction(ctx, who, threadId)
  requireCommentRole(access.role)
  if ((row.resolved_at !== null) === resolved) {
    throw new AppError(409, resolved ? 'deja_resolue' : 'deja_ouverte', resolved ? 'Cette discussion est déjà résolue.' : 'Cette discussion est déjà ouverte.')
  }
  await ctx.database.db.transaction().execute(async (trx) => {
    await setThreadResolved(trx, threadId, resolved ? who.user.id : null)
    if (row.visibility === 'negotiation') {
      await audit(trx, who, resolved ? 'thread.resolve' : 'thread.reopen', { negotiationId: row.negotiation_id, type: 'thread', id: threadId, details: { ficheId: row.fiche_id } })
    }
  })
  await publishThreadChange(ctx, { ficheId: row.fiche_id, threadId })
  return (await visibleThread(ctx, who, row.fiche_id, threadId))!
}

/** Edits (body given) or deletes (null) one of the caller's own comments. */
export async function changeOwnComment(ctx: AppContext, who: SessionIdentity, commentId: string, raw: string | null): Promise<ThreadView> {
  const comment = await findComment(ctx.database.db, commentId)
  if (!comment) throw notFound('Commentaire introuvable.')
  const { row, access } = await threadForAction(ctx, who, comment.thread_id).catch(() => { throw notFound('Commentaire introuvable.') })
  requireCommentRole(access.role)
  if (comment.author_user_id !== who.user.id) throw forbidden('Seul l’auteur d’un commentaire peut le modifier ou le supprimer.')
  if (comment.deleted_at) throw new AppError(409, 'commentaire_supprime', 'Ce commentaire a été supprimé.')
  const body = raw === null ? null : checkCommentBody(raw)
  await ctx.database.db.transaction().execute(async (trx) => {
    if (body === null) await markCommentDeleted(trx, commentId)
    else await updateCommentBody(trx, commentId, body)
    await touchThread(trx, comment.thread_id)
  })
  await publishThreadChange(ctx, { ficheId: row.fiche_id, threadId: comment.thread_id })
  return (await visibleThread(ctx, who, row.fiche_id, comment.thread_id))!
}

/** Open and total threads per fiche of a branch, as the caller may see them. */
export async function threadCounts(ctx: AppContext, who: SessionIdentity, negotiationId: string, proposalId: string | null) {
  await requireNegotiationRole(ctx, who, negotiationId, ANY_ROLE)
  await branchOwner(ctx, negotiationId, proposalId)
  const rows = await countVisibleThreads(ctx.database.db, negotiationId, proposalId, who.organisation.id)
  return Object.fromEntries(rows.map((r) => [r.fiche_id, { open: r.open, total: r.total }]))
}

