/**
 * `POST /api/negotiations/:id/import`: the body is the source text itself
 * (text/plain, any corpus format; a larger body limit applies). Query
 * parameters: `family` (A|B|C|D, to skip detection), `fileName`, `proposal`.
 */
import { Hono } from 'hono'
import type { AppContext } from '../context.ts'
import { AppError } from '../errors.ts'
import { requireUser } from '../http/auth.ts'
import { importIntoNegotiation } from '../services/import.ts'

const FAMILIES = ['A', 'B', 'C', 'D'] as const

export function importRoutes(ctx: AppContext): Hono {
  const app = new Hono()

  app.post('/negotiations/:id/import', async (c) => {
    const who = await requireUser(ctx, c)
    const family = c.req.query('family')
    if (family !== undefined && !FAMILIES.includes(family as 'A')) {
      throw new AppError(400, 'famille_invalide', `Famille de format inconnue « ${family} » : attendu A, B, C ou D.`, ['family'])
    }
    const buffer = await c.req.arrayBuffer()
    let source: string
    try {
      source = new TextDecoder('utf-8', { fatal: true }).decode(buffer)
    } catch {
      // Extracted texts are sometimes Windows-1252: decode as such rather than refuse.
      source = new TextDecoder('windows-1252').decode(buffer)
    }
    const fileName = c.req.query('fileName')
    const outcome = await importIntoNegotiation(ctx, who, c.req.param('id'), source, {
      ...(family ? { family: family as 'A' | 'B' | 'C' | 'D' } : {}),
      ...(fileName ? { fileName } : {}),
      proposalId: c.req.query('proposal') ?? null,
    })
    return c.json(outcome, 201)
  })

  return app
}
