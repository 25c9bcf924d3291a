/** Fiche routes: list a branch's fiches, create, read, replace, delete; the live text of a branch. */
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppContext } from '../context.ts'
import { readJson, readJsonValue } from '../http/body.ts'
import { requireUser } from '../http/auth.ts'
import { ANY_ROLE, requireNegotiationRole } from '../services/access.ts'
import { readBranchTexte, replaceTexteParts } from '../services/branch-content.ts'
import { branchOwner, createFiche, listBranchFiches, readFiche, removeFiche, replaceFiche } from '../services/fiches.ts'

const createBody = z.strictObject({
  intitule: z.string().max(500).optional(),
  fiche: z.unknown().optional(),
  proposalId: z.string().max(100).nullable().optional(),
})

export function ficheRoutes(ctx: AppContext): Hono {
  const app = new Hono()

  app.get('/negotiations/:id/fiches', async (c) => {
    const who = await requireUser(ctx, c)
    const fiches = await listBranchFiches(ctx, who, c.req.param('id'), c.req.query('proposal') ?? null)
    return c.json({ fiches })
  })

  app.post('/negotiations/:id/fiches', async (c) => {
    const who = await requireUser(ctx, c)
    const body = await readJson(c, createBody)
    return c.json({ fiche: await createFiche(ctx, who, c.req.param('id'), body) }, 201)
  })

  app.get('/negotiations/:id/texte', async (c) => {
    const who = await requireUser(ctx, c)
    const negotiationId = c.req.param('id')
    await requireNegotiationRole(ctx, who, negotiationId, ANY_ROLE)
    const proposalId = c.req.query('proposal') ?? null
    await branchOwner(ctx, negotiationId, proposalId)
    return c.json(await readBranchTexte(ctx, negotiationId, proposalId))
  })

  app.put('/negotiations/:id/texte', async (c) => {
    const who = await requireUser(ctx, c)
    const body = await readJsonValue(c)
    return c.json({ texte: await replaceTexteParts(ctx, who, c.req.param('id'), c.req.query('proposal') ?? null, body) })
  })

  app.get('/fiches/:id', async (c) => {
    const who = await requireUser(ctx, c)
    return c.json(await readFiche(ctx, who, c.req.param('id')))
  })

  app.put('/fiches/:id', async (c) => {
    const who = await requireUser(ctx, c)
    const body = await readJsonValue(c)
    return c.json({ fiche: await replaceFiche(ctx, who, c.req.param('id'), body) })
  })

  app.delete('/fiches/:id', async (c) => {
    const who = await requireUser(ctx, c)
    await removeFiche(ctx, who, c.req.param('id'))
    return c.body(null, 204)
  })

  return app
}
