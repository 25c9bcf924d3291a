/**
 * `GET /api/diff?from=VERSION|live&to=VERSION|live&format=json|html|table|text|docx|table-docx|pdf|grille|screen[&proposal=ID][&view=inline|tableau|grille][&ignoreTypography=1][&attribution=1][&threads=0]`:
 * the redline between two versions (or a version and the live draft of its
 * branch, or of `proposal`). `format=screen` is what the compare screen
 * shows: the change set and the chosen view's HTML in one answer, so the
 * browser never diffs itself. Same authorisation as reading the versions (a non-member gets
 * 404); each side's author is its version's organisation, dated with the
 * version; with `attribution=1`, each change goes to the organisation whose
 * version, between the two, introduced it (against `to=live`, the organisation
 * whose updates since the older version did, from the fiches' attributed
 * update logs); the `docx` redline carries the
 * branch's shared discussion threads as Word comments (`threads=0`: none). The diff itself is `@paritaire/diff`, pure; this only loads
 * and checks: the diff and its rendering run in the worker pool (off the
 * event loop, in turn with other users' jobs); a PDF is then printed by chromium.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import type { ChangeSet, ChainLink, VersionMeta } from '@paritaire/diff'
import type { Texte } from '@paritaire/schema'
import type { SessionIdentity } from '../auth/session.ts'
import type { AppContext } from '../context.ts'
import { AppError } from '../errors.ts'
import { requireUser } from '../http/auth.ts'
import { listVersions, type VersionRow } from '../repos/version.repo.ts'
import { readBranchTexte } from '../services/branch-content.ts'
import { branchOwner } from '../services/fiches.ts'
import { liveChains } from '../services/live-attribution.ts'
import { sharedThreadsForRedline } from '../services/thread-export.ts'
import { loadVersion, versionTexte } from '../services/versions.ts'
import { tableauPdf } from '../pdf/index.ts'
import { avenantRoutes, pdfOr503 } from './avenant.routes.ts'

export const DIFF_FORMATS = ['json', 'html', 'table', 'text', 'docx', 'table-docx', 'pdf', 'grille', 'screen'] as const

/** What the compare screen draws beside the summary (`format=screen`). */
export const SCREEN_VIEWS = ['inline', 'tableau', 'grille'] as const

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

const query = z.object({
  from: z.string({ error: 'Indiquez la version de départ : ?from=ID.' }).trim().min(1, 'Indiquez la version de départ : ?from=ID.').max(100),
  to: z.string({ error: 'Indiquez la version d’arrivée : ?to=ID (ou to=live pour le brouillon en cours).' }).trim().min(1, 'Indiquez la version d’arrivée : ?to=ID (ou to=live).').max(100),
  format: z.enum(DIFF_FORMATS, { error: `Format inconnu. Formats possibles : ${DIFF_FORMATS.join(', ')}.` }).default('json'),
  ignoreTypography: z.enum(['0', '1', 'true', 'false'], { error: 'ignoreTypography vaut 1 ou 0.' }).optional(),
  foldTypography: z.enum(['0', '1', 'true', 'false'], { error: 'foldTypography vaut 1 ou 0.' }).optional(),
  attribution: z.enum(['0', '1', 'true', 'false'], { error: 'attribution vaut 1 ou 0.' }).optional(),
  threads: z.enum(['0', '1', 'true', 'false'], { error: 'threads vaut 1 ou 0.' }).optional(),
  proposal: z.string().trim().min(1).max(100).optional(),
  view: z.enum(SCREEN_VIEWS, { error: `Vue inconnue. Vues possibles : ${SCREEN_VIEWS.join(', ')}.` }).default('inline'),
})

/** Longest chain of versions walked for attribution (each one is loaded and diffed). */
const MAX_CHAIN = 30

