/**
 * Amendment routes: a fiche's pending amendments and the decisions on them
 * (accept, reject — by who the negotiation allows —, withdraw — by the
 * proposing organisation), and the negotiation's « who decides » setting.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppContext } from '../context.ts'
import { AMENDMENT_DECIDERS } from '../db/schema.ts'
import { readJson } from '../http/body.ts'
import { requireUser } from '../http/auth.ts'
import { amendmentSettings, amendmentsOfFiche, decideAmendments, setAmendmentSettings, type Decision } from '../services/amendments.ts'

const decisionBody = z.strictObject({
  ids: z.array(z.string().min(1).max(200)).min(1).max(500).optional(),
  organisation: z.string().min(1).max(100).optional(),
})

const settingsBody = z.strictObject({ deciders: z.enum(AMENDMENT_DECIDERS as [string, ...string[]]) })

export function amendmentRoutes(ctx: AppContext): Hono {
  const app = new Hono()

  app.get('/fiches/:id/amendments', async (c) => {
    const who = await requireUser(ctx, c)
    return c.json(await amendmentsOfFiche(ctx, who, c.req.param('id')))
  })

  for (const decision of ['accept', 'reject', 'withdraw'] as const satisfies readonly Decision[]) {
    app.post(`/fiches/:id/amendments/${decision}`, async (c) => {
      const who = await requireUser(ctx, c)
      const body = await readJson(c, decisionBody)
      return c.json(await decideAmendments(ctx, who, c.req.param('id'), decision, body))
    })
  }

  app.get('/negotiations/:id/amendment-settings', async (c) => {
    const who = await requireUser(ctx, c)
    return c.json(await amendmentSettings(ctx, who, c.req.param('id')))
  })

  app.put('/negotiations/:id/amendment-settings', async (c) => {
    const who = await requireUser(ctx, c)
    const body = await readJson(c, settingsBody)
    return c.json(await setAmendmentSettings(ctx, who, c.req.param('id'), body.deciders as (typeof AMENDMENT_DECIDERS)[number]))
  })

  return app
}
