/**
 * The tableau des amendements as a printable HTML page (A4 landscape,
 * header row repeated): fiche by fiche, one row per amended paragraph or
 * proposed field value, with the current wording (words proposed for
 * deletion struck), the wording if every amendment were accepted (proposed
 * words underlined) and who proposes it (organisation, author, time). Every
 * text goes through `escapeHtml`.
 */
import { blockText, formatDateTime, proposersOf, type AmendedBlock, type AmendedField, type AmendedFiche, type AmendmentBy, type AmendmentTableau } from './amendments-model.ts'
import { escapeHtml } from './html.ts'
import { TABLEAU_CSS } from './styles.ts'

const AMENDMENT_CSS = `
td.pt-proposers ul { margin: 0; padding-left: 1em; }
td.pt-proposers .pt-org { font-weight: 600; }
td.pt-proposers .pt-when { color: #555; font-size: .9em; }
`

const valueText = (v: string | number | null): string => (v === null || v === '' ? '(aucun)' : String(v))

function runsHtml(b: AmendedBlock, side: 'current' | 'proposed'): string {
  let out = ''
  for (const r of b.runs) {
    if ((side === 'current' && r.op === 'ins') || (side === 'proposed' && r.op === 'del')) continue
    const text = escapeHtml(r.text).replace(/\n/g, '<br>')
    if (r.op === 'equal') out += text
    else {
      const who = r.by[0]
      const title = who ? ` title="${escapeHtml(`${who.organisation}${who.author ? ` — ${who.author}` : ''}, ${formatDateTime(who.date)}`)}" data-author="${escapeHtml(who.organisation)}"` : ''
      out += `<${r.op} class="pt-${r.op}"${title}>${text}</${r.op}>`
    }
  }
  return out
}

function blockHtml(b: AmendedBlock, side: 'current' | 'proposed'): string {
  if (blockText(b, side) === '') return '<p class="pt-block pt-empty">—</p>'
  const kind = b.kind === 'item' ? 'pt-item' : b.kind === 'groupTitle' || b.kind === 'intitule' ? 'pt-group-title' : 'pt-paragraph'
  const indent = b.depth > 0 ? ` style="margin-left:${(b.depth * 1.5).toFixed(1)}em"` : ''
  return `<p class="pt-block ${kind}"${indent}>${runsHtml(b, side)}</p>`
}

function proposersHtml(list: readonly AmendmentBy[]): string {
  const items = list.map((b) =>
    `<li><span class="pt-org">${escapeHtml(b.organisation)}</span>${b.author ? ` — ${escapeHtml(b.author)}` : ''}` +
    `${b.date ? ` <span class="pt-when">(${escapeHtml(formatDateTime(b.date))})</span>` : ''}</li>`)
  return `<td class="pt-proposers"><ul>${items.join('')}</ul></td>`
}

function fieldRow(label: string, f: AmendedField): string {
  const name = escapeHtml(f.label)
  return `<tr class="pt-classement" data-field="${escapeHtml(f.field)}"><th scope="row">${escapeHtml(label)}</th>` +
    `<td class="pt-old">${name} : <del class="pt-del">${escapeHtml(valueText(f.old))}</del></td>` +
    `<td class="pt-new">${name} : <ins class="pt-ins" data-author="${escapeHtml(f.by.organisation)}">${escapeHtml(valueText(f.new))}</ins></td>` +
    `${proposersHtml([f.by])}</tr>`
}

function ficheRows(f: AmendedFiche): string {
  const n = f.amendments.length
  let out = `<tr class="pt-fiche-row" data-fiche-id="${escapeHtml(f.ficheId)}"><th colspan="4">${escapeHtml(f.heading)}` +
    `<span class="pt-badge">${n} amendement${n > 1 ? 's' : ''}</span></th></tr>`
  for (const s of f.sections) {
    for (const field of s.fields) out += fieldRow(s.label, field)
    for (const b of s.blocks) {
      out += `<tr><th scope="row">${escapeHtml(s.label)}</th><td class="pt-old">${blockHtml(b, 'current')}</td>` +
        `<td class="pt-new">${blockHtml(b, 'proposed')}</td>${proposersHtml(proposersOf([b], []))}</tr>`
    }
  }
  return out
}

export interface AmendmentTableauHtmlOptions {
  /** Only the `<div class="pt-redline pt-tableau-page">`, to embed in a page that has the styles. */
  fragment?: boolean
}

export function renderAmendmentTableauHtml(t: AmendmentTableau, options: AmendmentTableauHtmlOptions = {}): string {
  const fiches = t.fiches.filter((f) => f.sections.length > 0)
  const count = fiches.reduce((n, f) => n + f.amendments.length, 0)
  const orgs = [...new Set(fiches.flatMap((f) => f.amendments.map((a) => a.organisation)))]
  const summary = count === 0
    ? '<p>Aucun amendement en attente.</p>'
    : `<p>${count} amendement${count > 1 ? 's' : ''} en attente sur ${fiches.length} fiche${fiches.length > 1 ? 's' : ''}, proposé${count > 1 ? 's' : ''} par ${escapeHtml(orgs.join(', '))}.</p>`
  const body = fiches.map(ficheRows).join('') || '<tr><td colspan="4">Aucun amendement en attente.</td></tr>'
  const table = `<table class="pt-tableau pt-amendements"><colgroup><col class="pt-col-section"><col><col><col style="width:18%"></colgroup>` +
    `<thead><tr><th>Section</th><th>Rédaction actuelle</th><th>Rédaction si tous les amendements sont acceptés</th><th>Proposé par</th></tr></thead>` +
    `<tbody>${body}</tbody></table>`
  const subtitle = `<p class="pt-subtitle">Texte en cours au ${escapeHtml(formatDateTime(t.at))}</p>`
  const content = `<section class="pt-summary"><h2>Résumé</h2>${summary}</section>${table}`
  if (options.fragment) return `<div class="pt-redline pt-tableau-page">${subtitle}${content}</div>`
  const title = escapeHtml(t.title)
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${title}</title><style>${TABLEAU_CSS}${AMENDMENT_CSS}</style></head>` +
    `<body class="pt-redline"><h1>${title}</h1>${subtitle}${content}</body></html>`
}
