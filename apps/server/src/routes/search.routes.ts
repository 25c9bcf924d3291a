/** Full-text search route: `GET /api/negotiations/:id/search?q=…[&version=ID|all][&proposal=ID]`. */
import { Hono } from 'hono'
import type { AppContext } from '../context.ts'
import { requireUser } from '../http/auth.ts'
import { searchNegotiation } from '../services/search.ts'

export function searchRoutes(ctx: AppContext): Hono {
  const app = new Hono()
  app.get('/negotiations/:id/search', async (c) => {
    const who = await requireUser(ctx, c)
    return c.json(await searchNegotiation(ctx, who, c.req.param('id'), {
      q: c.req.query('q') ?? '',
      version: c.req.query('version'),
      proposalId: c.req.query('proposal') ?? null,
    }))
  })
  return app
}
