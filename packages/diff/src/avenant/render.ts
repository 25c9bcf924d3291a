/**
 * The avenant drawn: plain text (to paste, to read in a terminal), an HTML
 * page (printable; the server's PDF is made from it), and a Paritaire text
 * (so the avenant itself can be negotiated, versioned and signed). Every
 * text is escaped in HTML: an article quotes fiches, never markup.
 */
import { emptyTexte, type RichText, type Texte } from '@paritaire/schema'
import { escapeHtml } from '../render/html.ts'
import type { Avenant, AvenantAlinea, AvenantArticle } from './model.ts'

const ARTICLE_LABEL = (a: AvenantArticle): string => `Article ${a.numero}${a.titre ? ` — ${a.titre}` : ''}`

const partiesLines = (av: Avenant): string[] => [
  "Entre l'(les) organisation(s) professionnelle(s) d'employeur(s) :",
  ...(av.parties.employeurs.length ? av.parties.employeurs.map((o, i, xs) => `${o}${i < xs.length - 1 ? ' ;' : ','}`) : ['…,']),
  "d'une part,",
  'et le(s) syndicat(s) de salariés :',
  ...(av.parties.salaries.length ? av.parties.salaries.map((o, i, xs) => `${o}${i < xs.length - 1 ? ' ;' : ','}`) : ['…,']),
  "d'autre part,",
]

function alineaText(a: AvenantAlinea): string {
  if (a.kind === 'quoteItem') return `    – ${a.text}`
  if (a.kind === 'quote' || a.kind === 'quoteHeading') return `    ${a.text}`
  return a.text
}

export function renderAvenantText(av: Avenant): string {
  const out: string[] = [av.title, '', ...partiesLines(av), '', 'Préambule', '', ...av.preambule.flatMap((p) => [p, '']), 'Il a été convenu ce qui suit :', '']
  for (const a of av.articles) out.push(ARTICLE_LABEL(a), '', ...a.alineas.map(alineaText), '')
  out.push(av.fait, '')
  for (const s of av.signatures) out.push(`Pour ${s.organisation} :`, '', '')
  if (av.signatures.length === 0) out.push('Pour les organisations signataires :', '')
  return out.join('\n').replace(/\n{3,}/g, '\n\n') + '\n'
}

export const AVENANT_CSS = `
@page { size: A4; margin: 22mm 20mm 22mm 22mm; }
body.pt-avenant { font: 11pt/1.45 "Liberation Serif", "Times New Roman", serif; color: #111; max-width: 46em; margin: 0 auto; hyphens: auto; }
.pt-avenant h1 { font-size: 15pt; text-align: center; margin: 0 0 1.4em; }
.pt-avenant h2 { font-size: 12pt; margin: 1.4em 0 .5em; break-after: avoid; }
.pt-avenant p { margin: 0 0 .55em; text-align: justify; }
.pt-avenant .pt-parties p { margin: 0 0 .15em; }
.pt-avenant .pt-quote { margin-left: 2em; }
.pt-avenant .pt-quote-heading { margin-left: 2em; font-weight: bold; }
.pt-avenant .pt-quote-item { margin-left: 3em; }
.pt-avenant .pt-convenu { font-weight: bold; margin-top: 1.2em; }
.pt-avenant .pt-signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 2.6em 2em; margin-top: 1.6em; break-inside: avoid; }
.pt-avenant .pt-signature { min-height: 4em; border-bottom: 1px solid #999; }
`

function alineaHtml(a: AvenantAlinea): string {
  const cls = a.kind === 'quote' ? ' class="pt-quote"' : a.kind === 'quoteHeading' ? ' class="pt-quote-heading"' : a.kind === 'quoteItem' ? ' class="pt-quote-item"' : ''
  return `<p${cls}>${escapeHtml(a.kind === 'quoteItem' ? `– ${a.text}` : a.text)}</p>`
}

/** A complete page (`fragment: true`: the body only, to embed). */
export function renderAvenantHtml(av: Avenant, options: { fragment?: boolean; annexHtml?: string } = {}): string {
  const body = [
    `<h1>${escapeHtml(av.title)}</h1>`,
    `<section class="pt-parties">${partiesLines(av).map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</section>`,
    '<h2>Préambule</h2>',
    ...av.preambule.map((p) => `<p>${escapeHtml(p)}</p>`),
    '<p class="pt-convenu">Il a été convenu ce qui suit :</p>',
    ...av.articles.map((a) => `<section class="pt-article" data-kind="${a.kind}"><h2>${escapeHtml(ARTICLE_LABEL(a))}</h2>${a.alineas.map(alineaHtml).join('')}</section>`),
    `<p class="pt-fait">${escapeHtml(av.fait)}</p>`,
    `<div class="pt-signatures">${(av.signatures.length ? av.signatures : [{ organisation: '…', collège: 'salariés' }]).map((s) => `<div class="pt-signature">Pour ${escapeHtml(s.organisation)} :</div>`).join('')}</div>`,
    options.annexHtml ? `<section class="pt-annexe" style="break-before: page"><h2>Annexe — Tableau comparatif</h2>${options.annexHtml}</section>` : '',
  ].join('')
  if (options.fragment) return `<div class="pt-avenant">${body}</div>`
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(av.title)}</title><style>${AVENANT_CSS}</style></head><body class="pt-avenant">${body}</body></html>`
}

const para = (text: string): RichText[number] => ({ type: 'paragraph', content: [{ text, marks: [] }] })

/**
 * The avenant as a Paritaire text: its title, the parties and préambule as
 * preamble, the articles as the closing part (an avenant has no fiches of
 * its own; inserted or replaced fiches are quoted in its articles).
 */
export function avenantToTexte(av: Avenant): Texte {
  const t = emptyTexte(av.title)
  t.preamble = [...partiesLines(av), 'Préambule', ...av.preambule, 'Il a été convenu ce qui suit :'].map(para)
  t.closing = [
    ...av.articles.flatMap((a) => [para(ARTICLE_LABEL(a)), ...a.alineas.map((x) => para(x.kind === 'quoteItem' ? `– ${x.text}` : x.text))]),
    para(av.fait),
    ...av.signatures.map((s) => para(`Pour ${s.organisation} :`)),
  ]
  return t
}
