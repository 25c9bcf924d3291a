/**
 * A version of a text as a printable page: a title page (negotiation,
 * IDCC, version, date, signatories, chain hash), a table of contents of the
 * fiches by filière (links into the document), then the text; each fiche is
 * a table whose header row is its title, which Chromium repeats at the top
 * of every page the fiche runs over — the running header of the fiche.
 * Pure; every text escaped.
 */
import { escapeHtml, ficheTitleLine, texteDocument, type DocParagraph } from '@paritaire/diff'
import type { Texte } from '@paritaire/schema'

export interface TexteCover {
  negotiation: string
  idcc: string | null
  version: string
  date: string | null
  signatories: string[]
  chainHash: string | null
}

const CSS = `
@page { size: A4; }
body { font: 10.5pt/1.42 "Liberation Serif", "Times New Roman", serif; color: #111; margin: 0; hyphens: manual; }
.cover { height: 245mm; display: flex; flex-direction: column; justify-content: center; break-after: page; }
.cover h1 { font-size: 20pt; margin: 0 0 .6em; }
.cover dl { display: grid; grid-template-columns: max-content 1fr; gap: .35em 1.2em; font-size: 11pt; }
.cover dt { font-weight: bold; }
.cover .hash { font: 8pt monospace; word-break: break-all; }
.toc { break-after: page; }
.toc h2 { font-size: 14pt; }
.toc h3 { font-size: 11pt; margin: .9em 0 .2em; }
.toc ol { margin: 0; padding-left: 1.4em; }
.toc a { color: inherit; text-decoration: none; }
h2.filiere { font-size: 14pt; border-bottom: 1px solid #333; margin: 1.2em 0 .4em; break-after: avoid; }
h2.part { font-size: 13pt; margin: 1.2em 0 .4em; }
table.fiche { width: 100%; border-collapse: collapse; margin: 0 0 1.2em; }
table.fiche thead th { text-align: left; font: 7.5pt sans-serif; color: #666; padding: 0 0 .4em; border-bottom: .5pt solid #bbb; }
table.fiche td { padding: 0; }
h3.fiche { font-size: 12pt; margin: .5em 0 .3em; break-after: avoid; }
h4 { font-size: 10.5pt; margin: .7em 0 .2em; text-transform: uppercase; letter-spacing: .03em; break-after: avoid; }
h5 { font-size: 10.5pt; margin: .5em 0 .1em; font-style: italic; }
p { margin: 0 0 .35em; text-align: justify; }
p.item { margin-left: 1.2em; text-indent: -.8em; }
`

function paragraphHtml(p: DocParagraph): string {
  const text = escapeHtml(p.segments.map((s) => s.text).join(''))
  switch (p.style) {
    case 'section': return `<h4>${text}</h4>`
    case 'group': return `<h5>${text}</h5>`
    case 'item': return `<p class="item" style="margin-left:${1.2 + p.depth * 1.2}em">– ${text}</p>`
    default: return `<p>${text}</p>`
  }
}

export function texteHtml(t: Texte, cover: TexteCover): string {
  const doc = texteDocument(t).filter((p) => p.segments.some((s) => s.text.trim() !== ''))
  const anchor = (id: string): string => `f-${escapeHtml(id).replace(/[^A-Za-z0-9_-]/g, '_')}`
  // Table of contents by filière.
  const toc: string[] = []
  let filiere: string | null | undefined
  t.fiches.forEach((f) => {
    if (f.denomination.filiere !== filiere) {
      if (filiere !== undefined) toc.push('</ol>')
      filiere = f.denomination.filiere
      toc.push(`<h3>${escapeHtml(filiere ? `Filière ${filiere}` : 'Sans filière')}</h3><ol>`)
    }
    toc.push(`<li><a href="#${anchor(f.id)}">${escapeHtml(ficheTitleLine(f))}</a></li>`)
  })
  if (filiere !== undefined) toc.push('</ol>')
  // Body: fiches wrapped in their running-title table.
  const body: string[] = []
  let open = false
  const close = (): void => {
    if (open) body.push('</td></tr></tbody></table>')
    open = false
  }
  for (const p of doc) {
    const text = escapeHtml(p.segments.map((s) => s.text).join(''))
    if (p.style === 'title') continue
    if (p.style === 'fiche') {
      close()
      body.push(`<table class="fiche" id="${anchor(p.ficheId ?? '')}"><thead><tr><th>${text}</th></tr></thead><tbody><tr><td><h3 class="fiche">${text}</h3>`)
      open = true
    } else if (p.style === 'filiere' || p.style === 'part') {
      close()
      body.push(`<h2 class="${p.style}">${text}</h2>`)
    } else body.push(paragraphHtml(p))
  }
  close()
  const row = (k: string, v: string | null): string => (v ? `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>` : '')
  const coverHtml = `<section class="cover"><h1>${escapeHtml(t.title || cover.negotiation)}</h1><dl>` +
    row('Négociation', cover.negotiation) + row('IDCC', cover.idcc ?? t.idcc) + row('Version', cover.version) + row('Date', cover.date) +
    row('Signataires', cover.signatories.length ? cover.signatories.join(', ') : 'aucune signature à ce jour') +
    (cover.chainHash ? `<dt>Empreinte</dt><dd class="hash">${escapeHtml(cover.chainHash)}</dd>` : '') + '</dl></section>'
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(t.title || cover.negotiation)}</title><style>${CSS}</style></head><body>` +
    `${coverHtml}<nav class="toc"><h2>Sommaire</h2>${toc.join('')}</nav>${body.join('')}</body></html>`
}
