/**
 * The inline redline: the newer wording with deletions struck and
 * insertions underlined in place, fiche by fiche, after the summary.
 * Returns an HTML fragment (or a whole page with `document: true`);
 * class names are documented in docs/diff.md and styled by `REDLINE_CSS`.
 */
import type { BlockChange, ChangeSet, FicheChange, FieldChange, PartChange, SectionChange } from '../change-set.ts'
import { FICHE_STATUS_LABELS, ficheHeading, typographyFoldLine, visibleFiches } from './common.ts'
import { blockHtml, escapeHtml, fieldHtml, summaryHtml } from './html.ts'
import { REDLINE_CSS } from './styles.ts'

export interface InlineHtmlOptions {
  /** Also show unchanged fiches (their title only when the change set has no content for them). */
  includeUnchanged?: boolean
  /** Also show unchanged sections of modified fiches (default true: context matters). */
  showUnchangedSections?: boolean
  /** Wrap in a complete HTML page with the default stylesheet. */
  document?: boolean
  title?: string
  /** Typography-only fiches on one line instead of one article each. */
  foldTypography?: boolean
}

function fieldsAndBlocks(fields: readonly FieldChange[], blocks: readonly BlockChange[]): string {
  const f = fields.length > 0 ? `<ul class="pt-fields">${fields.map((x) => fieldHtml(x)).join('')}</ul>` : ''
  return f + blocks.map((b) => blockHtml(b)).join('')
}

function sectionHtml(s: SectionChange): string {
  return `<section class="pt-section pt-section-${s.section} pt-status-${s.status}"><h4>${escapeHtml(s.label)}</h4>${fieldsAndBlocks(s.fields, s.blocks)}</section>`
}

function partHtml(p: PartChange): string {
  return `<section class="pt-part pt-part-${p.part} pt-status-${p.status}"><h3>${escapeHtml(p.label)}</h3>${fieldsAndBlocks(p.fields, p.blocks)}</section>`
}

export function ficheHtml(f: FicheChange, showUnchangedSections = true): string {
  const classes = ['pt-fiche', `pt-fiche-${f.status}`]
  if (f.moved) classes.push('pt-moved')
  const badge = `<span class="pt-badge">${FICHE_STATUS_LABELS[f.status]}${f.moved && f.status !== 'moved' ? ', déplacée' : ''}</span>`
  const sections = f.sections
    .filter((s) => showUnchangedSections || s.status !== 'unchanged')
    .filter((s) => s.fields.length > 0 || s.blocks.length > 0)
    .map(sectionHtml)
    .join('')
  const id = escapeHtml(f.newerId ?? f.olderId ?? '')
  return `<article class="${classes.join(' ')}" data-fiche-id="${id}"><h3 class="pt-fiche-title">${escapeHtml(ficheHeading(f))}${badge}</h3>${sections}</article>`
}

export function renderInlineHtml(cs: ChangeSet, options: InlineHtmlOptions = {}): string {
  const parts = cs.parts.filter((p) => p.status !== 'unchanged').map(partHtml).join('')
  const foldLine = options.foldTypography ? typographyFoldLine(cs) : null
  const fold = foldLine ? `<p class="pt-note pt-typography-fold">${escapeHtml(foldLine)}</p>` : ''
  const fiches = fold + visibleFiches(cs, options.includeUnchanged, options.foldTypography).map((f) => ficheHtml(f, options.showUnchangedSections ?? true)).join('')
  const body = `<div class="pt-redline">${summaryHtml(cs)}${parts}${fiches}</div>`
  if (!options.document) return body
  const title = escapeHtml(options.title ?? 'Comparaison de versions')
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${title}</title><style>${REDLINE_CSS}</style></head><body><h1>${title}</h1>${body}</body></html>`
}
