/**
 * « Historique de la fiche »: the fiche's changes grouped by person and
 * sitting, and the redline of one group (JSON change set and inline HTML,
 * every text escaped by the diff renderer). Members only (404 otherwise).
 */
import { Hono } from 'hono'
import type { AppContext } from '../context.ts'
import { AppError } from '../errors.ts'
import { requireUser } from '../http/auth.ts'
import { ficheHistory, sittingRedline } from '../services/history.ts'

export function historyRoutes(ctx: AppContext): Hono {
  const app = new Hono()

  app.get('/fiches/:id/history', async (c) => {
    const who = await requireUser(ctx, c)
    return c.json(await ficheHistory(ctx, who, c.req.param('id')))
  })

  app.get('/fiches/:id/history/:sitting', async (c) => {
    const who = await requireUser(ctx, c)
    const sitting = Number(c.req.param('sitting'))
    if (!Number.isSafeInteger(sitting) || sitting < 1) throw new AppError(400, 'seance_invalide', 'Identifiant de séance invalide (un entier positif).')
    return c.json(await sittingRedline(ctx, who, c.req.param('id'), sitting))
  })

  return app
}
