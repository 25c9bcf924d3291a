/** Lock routes: the chair locks (marks agreed) and unlocks a fiche of the common text or the whole text; members read the locks. */
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppContext } from '../context.ts'
import { readJson } from '../http/body.ts'
import { requireUser } from '../http/auth.ts'
import { listNegotiationLocks, removeLock, setLock } from '../services/locks.ts'

const lockBody = z.strictObject({ fiche: z.string().min(1).max(100).nullable() })

export function lockRoutes(ctx: AppContext): Hono {
  const app = new Hono()

  app.get('/negotiations/:id/locks', async (c) => {
    const who = await requireUser(ctx, c)
    return c.json({ locks: await listNegotiationLocks(ctx, who, c.req.param('id')) })
  })

  app.post('/negotiations/:id/locks', async (c) => {
    const who = await requireUser(ctx, c)
    const { fiche } = await readJson(c, lockBody)
    return c.json({ locks: await setLock(ctx, who, c.req.param('id'), fiche) }, 201)
  })

  app.post('/negotiations/:id/unlock', async (c) => {
    const who = await requireUser(ctx, c)
    const { fiche } = await readJson(c, lockBody)
    return c.json({ locks: await removeLock(ctx, who, c.req.param('id'), fiche) })
  })

  return app
}
