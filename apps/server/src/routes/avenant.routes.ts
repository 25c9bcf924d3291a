/**
 * Documents to sign and to read, from versions of a negotiation:
 * - `GET /api/avenant?from=VERSION&to=VERSION|live&format=json|text|html|docx|pdf|texte[&annexe=1][&numero=&date=&lieu=&accordDate=]`:
 *   the avenant drafted from the redline, its parties the negotiation's
 *   member organisations (employers, then unions); `annexe=1` attaches the
 *   tableau comparatif (HTML and PDF);
 * - `GET /api/versions/:id/export?format=pdf|docx`: one version as a PDF
 *   (title page, table of contents, « Page 3 sur 43 ») or a Word document
 *   (fiches as headings).
 * Same access rules as `/api/diff` (session, membership, 404 otherwise).
 * Without chromium, PDF answers 503 saying how to install it.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import {
  avenantToTexte, diffTextes, draftAvenantFrom, renderAvenantDocx, renderAvenantHtml, renderAvenantText, renderTableauHtml,
  renderTexteDocx, TABLEAU_CSS, type AvenantOptions,
} from '@paritaire/diff'
import type { AppContext } from '../context.ts'
import { AppError } from '../errors.ts'
import { requireUser } from '../http/auth.ts'
import { PdfUnavailableError, avenantPdf, textePdf } from '../pdf/index.ts'
import { listMembers } from '../repos/negotiation.repo.ts'
import { loadVersion, versionTexte, versionWithSignatures } from '../services/versions.ts'
import { loadPair } from './diff.routes.ts'

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
export const AVENANT_FORMATS = ['json', 'text', 'html', 'docx', 'pdf', 'texte'] as const

const flag = z.enum(['0', '1', 'true', 'false'], { error: 'annexe vaut 1 ou 0.' }).optional()
const short = (what: string) => z.string({ error: `${what} : texte attendu.` }).trim().max(200, `${what} : 200 caractères au plus.`).optional()
const avenantQuery = z.object({
  from: z.string({ error: 'Indiquez le texte en vigueur : ?from=ID.' }).trim().min(1, 'Indiquez le texte en vigueur : ?from=ID.').max(100),
  to: z.string({ error: 'Indiquez le texte convenu : ?to=ID (ou to=live).' }).trim().min(1, 'Indiquez le texte convenu : ?to=ID (ou to=live).').max(100),
  format: z.enum(AVENANT_FORMATS, { error: `Format inconnu. Formats possibles : ${AVENANT_FORMATS.join(', ')}.` }).default('json'),
  annexe: flag,
  numero: short('numero'),
  date: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'date : AAAA-MM-JJ attendu.').optional(),
  accordDate: short('accordDate'),
  lieu: short('lieu'),
  proposal: z.string().trim().min(1).max(100).optional(),
})

const exportQuery = z.object({
  format: z.enum(['pdf', 'docx'], { error: 'Format inconnu. Formats possibles : pdf, docx.' }).default('pdf'),
})

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new AppError(400, 'parametre_invalide', issue.message, issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)))
  }
  return parsed.data
}

/** PDF bytes, or a 503 saying how to get chromium. */
export async function pdfOr503(make: () => Promise<Uint8Array>): Promise<Uint8Array> {
  try {
    return await make()
  } catch (err) {
    if (err instanceof PdfUnavailableError) throw new AppError(503, 'pdf_indisponible', err.message)
    throw err
  }
}

const pdfHeaders = (name: string) => ({ 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${name}.pdf"` })
const ascii = (s: string): string => s.normalize('NFD').replace(/[^\w.-]+/g, '-').replace(/-+/g, '-').slice(0, 60)

export function avenantRoutes(ctx: AppContext): Hono {
  const app = new Hono()

  app.get('/avenant', async (c) => {
    const who = await requireUser(ctx, c)
    const q = parse(avenantQuery, c.req.query())
    const { from, older, newer, olderMeta, newerMeta } = await loadPair(ctx, who, q.from, q.to, q.proposal ?? null)
    const members = await listMembers(ctx.database.db, from.version.negotiation_id)
    const options: AvenantOptions = {
      numero: q.numero ?? null,
      date: q.date ?? null,
      accordDate: q.accordDate ?? null,
      lieu: q.lieu ?? null,
      parties: {
        employeurs: members.filter((m) => m.organisation.kind === 'employer').map((m) => m.organisation.name),
        salaries: members.filter((m) => m.organisation.kind === 'union').map((m) => m.organisation.name),
      },
    }
    const cs = diffTextes(older, newer, { olderMeta, newerMeta })
    const av = draftAvenantFrom(cs, older, newer, options)
    const annex = q.annexe === '1' || q.annexe === 'true'
    const name = `avenant-${from.version.number}-${q.to === 'live' ? 'brouillon' : ascii(newerMeta.label ?? 'version').replace(/^v(\d+).*/, '$1')}`
    switch (q.format) {
      case 'json': return c.json(av)
      case 'texte': return c.json(avenantToTexte(av))
      case 'text': return c.text(renderAvenantText(av))
      case 'html': {
        const annexHtml = annex ? `<style>${TABLEAU_CSS.replace(/@page[^}]*\}/g, '')}</style>${renderTableauHtml(diffTextes(older, newer, { olderMeta, newerMeta, ignoreTypography: true }), { fragment: true })}` : undefined
        return c.html(renderAvenantHtml(av, annexHtml ? { annexHtml } : {}))
      }
      case 'docx': {
        const bytes = await renderAvenantDocx(av)
        return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': DOCX_TYPE, 'content-disposition': `attachment; filename="${name}.docx"` })
      }
      case 'pdf': {
        const bytes = await pdfOr503(() => avenantPdf(av, annex ? diffTextes(older, newer, { olderMeta, newerMeta, ignoreTypography: true }) : null))
        return c.body(bytes as Uint8Array<ArrayBuffer>, 200, pdfHeaders(name))
      }
    }
  })

  app.get('/versions/:id/export', async (c) => {
    const who = await requireUser(ctx, c)
    const q = parse(exportQuery, c.req.query())
    const { version, negotiation } = await loadVersion(ctx, who, c.req.param('id'))
    const texte = await versionTexte(ctx, version.id)
    const name = `${ascii(negotiation.slug)}-v${version.number}`
    if (q.format === 'docx') {
      const bytes = await renderTexteDocx(texte, { title: `${negotiation.title} — v${version.number}` })
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': DOCX_TYPE, 'content-disposition': `attachment; filename="${name}.docx"` })
    }
    const json = await versionWithSignatures(ctx, version.id)
    const bytes = await pdfOr503(() => textePdf(texte, {
      negotiation: negotiation.title,
      idcc: negotiation.idcc,
      version: `v${version.number} — ${version.label}`,
      date: version.created_at.toISOString().slice(0, 10).split('-').reverse().join('/'),
      signatories: json.signatures.map((s) => s.organisation.name),
      chainHash: version.chain_hash,
    }))
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, pdfHeaders(name))
  })

  return app
}
