/** Proposal routes: list the negotiation's proposals, start one from a version, bring one back into the common text. */
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppContext } from '../context.ts'
import { readJson } from '../http/body.ts'
import { requireUser } from '../http/auth.ts'
import { createProposal, listNegotiationProposals } from '../services/proposals.ts'
import { bringBackProposal } from '../services/bring-back.ts'

const createBody = z.strictObject({
  fromVersionId: z.string().min(1).max(100),
  label: z.string().trim().min(1).max(300),
})

export function proposalRoutes(ctx: AppContext): Hono {
  const app = new Hono()

  app.get('/negotiations/:id/proposals', async (c) => {
    const who = await requireUser(ctx, c)
    return c.json({ proposals: await listNegotiationProposals(ctx, who, c.req.param('id')) })
  })

  app.post('/negotiations/:id/proposals', async (c) => {
    const who = await requireUser(ctx, c)
    const body = await readJson(c, createBody)
    return c.json({ proposal: await createProposal(ctx, who, c.req.param('id'), body) }, 201)
  })

  // The proposal's differences from its base become pending amendments of its organisation on the common text.
  app.post('/proposals/:id/bring-back', async (c) => {
    const who = await requireUser(ctx, c)
    return c.json(await bringBackProposal(ctx, who, c.req.param('id')))
  })

  return app
}