function metaOf(v: VersionRow): VersionMeta {
  return { organisation: v.org_name, date: v.created_at.toISOString(), label: `v${v.number} — ${v.label}`, versionId: v.id, person: v.user_name }
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
    const { from, older, newer, olderMeta, newerMeta, ficheIds } = await loadPair(ctx, who, q.from, q.to, q.proposal ?? null)
    const wantsAttribution = q.attribution === '1' || q.attribution === 'true'
    const attribute = wantsAttribution && q.to !== 'live' && q.from !== 'live'
    const chain = attribute ? await versionChain(ctx, from.version, q.to) : null
    // Against the live text, each change is credited from the fiches' attributed update logs.
    const live = wantsAttribution && q.to === 'live' && ficheIds
      ? await liveChains(ctx, older, olderMeta, from.version.created_at, newer, ficheIds)
      : []
    // The Word redline carries the shared threads as comments (never private notes), unless threads=0.
    const withThreads = q.format === 'docx' && q.threads !== '0' && q.threads !== 'false'
    const threads = withThreads ? await sharedThreadsForRedline(ctx, from.version.negotiation_id, from.version.proposal_id) : []
    const out = await ctx.workers.run(who.user.id, 'redline', {
      older, newer, olderMeta, newerMeta, chain, view: q.view,
      ignoreTypography: q.ignoreTypography === '1' || q.ignoreTypography === 'true',
      foldTypography: q.foldTypography === '1' || q.foldTypography === 'true',
      // The PDF prints the tableau from the change set.
      format: q.format === 'pdf' ? 'json' : q.format, title: '',
      ...(threads.length ? { threads } : {}),
      ...(live.length ? { liveChains: live } : {}),
    })
    const fileName = q.from === 'live' ? `comparaison-brouillon-${from.version.number}`
      : `comparaison-${from.version.number}-${q.to === 'live' ? 'brouillon' : out.newerLabel.match(/^v(\d+)/)?.[1] ?? 'version'}`
    if (out.kind === 'bytes') {
      return c.body(out.body as Uint8Array<ArrayBuffer>, 200, {
        'content-type': DOCX_TYPE,
        'content-disposition': `attachment; filename="${fileName}${q.format === 'table-docx' ? '-tableau' : ''}.docx"`,
      })
    }
    switch (q.format) {
      case 'json':
      case 'screen':
        return c.body(out.body, 200, { 'content-type': 'application/json; charset=UTF-8' })
      case 'text':
        return c.text(out.body)
      case 'grille':
        return c.body(out.body, 200, {
          'content-type': 'image/svg+xml; charset=utf-8',
          // The picture is data, not a page: no script runs in it even opened directly.
          'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
        })
      case 'pdf': {
        const cs = JSON.parse(out.body) as ChangeSet
        const bytes = await pdfOr503(() => tableauPdf(cs, 'Tableau comparatif'))
        return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${fileName}-tableau.pdf"` })
      }
      default:
        return c.html(out.body)
    }
  })

  // The avenant and version exports share this file's loading and access rules.
  app.route('/', avenantRoutes(ctx))
  return app
}

/**
 * The two sides of a comparison, with the same access rules everywhere
 * (diff, avenant): each version must be one the caller may read (404
 * otherwise). One side may be `live`, the current draft of a branch: of
 * `proposalId` when given (a proposal of the same negotiation, which every
 * member may read), else of the version's own branch. `from` is the version
 * the comparison is anchored on: the older one, or the newer when the older
 * side is the live draft.
 */
export async function loadPair(ctx: AppContext, who: SessionIdentity, fromId: string, toId: string, proposalId: string | null = null) {
  if (fromId === 'live' && toId === 'live') {
    throw new AppError(400, 'parametre_invalide', 'Comparez une version avec le brouillon en cours, ou deux versions : les deux côtés ne peuvent pas être le brouillon.', ['to'])
  }
  const olderIsLive = fromId === 'live'
  const from = await loadVersion(ctx, who, olderIsLive ? toId : fromId)
  const anchored = { texte: await versionTexte(ctx, from.version.id), meta: metaOf(from.version) }
  let other: { texte: Texte; meta: VersionMeta }
  let ficheIds: Record<string, string> | null = null
  if (olderIsLive || toId === 'live') {
    const negotiationId = from.version.negotiation_id
    if (proposalId) await branchOwner(ctx, negotiationId, proposalId)
    const branch = await readBranchTexte(ctx, negotiationId, proposalId ?? from.version.proposal_id)
    other = { texte: branch.texte, meta: { organisation: null, date: new Date().toISOString(), label: 'Brouillon en cours' } }
    ficheIds = branch.ficheIds
  } else {
    const to = await loadVersion(ctx, who, toId)
    other = { texte: await versionTexte(ctx, toId), meta: metaOf(to.version) }
  }
  const [older, newer] = olderIsLive ? [other, anchored] : [anchored, other]
  return {
    from, older: older.texte, newer: newer.texte, olderMeta: older.meta, newerMeta: newer.meta,
    // The live fiches' ids, for crediting changes against `to=live`.
    ficheIds: toId === 'live' ? ficheIds : null,
  }
}

/**
 * The versions from `from` to `to` following parent links (oldest first),
 * for "who proposed what"; 400 when `from` is not an ancestor of `to`.
 */
async function versionChain(ctx: AppContext, from: VersionRow, toId: string): Promise<ChainLink[]> {
  const rows = await listVersions(ctx.database.db, from.negotiation_id)
  const byId = new Map(rows.map((r) => [r.id, r]))
  const path: VersionRow[] = []
  for (let v = byId.get(toId); v; v = v.parent_id ? byId.get(v.parent_id) : undefined) {
    path.push(v)
    if (v.id === from.id) break
    if (path.length > MAX_CHAIN) {
      throw new AppError(400, 'chaine_trop_longue', `Attribution impossible : plus de ${MAX_CHAIN} versions séparent ces deux versions ; comparez des versions plus proches.`, ['attribution'])
    }
  }
  if (path[path.length - 1]?.id !== from.id) {
    throw new AppError(400, 'pas_un_ancetre', 'Attribution impossible : la version de départ n’est pas une ascendante de la version d’arrivée.', ['from'])
  }
  path.reverse()
  const chain: ChainLink[] = []
  for (const v of path) chain.push({ meta: metaOf(v), texte: await versionTexte(ctx, v.id) })
  return chain
}
