/**
 * Signature-circuit routes: the negotiation's representativeness (chair
 * writes, members read), a version's validity, the notification and
 * oppositions, and the ledger's public key (no session: anyone checking a
 * published text needs it).
 */
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppContext } from '../context.ts'
import { readJson } from '../http/body.ts'
import { requireUser } from '../http/auth.ts'
import { recordNotification, recordOpposition, versionValidity } from '../services/circuit.ts'
import { ledgerKey } from '../services/ledger-key.ts'
import { readRepresentativite, setRepresentativite } from '../services/representativite.ts'

const weightsBody = z.strictObject({
  weights: z.array(z.strictObject({
    organisation: z.string().trim().min(1).max(200),
    percent: z.number().min(0).max(100),
  })).max(50),
  source: z.string().trim().min(1).max(1000),
})
const notificationBody = z.strictObject({ date: z.string().max(10).optional() })
const oppositionBody = z.strictObject({ motif: z.string().trim().min(1).max(20000) })

export function circuitRoutes(ctx: AppContext): Hono {
  const app = new Hono()

  app.get('/negotiations/:id/representativite', async (c) => {
    const who = await requireUser(ctx, c)
    return c.json(await readRepresentativite(ctx, who, c.req.param('id')))
  })

  app.put('/negotiations/:id/representativite', async (c) => {
    const who = await requireUser(ctx, c)
    const body = await readJson(c, weightsBody)
    return c.json(await setRepresentativite(ctx, who, c.req.param('id'), body))
  })

  app.get('/versions/:id/validity', async (c) => {
    const who = await requireUser(ctx, c)
    return c.json(await versionValidity(ctx, who, c.req.param('id')))
  })

  app.post('/versions/:id/notification', async (c) => {
    const who = await requireUser(ctx, c)
    const body = await readJson(c, notificationBody)
    return c.json(await recordNotification(ctx, who, c.req.param('id'), body.date), 201)
  })

  app.post('/versions/:id/oppositions', async (c) => {
    const who = await requireUser(ctx, c)
    const body = await readJson(c, oppositionBody)
    return c.json(await recordOpposition(ctx, who, c.req.param('id'), body.motif), 201)
  })

  app.get('/ledger/key', (c) => {
    const key = ledgerKey(ctx.config.ledgerKeyFile)
    return c.json({ algorithm: 'Ed25519', keyId: key.keyId, publicKey: key.publicKeyPem })
  })

  return app
}
