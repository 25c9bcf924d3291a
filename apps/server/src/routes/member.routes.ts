/**
 * Members managed from the negotiation page: the members panel, a chair
 * creating an organisation while adding it, changing a member's role, and
 * enrolling a person of a member organisation. Adding an existing
 * organisation and removing one stay in `negotiation.routes.ts`.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppContext } from '../context.ts'
import { ORGANISATION_KINDS, ROLES } from '../db/schema.ts'
import { readJson } from '../http/body.ts'
import { requireUser } from '../http/auth.ts'
import { changeMemberRole, createOrganisationAsMember, enrolPerson, membersPanel } from '../services/members.ts'

const role = z.enum(ROLES as ['chair', 'editor', 'commenter', 'viewer'])

const organisationBody = z.strictObject({
  name: z.string().trim().min(1, 'le nom de l’organisation est requis').max(200, 'le nom compte 200 caractères au plus')
    // Names appear in carets, badges and the avenant's list of parties: no control characters.
    .regex(/^[^\p{Cc}]+$/u, 'le nom contient un caractère de contrôle'),
  kind: z.enum(ORGANISATION_KINDS as ['union', 'employer', 'administration']),
  /** The negotiation it joins at once; its chair is who may create it. */
  negotiationId: z.string().min(1).max(100),
  role: role.default('viewer'),
})

const roleBody = z.strictObject({ role })

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

const personBody = z.strictObject({
  name: z.string().trim().min(1, 'le nom de la personne est requis').max(200).regex(/^[^\p{Cc}]+$/u, 'le nom contient un caractère de contrôle'),
  email: z.string().trim().max(320).regex(EMAIL, 'adresse électronique invalide'),
  password: z.string().min(8, 'le mot de passe initial compte au moins 8 caractères').max(1024),
})

export function memberRoutes(ctx: AppContext): Hono {
  const app = new Hono()

  app.post('/organisations', async (c) => {
    const who = await requireUser(ctx, c)
    const body = await readJson(c, organisationBody)
    return c.json(await createOrganisationAsMember(ctx, who, body), 201)
  })

  app.get('/negotiations/:id/members', async (c) => {
    const who = await requireUser(ctx, c)
    return c.json(await membersPanel(ctx, who, c.req.param('id')))
  })

  app.patch('/negotiations/:id/members/:organisation', async (c) => {
    const who = await requireUser(ctx, c)
    const body = await readJson(c, roleBody)
    return c.json({ member: await changeMemberRole(ctx, who, c.req.param('id'), c.req.param('organisation'), body.role) })
  })

  app.post('/negotiations/:id/members/:organisation/people', async (c) => {
    const who = await requireUser(ctx, c)
    const body = await readJson(c, personBody)
    return c.json(await enrolPerson(ctx, who, c.req.param('id'), c.req.param('organisation'), body), 201)
  })

  return app
}
