/**
 * The table of contents of a public page: the fiches grouped by filière, in
 * text order, each a link to its article (`#fiche-<id>`), so that a reader
 * finds one job among a hundred without scrolling. Fiches before any
 * filière are listed first, under « Fiches ».
 */
import type { Texte } from '@paritaire/schema'
import { escapeHtml } from './render-html.ts'

export function tableOfContents(texte: Texte): string {
  if (texte.fiches.length === 0) return ''
  const groups: { filiere: string | null; links: string[] }[] = []
  for (const f of texte.fiches) {
    const filiere = f.denomination.filiere ?? null
    let group = groups.at(-1)
    if (!group || group.filiere !== filiere) groups.push((group = { filiere, links: [] }))
    const code = f.denomination.code ? ` <span class="code">${escapeHtml(f.denomination.code)}</span>` : ''
    group.links.push(`<li><a href="#fiche-${escapeHtml(f.id)}">${escapeHtml(f.denomination.intitule || 'Fiche sans intitulé')}</a>${code}</li>`)
  }
  const body = groups
    .map((g) => `<li><span class="sommaire-filiere">${escapeHtml(g.filiere ?? 'Fiches')}</span> (${g.links.length})<ul>${g.links.join('')}</ul></li>`)
    .join('')
  return `<nav class="sommaire" aria-label="Sommaire"><h2>Sommaire — ${texte.fiches.length} fiche${texte.fiches.length > 1 ? 's' : ''}</h2><ul>${body}</ul></nav>`
}

export const TOC_STYLE = `.sommaire ul{list-style:none;padding-left:1rem}.sommaire>ul{padding-left:0;columns:2 20rem}.sommaire-filiere{font-weight:bold}.sommaire li{break-inside:avoid}.sommaire .code{font-family:monospace;font-size:.8rem;color:#555}`
