/**
 * HTML pieces shared by the inline redline and the tableau comparatif:
 * escaping (every text goes through `escapeHtml`, nothing from a fiche is
 * ever trusted as markup), segments as `<ins>`/`<del>`, blocks and fields.
 */
import type { Author, BlockChange, ChangeSet, FieldChange, Segment } from '../change-set.ts'
import { classementLabel, comparisonTitle, formatDate, formatValue, summaryLines } from './common.ts'

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!)

const authorAttr = (a: Author | undefined): string =>
  a ? ` title="${escapeHtml(`${a.organisation}${a.date ? `, ${formatDate(a.date)}` : ''}`)}" data-author="${escapeHtml(a.organisation)}"` : ''

/**
 * Segments as HTML. `side` keeps one side only (the tableau's columns):
 * 'old' drops insertions, 'new' drops deletions.
 */
export function segmentsHtml(segments: readonly Segment[], author?: Author, side?: 'old' | 'new'): string {
  let out = ''
  for (const s of segments) {
    if (side === 'old' && s.op === 'ins') continue
    if (side === 'new' && s.op === 'del') continue
    // The old side prints the old wording as written, even where typography is ignored.
    const text = escapeHtml(side === 'old' && s.old !== undefined ? s.old : s.text)
    if (s.op === 'equal') out += text
    else {
      const tag = s.op
      const cls = `pt-${s.op}${s.minor ? ' pt-minor' : ''}`
      out += `<${tag} class="${cls}"${authorAttr(author)}>${text}</${tag}>`
    }
  }
  return out
}

export function blockHtml(b: BlockChange, side?: 'old' | 'new'): string {
  if (side === 'old' && (b.status === 'added' || (b.status === 'moved' && b.segments.every((g) => g.op === 'ins')))) return ''
  if (side === 'new' && (b.status === 'removed' || (b.status === 'moved' && b.segments.every((g) => g.op === 'del')))) return ''
  const kind = b.kind === 'item' ? 'pt-item' : b.kind === 'groupTitle' ? 'pt-group-title' : 'pt-paragraph'
  const classes = ['pt-block', kind, `pt-block-${b.status}`]
  if (b.status === 'moved') classes.push('pt-moved')
  if (b.replaced) classes.push('pt-replaced')
  const indent = b.depth > 0 ? ` style="margin-left:${(b.depth * 1.5).toFixed(1)}em"` : ''
  const move = b.status === 'moved' && side !== 'old' && b.from
    ? ` <span class="pt-move">(déplacé : ${escapeHtml(b.from)} → ${escapeHtml(b.to ?? '')})</span>`
    : ''
  return `<p class="${classes.join(' ')}"${indent}>${segmentsHtml(b.segments, b.author, side)}${move}</p>`
}

function valueHtml(f: FieldChange, which: 'old' | 'new'): string {
  const v = which === 'old' ? f.old : f.new
  const tag = which === 'old' ? 'del' : 'ins'
  if (v === null) return ''
  return `<${tag} class="pt-${tag}${f.minor ? ' pt-minor' : ''}"${authorAttr(f.author)}>${escapeHtml(formatValue(v))}</${tag}>`
}

/** One field change: "Coefficient : 150 → 155" (or a word redline for text fields). */
export function fieldHtml(f: FieldChange, side?: 'old' | 'new'): string {
  const isClassement = f.field.startsWith('classement.')
  const label = `${escapeHtml(f.label)}${f.key !== undefined ? ` « ${escapeHtml(f.key)} »` : ''}`
  let body: string
  if (f.segments && side === undefined) body = segmentsHtml(f.segments, f.author)
  else if (side === 'old') body = f.segments ? segmentsHtml(f.segments, f.author, 'old') : valueHtml(f, 'old') || '(aucun)'
  else if (side === 'new') body = f.segments ? segmentsHtml(f.segments, f.author, 'new') : valueHtml(f, 'new') || '(aucun)'
  else body = [valueHtml(f, 'old'), valueHtml(f, 'new')].filter(Boolean).join(' → ')
  const cls = `pt-field${isClassement ? ' pt-classement' : ''}${f.minor ? ' pt-minor' : ''}`
  return `<li class="${cls}" data-field="${escapeHtml(f.field)}">${label} : ${body}</li>`
}

export function summaryHtml(cs: ChangeSet): string {
  const items = summaryLines(cs).map((l) => `<li>${escapeHtml(l)}</li>`).join('')
  const rows = cs.classementChanges
    .map((c) =>
      `<tr class="pt-classement"><td>${escapeHtml(c.intitule)}</td><td>${escapeHtml(classementLabel(c))}</td>` +
      `<td><del class="pt-del">${escapeHtml(formatValue(c.old))}</del></td><td><ins class="pt-ins">${escapeHtml(formatValue(c.new))}</ins></td></tr>`)
    .join('')
  const table = rows
    ? `<h3>Changements de classement</h3><table class="pt-classement-table"><thead><tr><th>Fiche</th><th>Élément</th><th>Avant</th><th>Après</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p>Aucun changement de classement.</p>'
  const typo = cs.options.ignoreTypography ? '<p class="pt-note">Différences typographiques ignorées.</p>' : ''
  const fallback = cs.fallbacks > 0 ? `<p class="pt-note">${cs.fallbacks} passage(s) trop long(s) ou trop remanié(s) sont présentés comme remplacés en entier.</p>` : ''
  return `<section class="pt-summary"><h2>Résumé</h2><p>${escapeHtml(comparisonTitle(cs))}</p><ul>${items}</ul>${table}${typo}${fallback}</section>`
}
