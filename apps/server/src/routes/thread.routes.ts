/**
 * Comment threads: list and open threads on a fiche, reply, edit or delete
 * one's own comment, resolve and reopen, counts per fiche, and the live
 * stream of changes (Server-Sent Events). Every answer is filtered by the
 * caller's organisation in the service; the stream re-reads each changed
 * thread as the caller before sending it, so a private note never reaches
 * another organisation's stream.
 */
import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { z } from 'zod'
import { SECTION_NAMES } from '@paritaire/schema'
import type { AppContext } from '../context.ts'
import { THREAD_VISIBILITIES } from '../db/schema.ts'
import { requireUser } from '../http/auth.ts'
import { readJson } from '../http/body.ts'
import { roleForFiche } from '../services/access.ts'
import { threadEvents } from '../services/thread-events.ts'
import {
  addComment, changeOwnComment, listThreads, MAX_COMMENT_LENGTH, openThread, requireFicheAccess, setResolved, threadCounts, visibleThread,
} from '../services/threads.ts'

const encoded = z.string().min(4).max(200)
const quote = z.string().min(1).max(2000)
const anchor = z.union([
  z.strictObject({ start: encoded, end: encoded }),
  z.strictObject({ type: z.literal('TextQuoteSelector').optional(), section: z.enum(SECTION_NAMES), exact: quote, prefix: quote.optional(), suffix: quote.optional() }),
])
const bodyText = z.string().max(MAX_COMMENT_LENGTH * 2)
const openBody = z.strictObject({ anchor, body: bodyText, visibility: z.enum(THREAD_VISIBILITIES as ['negotiation', 'organisation']) })
const commentBody = z.strictObject({ body: bodyText })

/** How often an idle stream sends a comment line, so proxies keep it open. */
const HEARTBEAT_MS = 20_000

export function threadRoutes(ctx: AppContext): Hono {
  const app = new Hono()

  app.get('/fiches/:id/threads', async (c) => {
    const who = await requireUser(ctx, c)
    return c.json({ threads: await listThreads(ctx, who, c.req.param('id')) })
  })

  app.post('/fiches/:id/threads', async (c) => {
    const who = await requireUser(ctx, c)
    const body = await readJson(c, openBody)
    return c.json({ thread: await openThread(ctx, who, c.req.param('id'), body) }, 201)
  })

  app.get('/fiches/:id/threads/events', async (c) => {
    const who = await requireUser(ctx, c)
    const ficheId = c.req.param('id')
    await requireFicheAccess(ctx, who, ficheId)
    const bus = await threadEvents(ctx)
    return streamSSE(c, async (stream) => {
      let queue = Promise.resolve()
      let done!: () => void
      const finished = new Promise<void>((resolve) => { done = resolve })
      const unsubscribe = bus.subscribe(ficheId, ({ threadId }) => {
        queue = queue.then(async () => {
          if (stream.aborted || stream.closed) return
          // Membership may have changed since the stream opened.
          if (!(await roleForFiche(ctx, ficheId, who.organisation.id))) return done()
          const thread = await visibleThread(ctx, who, ficheId, threadId)
          if (thread) await stream.writeSSE({ event: 'thread', id: `${threadId}:${thread.updatedAt}`, data: JSON.stringify(thread) })
        }).catch(() => {})
      })
      const heartbeat = setInterval(() => { void stream.write(': ping\n\n').catch(() => done()) }, HEARTBEAT_MS)
      stream.onAbort(() => done())
      const untrack = bus.track(() => done())
      await stream.writeSSE({ event: 'ready', data: '{}' })
      await finished
      clearInterval(heartbeat)
      untrack()
      unsubscribe()
    })
  })

  app.get('/negotiations/:id/thread-counts', async (c) => {
    const who = await requireUser(ctx, c)
    return c.json({ counts: await threadCounts(ctx, who, c.req.param('id'), c.req.query('proposal') ?? null) })
  })

  app.post('/threads/:id/comments', async (c) => {
    const who = await requireUser(ctx, c)
    const { body } = await readJson(c, commentBody)
    return c.json({ thread: await addComment(ctx, who, c.req.param('id'), body) }, 201)
  })

  app.post('/threads/:id/resolve', async (c) => {
    const who = await requireUser(ctx, c)
    return c.json({ thread: await setResolved(ctx, who, c.req.param('id'), true) })
  })

  app.post('/threads/:id/reopen', async (c) => {
    const who = await requireUser(ctx, c)
    return c.json({ thread: await setResolved(ctx, who, c.req.param('id'), false) })
  })

  app.patch('/comments/:id', async (c) => {
    const who = await requireUser(ctx, c)
    const { body } = await readJson(c, commentBody)
    return c.json({ thread: await changeOwnComment(ctx, who, c.req.param('id'), body) })
  })

  app.delete('/comments/:id', async (c) => {
    const who = await requireUser(ctx, c)
    return c.json({ thread: await changeOwnComment(ctx, who, c.req.param('id'), null) })
  })

  return app
}
