/**
 * `GET /api/negotiations/:id/amendments/tableau?format=html|docx`: the
 * tableau des amendements for the meeting — current wording, wording if
 * every pending amendment were accepted, who proposes it —, as a printable
 * HTML page or a Word document whose tracked changes are authored by the
 * proposing organisations. Any member may read it; a non-member gets 404.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppContext } from '../context.ts'
import { AppError } from '../errors.ts'
import { requireUser } from '../http/auth.ts'
import { amendmentTableau } from '../services/amendment-tableau.ts'

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
export const AMENDMENT_TABLEAU_FORMATS = ['html', 'docx'] as const

const query = z.object({
  format: z.enum(AMENDMENT_TABLEAU_FORMATS, { error: `Format inconnu. Formats possibles : ${AMENDMENT_TABLEAU_FORMATS.join(', ')}.` }).default('html'),
})

const ascii = (s: string): string => s.normalize('NFD').replace(/[^\w.-]+/g, '-').replace(/-+/g, '-').slice(0, 60)

export function amendmentTableauRoutes(ctx: AppContext): Hono {
  const app = new Hono()

  app.get('/negotiations/:id/amendments/tableau', async (c) => {
    const who = await requireUser(ctx, c)
    const parsed = query.safeParse(c.req.query())
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      throw new AppError(400, 'parametre_invalide', issue.message, issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)))
    }
    const { out, slug } = await amendmentTableau(ctx, who, c.req.param('id'), parsed.data.format)
    if (out.kind === 'bytes') {
      return c.body(out.body as Uint8Array<ArrayBuffer>, 200, {
        'content-type': DOCX_TYPE,
        'content-disposition': `attachment; filename="${ascii(slug)}-amendements.docx"`,
      })
    }
    return c.html(out.body)
  })

  return app
}
