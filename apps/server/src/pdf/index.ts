/**
 * PDFs of the negotiation's documents — a version of the text, the tableau
 * comparatif (A4 landscape, column headers repeated), the avenant — made
 * from HTML by chromium (see browser.ts), hyphenated in French.
 */
import { TABLEAU_CSS, renderAvenantHtml, renderTableauHtml, type Avenant, type ChangeSet } from '@paritaire/diff'
import type { Texte } from '@paritaire/schema'
import { PAGE_FOOTER, TITLE_HEADER, htmlToPdf } from './browser.ts'
import { hyphenateHtml } from './hyphenate.ts'
import { texteHtml, type TexteCover } from './texte-html.ts'

export { PdfUnavailableError, closePdfBrowser, htmlToPdf, pdfAvailable } from './browser.ts'
export { hyphenateHtml } from './hyphenate.ts'
export { texteHtml, type TexteCover } from './texte-html.ts'

export function textePdf(t: Texte, cover: TexteCover): Promise<Uint8Array> {
  return htmlToPdf(hyphenateHtml(texteHtml(t, cover)), { headerTemplate: TITLE_HEADER, footerTemplate: PAGE_FOOTER })
}

export function tableauPdf(cs: ChangeSet, title = 'Tableau comparatif', extraBody = ''): Promise<Uint8Array> {
  const html = renderTableauHtml(cs, { comments: true, title })
  const withExtra = extraBody ? html.replace('</body>', `${extraBody}</body>`) : html
  return htmlToPdf(hyphenateHtml(withExtra), { landscape: true, headerTemplate: TITLE_HEADER, footerTemplate: PAGE_FOOTER })
}

export function avenantPdf(av: Avenant, annex: ChangeSet | null = null): Promise<Uint8Array> {
  const annexHtml = annex ? `<style>${TABLEAU_CSS.replace(/@page[^}]*\}/g, '')}</style>${renderTableauHtml(annex, { fragment: true })}` : undefined
  return htmlToPdf(hyphenateHtml(renderAvenantHtml(av, annexHtml ? { annexHtml } : {})), { headerTemplate: TITLE_HEADER, footerTemplate: PAGE_FOOTER })
}
