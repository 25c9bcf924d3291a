/**
 * `GET /api/diff?from=VERSION&to=VERSION|live&format=json|html|table|text|docx|table-docx[&ignoreTypography=1]`:
 * the redline between two versions (or a version and the live draft of its
 * branch). Same authorisation as reading the versions (a non-member gets
 * 404); each side's author is its version's organisation, dated with the
 * version. The diff itself is `@paritaire/diff`, pure; this only loads,
 * checks and picks the rendering.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import {
  diffTextes,
  renderDocx,
  renderInlineHtml,
  renderTableauDocx,
  renderTableauHtml,
  renderText,
  type VersionMeta,
} from '@paritaire/diff'
import type { Texte } from '@paritaire/schema'
import type { AppContext } from '../context.ts'
import { AppError } from '../errors.ts'
import { requireUser } from '../http/auth.ts'
import type { VersionRow } from '../repos/version.repo.ts'
import { readBranchTexte } from '../services/branch-content.ts'
import { loadVersion, versionTexte } from '../services/versions.ts'

export const DIFF_FORMATS = ['json', 'html', 'table', 'text', 'docx', 'table-docx'] as const

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

const query = z.object({
  from: z.string({ error: 'Indiquez la version de départ : ?from=ID.' }).trim().min(1, 'Indiquez la version de départ : ?from=ID.').max(100),
  to: z.string({ error: 'Indiquez la version d’arrivée : ?to=ID (ou to=live pour le brouillon en cours).' }).trim().min(1, 'Indiquez la version d’arrivée : ?to=ID (ou to=live).').max(100),
  format: z.enum(DIFF_FORMATS, { error: `Format inconnu. Formats possibles : ${DIFF_FORMATS.join(', ')}.` }).default('json'),
  ignoreTypography: z.enum(['0', '1', 'true', 'false'], { error: 'ignoreTypography vaut 1 ou 0.' }).optional(),
})

function metaOf(v: VersionRow): VersionMeta {
  return { organisation: v.org_name, date: v.created_at.toISOString(), label: `v${v.number} — ${v.label}`, versionId: v.id }
}

export function diffRoutes(ctx: AppContext): Hono {
  const app = new Hono()

  app.get('/diff', async (c) => {
    const who = await requireUser(ctx, c)
    const parsed = query.safeParse(c.req.query())
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      throw new AppError(400, 'parametre_invalide', issue.message, issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)))
    }
    const q = parsed.data
    const from = await loadVersion(ctx, who, q.from)
    const older = await versionTexte(ctx, q.from)
    let newer: Texte
    let newerMeta: VersionMeta
    if (q.to === 'live') {
      newer = (await readBranchTexte(ctx, from.version.negotiation_id, from.version.proposal_id)).texte
      newerMeta = { organisation: null, date: new Date().toISOString(), label: 'Brouillon en cours' }
    } else {
      const to = await loadVersion(ctx, who, q.to)
      newer = await versionTexte(ctx, q.to)
      newerMeta = metaOf(to.version)
    }
    const cs = diffTextes(older, newer, {
      ignoreTypography: q.ignoreTypography === '1' || q.ignoreTypography === 'true',
      olderMeta: metaOf(from.version),
      newerMeta,
      includeUnchanged: q.format === 'docx',
    })
    const title = `Comparaison : ${cs.older?.label ?? ''} → ${cs.newer?.label ?? ''}`
    const fileName = `comparaison-${from.version.number}-${q.to === 'live' ? 'brouillon' : (cs.newer?.label ?? '').match(/^v(\d+)/)?.[1] ?? 'version'}`
    switch (q.format) {
      case 'json':
        return c.json(cs)
      case 'html':
        return c.html(renderInlineHtml(cs, { document: true, title }))
      case 'table':
        return c.html(renderTableauHtml(cs, { comments: true, title: 'Tableau comparatif' }))
      case 'text':
        return c.text(renderText(cs))
      case 'docx':
      case 'table-docx': {
        const bytes = q.format === 'docx' ? await renderDocx(cs, { title, includeUnchanged: true }) : await renderTableauDocx(cs, { comments: true, title: 'Tableau comparatif' })
        return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
          'content-type': DOCX_TYPE,
          'content-disposition': `attachment; filename="${fileName}${q.format === 'table-docx' ? '-tableau' : ''}.docx"`,
        })
      }
    }
  })

  return app
}
