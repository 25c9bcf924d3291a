/** Negotiation routes: list, create, detail, members. */
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppContext } from '../context.ts'
import { ROLES } from '../db/schema.ts'
import { readJson } from '../http/body.ts'
import { listOrganisations } from '../repos/organisation.repo.ts'
import { requireUser } from '../http/auth.ts'
import { auditTrail, createNegotiation, listForCaller, negotiationDetail, negotiationJson, removeMember, setMember } from '../services/negotiations.ts'

const createBody = z.strictObject({
  title: z.string().trim().min(1).max(300),
  idcc: z.string().trim().max(20).nullable().optional(),
})

const memberBody = z.strictObject({
  organisation: z.string().trim().min(1).max(200),
  role: z.enum(ROLES as ['chair', 'editor', 'commenter', 'viewer']),
})

export function negotiationRoutes(ctx: AppContext): Hono {
  const app = new Hono()

  // Every organisation of the instance (names and kinds are public among users): what a chair picks from to add a member.
  app.get('/organisations', async (c) => {
    await requireUser(ctx, c)
    return c.json({ organisations: await listOrganisations(ctx.database.db) })
  })

  app.get('/negotiations', async (c) => {
    const who = await requireUser(ctx, c)
    return c.json({ negotiations: await listForCaller(ctx, who) })
  })

  app.post('/negotiations', async (c) => {
    const who = await requireUser(ctx, c)
    const body = await readJson(c, createBody)
    const negotiation = await createNegotiation(ctx, who, body)
    return c.json({ negotiation: negotiationJson(negotiation, 'chair') }, 201)
  })

  app.get('/negotiations/:id', async (c) => {
    const who = await requireUser(ctx, c)
    return c.json({ negotiation: await negotiationDetail(ctx, who, c.req.param('id')) })
  })

  app.post('/negotiations/:id/members', async (c) => {
    const who = await requireUser(ctx, c)
    const body = await readJson(c, memberBody)
    return c.json({ member: await setMember(ctx, who, c.req.param('id'), body) }, 201)
  })

  app.delete('/negotiations/:id/members/:organisation', async (c) => {
    const who = await requireUser(ctx, c)
    await removeMember(ctx, who, c.req.param('id'), c.req.param('organisation'))
    return c.body(null, 204)
  })

  app.get('/negotiations/:id/audit', async (c) => {
    const who = await requireUser(ctx, c)
    return c.json({ events: await auditTrail(ctx, who, c.req.param('id')) })
  })

  return app
}
