/**
 * The tableau comparatif: fiche by fiche, section by section, the current
 * wording (deletions struck) beside the proposed wording (insertions
 * underlined), who proposed each change (« Proposé par », when any change
 * is credited), with an optional comment column. A complete, printable HTML
 * page (A4 landscape, header row repeated on each page), summary first.
 */
import type { ChangeSet, FicheChange, FieldChange, BlockChange, PartChange, SectionChange } from '../change-set.ts'
import { FICHE_STATUS_LABELS, authorLine, ficheHeading, hasAuthors, rowAuthors, typographyFoldLine, visibleFiches } from './common.ts'
import { blockHtml, escapeHtml, fieldHtml, summaryHtml } from './html.ts'
import { TABLEAU_CSS } from './styles.ts'

export interface TableauHtmlOptions {
  /** Add the "Commentaires" column: `true` for an empty one, or comments by fiche id (newer id first). */
  comments?: boolean | Record<string, string>
  title?: string
  /** List unchanged fiches too (title row only). */
  includeUnchanged?: boolean
  /** Only the `<div class="pt-redline pt-tableau-page">` (summary and table), to embed in a page that has `TABLEAU_CSS`. */
  fragment?: boolean
  /** Typography-only fiches on one row instead of one block each. */
  foldTypography?: boolean
}

function side(fields: readonly FieldChange[], blocks: readonly BlockChange[], which: 'old' | 'new'): string {
  const f = fields.length > 0 ? `<ul class="pt-fields">${fields.map((x) => fieldHtml(x, which)).join('')}</ul>` : ''
  return f + blocks.map((b) => blockHtml(b, which)).join('')
}

/** Whether the « Proposé par » column is drawn (set per rendering: some change is credited). */
let proposers = false

/** « Proposé par »: who made or proposed the row's changes, visible (not only on hover). */
function proposersCell(fields: readonly FieldChange[], blocks: readonly BlockChange[]): string {
  if (!proposers) return ''
  const items = rowAuthors(fields, blocks).map((a) => `<li>${escapeHtml(authorLine(a))}</li>`).join('')
  return `<td class="pt-proposers">${items ? `<ul>${items}</ul>` : ''}</td>`
}

function row(label: string, fields: readonly FieldChange[], blocks: readonly BlockChange[], comment: string | null, highlight: boolean): string {
  const cls = highlight ? ' class="pt-classement"' : ''
  const commentCell = comment === null ? '' : `<td class="pt-comment">${escapeHtml(comment)}</td>`
  return `<tr${cls}><th scope="row">${escapeHtml(label)}</th><td class="pt-old">${side(fields, blocks, 'old')}</td><td class="pt-new">${side(fields, blocks, 'new')}</td>${proposersCell(fields, blocks)}${commentCell}</tr>`
}

function sectionRows(sections: readonly SectionChange[], f: FicheChange, comment: string | null): string {
  const shown = sections.filter((s) => s.status !== 'unchanged' || f.status === 'added' || f.status === 'removed')
    .filter((s) => s.fields.length > 0 || s.blocks.length > 0)
  if (shown.length === 0) {
    const note = f.moved ? 'Fiche déplacée dans le texte, sans changement de rédaction.' : 'Sans changement.'
    const c = comment === null ? '' : `<td class="pt-comment">${escapeHtml(comment)}</td>`
    return `<tr><th scope="row">—</th><td colspan="${proposers ? 3 : 2}">${escapeHtml(note)}</td>${c}</tr>`
  }
  return shown
    .map((s, i) => row(s.label, s.fields, s.blocks, i === 0 ? comment : comment === null ? null : '', s.section === 'classement' && s.fields.length > 0))
    .join('')
}

function commentFor(f: FicheChange, comments: TableauHtmlOptions['comments']): string | null {
  if (!comments) return null
  if (comments === true) return ''
  return comments[f.newerId ?? ''] ?? comments[f.olderId ?? ''] ?? ''
}

function partRows(parts: readonly PartChange[], withComments: boolean): string {
  return parts
    .filter((p) => p.status !== 'unchanged')
    .map((p) => row(p.label, p.fields, p.blocks, withComments ? '' : null, false))
    .join('')
}

export function renderTableauHtml(cs: ChangeSet, options: TableauHtmlOptions = {}): string {
  const withComments = !!options.comments
  proposers = hasAuthors(cs)
  const cols = (withComments ? 4 : 3) + (proposers ? 1 : 0)
  const title = escapeHtml(options.title ?? 'Tableau comparatif')
  const parts = partRows(cs.parts, withComments)
  const partsBlock = parts ? `<tr class="pt-fiche-row"><th colspan="${cols}">Dispositions générales</th></tr>${parts}` : ''
  const foldLine = options.foldTypography ? typographyFoldLine(cs) : null
  const fold = foldLine ? `<tr class="pt-typography-fold"><td colspan="${cols}">${escapeHtml(foldLine)}</td></tr>` : ''
  const fiches = fold + visibleFiches(cs, options.includeUnchanged, options.foldTypography)
    .map((f) => {
      const badge = `<span class="pt-badge">${FICHE_STATUS_LABELS[f.status]}${f.moved && f.status !== 'moved' ? ', déplacée' : ''}</span>`
      const head = `<tr class="pt-fiche-row pt-fiche-${f.status}" data-fiche-id="${escapeHtml(f.newerId ?? f.olderId ?? '')}"><th colspan="${cols}">${escapeHtml(ficheHeading(f))}${badge}</th></tr>`
      return head + (f.status === 'unchanged' ? '' : sectionRows(f.sections, f, commentFor(f, options.comments)))
    })
    .join('')
  const colgroup = `<colgroup><col class="pt-col-section"><col><col>${proposers ? '<col style="width:14%">' : ''}${withComments ? '<col style="width:18%">' : ''}</colgroup>`
  const thead = `<thead><tr><th>Section</th><th>Rédaction actuelle</th><th>Rédaction proposée</th>${proposers ? '<th>Proposé par</th>' : ''}${withComments ? '<th>Commentaires</th>' : ''}</tr></thead>`
  const empty = partsBlock || fiches ? '' : `<tr><td colspan="${cols}">Aucune différence entre les deux versions.</td></tr>`
  const content = `${summaryHtml(cs)}<table class="pt-tableau">${colgroup}${thead}<tbody>${partsBlock}${fiches}${empty}</tbody></table>`
  if (options.fragment) return `<div class="pt-redline pt-tableau-page">${content}</div>`
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${title}</title><style>${TABLEAU_CSS}</style></head><body class="pt-redline">` +
    `<h1>${title}</h1>${content}</body></html>`
}
