/** Version routes: list and create versions, read one, change status, sign, restore, verify the hash chain. */
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppContext } from '../context.ts'
import { VERSION_STATUSES } from '../db/schema.ts'
import { readJson } from '../http/body.ts'
import { requireUser } from '../http/auth.ts'
import {
  createVersion, listNegotiationVersions, loadVersion, restoreVersion, verifyChain, verifyNegotiationChain, versionDetail,
} from '../services/versions.ts'
import { changeStatus, signVersion } from '../services/workflow.ts'

const createBody = z.strictObject({
  label: z.string().trim().min(1).max(300),
  proposalId: z.string().max(100).nullable().optional(),
})
const statusBody = z.strictObject({ status: z.enum(VERSION_STATUSES as ['draft', 'proposal', 'agreed', 'signed', 'published']) })
const signBody = z.strictObject({ date: z.string().max(10).optional() })
const emptyBody = z.strictObject({})

export function versionRoutes(ctx: AppContext): Hono {
  const app = new Hono()

  app.get('/negotiations/:id/versions', async (c) => {
    const who = await requireUser(ctx, c)
    return c.json({ versions: await listNegotiationVersions(ctx, who, c.req.param('id')) })
  })

  app.post('/negotiations/:id/versions', async (c) => {
    const who = await requireUser(ctx, c)
    const body = await readJson(c, createBody)
    return c.json({ version: await createVersion(ctx, who, c.req.param('id'), body) }, 201)
  })

  app.get('/negotiations/:id/versions/verify', async (c) => {
    const who = await requireUser(ctx, c)
    return c.json(await verifyNegotiationChain(ctx, who, c.req.param('id')))
  })

  app.get('/versions/:id', async (c) => {
    const who = await requireUser(ctx, c)
    return c.json({ version: await versionDetail(ctx, who, c.req.param('id')) })
  })

  app.get('/versions/:id/verify', async (c) => {
    const who = await requireUser(ctx, c)
    const { version } = await loadVersion(ctx, who, c.req.param('id'))
    const check = await verifyChain(ctx, version.negotiation_id)
    // This version is sound when it and every ancestor check out.
    const byId = new Map(check.versions.map((v) => [v.id, v]))
    const rows = await listNegotiationVersions(ctx, who, version.negotiation_id)
    const parents = new Map(rows.map((r) => [r.id, r.parentId]))
    const lineage: string[] = []
    for (let id: string | null | undefined = version.id; id; id = parents.get(id)) lineage.push(id)
    const broken = lineage.find((id) => byId.get(id)?.ok === false) ?? null
    return c.json({ ok: broken === null, brokenAt: broken, versions: lineage.reverse().map((id) => byId.get(id)).filter(Boolean) })
  })

  app.post('/versions/:id/status', async (c) => {
    const who = await requireUser(ctx, c)
    const { status } = await readJson(c, statusBody)
    return c.json({ version: await changeStatus(ctx, who, c.req.param('id'), status) })
  })

  app.post('/versions/:id/signatures', async (c) => {
    const who = await requireUser(ctx, c)
    const body = await readJson(c, signBody)
    return c.json({ version: await signVersion(ctx, who, c.req.param('id'), body.date) }, 201)
  })

  app.post('/versions/:id/restore', async (c) => {
    const who = await requireUser(ctx, c)
    await readJson(c, emptyBody)
    return c.json({ version: await restoreVersion(ctx, who, c.req.param('id')) }, 201)
  })

  return app
}
