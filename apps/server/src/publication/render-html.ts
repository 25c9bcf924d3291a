/**
 * The published text as a clean, printable French HTML page. Pure: a Texte
 * and its publication facts in, a string out. Every piece of text from the
 * document goes through `escapeHtml` — the content is structured JSON, never
 * HTML, and is rendered as text whatever it contains.
 */
import { SECTION_LABELS, type Block, type Fiche, type Inline, type ListItem, type RichText, type Texte } from '@paritaire/schema'
import { TOC_STYLE, tableOfContents } from './render-toc.ts'

export interface PublicationFacts {
  negotiationTitle: string
  idcc: string | null
  versionNumber: number
  versionLabel: string
  versionId: string
  publishedAt: Date | null
  authorOrganisation: string
  signatures: { organisation: string; date: string; percent: number | null; employer: boolean }[]
  oppositions: { organisation: string; date: string; percent: number | null }[]
  signatoryPercent: number
  notifiedAt: string | null
  oppositionDeadline: string | null
  /** The server's signature over the publication statement (see docs/api.md, « Registre »). */
  seal: { statement: Record<string, unknown>; signature: string } | null
  chainHash: string
  /** Links to other published versions of the negotiation, newest first. */
  otherVersions: { href: string; label: string }[]
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c)
}

const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' })

export function formatDate(date: Date | string): string {
  const d = typeof date === 'string' ? new Date(`${date}T12:00:00Z`) : date
  return Number.isNaN(d.getTime()) ? escapeHtml(String(date)) : dateFormat.format(d)
}

function inline(runs: Inline[]): string {
  return runs.map((r) => {
    let html = escapeHtml(r.text)
    if (r.marks.includes('italic')) html = `<em>${html}</em>`
    if (r.marks.includes('bold')) html = `<strong>${html}</strong>`
    return html
  }).join('')
}

function items(list: ListItem[]): string {
  if (list.length === 0) return ''
  return `<ul>${list.map((i) => `<li>${inline(i.content)}${items(i.children)}</li>`).join('')}</ul>`
}

function block(b: Block): string {
  return b.type === 'paragraph' ? `<p>${inline(b.content)}</p>` : items(b.items)
}

export function richText(content: RichText): string {
  return content.map(block).join('\n')
}

function field(label: string, value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return ''
  return `<div class="champ"><span class="libelle">${escapeHtml(label)} :</span> ${escapeHtml(String(value))}</div>`
}

function section(title: string, body: string): string {
  if (body.trim() === '') return ''
  return `<section class="rubrique"><h4>${escapeHtml(title)}</h4>${body}</section>`
}

function ficheHtml(f: Fiche, texte: Texte): string {
  const d = f.denomination
  const c = f.classement
  const title = (id: string | null) => texte.fiches.find((x) => x.id === id)?.denomination.intitule ?? id
  const links = (label: string, ls: Fiche['evolution']['verticale']) => ls.length === 0 ? ''
    : `<div class="champ"><span class="libelle">${escapeHtml(label)} :</span><ul>${ls.map((l) => `<li>${escapeHtml(l.label)}${l.code ? ` (${escapeHtml(l.code)})` : ''}</li>`).join('')}</ul></div>`
  const parts = [
    section(SECTION_LABELS.denomination, [
      d.appellations.length > 0 ? field('Autres appellations', d.appellations.join(', ')) : '',
      field('Code', d.code), field('Sous-famille', d.sousFamille), richText(d.content),
    ].join('')),
    section(SECTION_LABELS.objet, richText(f.objet.content)
      + (f.objet.memesFonctionsQue ? `<p class="note">Mêmes fonctions que : ${escapeHtml(title(f.objet.memesFonctionsQue) ?? '')}</p>` : '')),
    section(SECTION_LABELS.contenu, f.contenu.groups.map((g) =>
      `${g.titre ? `<h5>${escapeHtml(g.titre)}</h5>` : ''}${items(g.items)}`).join('') + richText(f.contenu.content)),
    section(SECTION_LABELS.classement, [
      field('Catégorie', c.categorie), field('Niveau', c.niveau), field('Échelon', c.echelon),
      c.degres.length > 0 ? field('Degrés', c.degres.join(', ')) : '', field('Coefficient', c.coefficient),
      field('Période maximale', c.periodeMaximale),
      c.criteres.length > 0 ? `<table class="criteres"><thead><tr>${c.criteres.map((k) => `<th>${escapeHtml(k.critere)}</th>`).join('')}</tr></thead><tbody><tr>${c.criteres.map((k) => `<td>${k.valeur}</td>`).join('')}</tr></tbody></table>` : '',
      c.paliers.length > 0 ? `<ul class="paliers">${c.paliers.map((p) => `<li>${escapeHtml(p.palier)}${p.niveau ? ` : ${escapeHtml(p.niveau)}` : ''}${p.coefficient !== null ? ` – coefficient ${p.coefficient}` : ''}</li>`).join('')}</ul>` : '',
      richText(c.content),
    ].join('')),
    section(SECTION_LABELS.acces, items(f.acces.items) + richText(f.acces.content)),
    section(SECTION_LABELS.evolution, links('Évolution verticale', f.evolution.verticale)
      + links('Évolution transversale', f.evolution.transversale) + richText(f.evolution.content)),
  ]
  return `<article class="fiche" id="fiche-${escapeHtml(f.id)}"><h3>${escapeHtml(d.intitule || 'Fiche sans intitulé')}</h3>${parts.join('')}</article>`
}

function fichesByFiliere(texte: Texte): string {
  const out: string[] = []
  let current: string | null | undefined
  for (const f of texte.fiches) {
    if (f.denomination.filiere !== current) {
      current = f.denomination.filiere
      if (current) out.push(`<h2 class="filiere">${escapeHtml(current)}</h2>`)
    }
    out.push(ficheHtml(f, texte))
  }
  return out.join('\n')
}

const STYLE = `
body{font-family:Georgia,'Times New Roman',serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#111;line-height:1.45}
header{border-bottom:2px solid #333;margin-bottom:1.5rem}
.statut{font-family:system-ui,sans-serif;font-size:.85rem;color:#444}
h1{font-size:1.6rem}h2{font-size:1.3rem;margin-top:2rem;border-bottom:1px solid #999}
h3{font-size:1.1rem;margin-top:1.5rem}h4{font-size:.95rem;margin:.8rem 0 .2rem;color:#333}
.libelle{font-weight:bold}.empreinte{font-family:monospace;font-size:.75rem;word-break:break-all}
table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2rem .5rem;font-size:.9rem}
.fiche{break-inside:avoid-page}
@media print{body{margin:0;max-width:none}nav{display:none}}
`

const percent = (p: number) => `${p.toFixed(2).replace('.', ',')} %`

/** Who signed (with their representative weight), who opposed, and when: the facts that make the agreement valid. */
function circuitHtml(facts: PublicationFacts): string {
  const who = (s: { organisation: string; date: string; percent: number | null }, verb: string) =>
    `<li>${escapeHtml(s.organisation)}${s.percent !== null ? ` (${percent(s.percent)})` : ''} — ${verb} le ${formatDate(new Date(s.date))}</li>`
  const signatures = facts.signatures.length === 0 ? '' : `<div class="circuit"><p>Signataires (organisations syndicales : ${percent(facts.signatoryPercent)} des suffrages) :</p><ul>${facts.signatures
    .map((s) => who(s, s.employer ? 'organisation d’employeurs, signé' : 'signé')).join('')}</ul>`
    + (facts.oppositions.length === 0 ? '' : `<p>Oppositions :</p><ul>${facts.oppositions.map((o) => who(o, 'opposition')).join('')}</ul>`)
    + (facts.notifiedAt ? `<p>Notifié le ${formatDate(facts.notifiedAt)} ; délai d’opposition jusqu’au ${formatDate(facts.oppositionDeadline ?? facts.notifiedAt)}.</p>` : '')
    + '</div>'
  const seal = facts.seal ? `<p class="empreinte">Publication signée par le serveur (Ed25519, clé ${escapeHtml(String(facts.seal.statement.keyId ?? ''))}) : ${escapeHtml(facts.seal.signature)}</p>` : ''
  return signatures + seal
}

export function renderPublicationHtml(texte: Texte, facts: PublicationFacts): string {
  const signatures = circuitHtml(facts)
  const grid = texte.grid.levels.length === 0 && texte.grid.content.length === 0 ? ''
    : `<section class="grille"><h2>Grille de classification</h2>${texte.grid.levels.map((l) =>
      `<h3>${escapeHtml(l.niveau)}${l.categorie ? ` — ${escapeHtml(l.categorie)}` : ''}</h3>${richText(l.definition)}`).join('')}${richText(texte.grid.content)}</section>`
  const others = facts.otherVersions.length === 0 ? '' : `<nav><p>Autres versions publiées : ${facts.otherVersions
    .map((v) => `<a href="${escapeHtml(v.href)}">${escapeHtml(v.label)}</a>`).join(' · ')}</p></nav>`
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(texte.title || facts.negotiationTitle)} — texte publié</title>
<style>${STYLE}${TOC_STYLE}</style>
</head>
<body>
<header>
<p class="statut">Texte publié · version ${facts.versionNumber} « ${escapeHtml(facts.versionLabel)} »${facts.publishedAt ? ` · publié le ${formatDate(facts.publishedAt)}` : ''}</p>
<h1>${escapeHtml(texte.title || facts.negotiationTitle)}</h1>
${facts.idcc ? `<p>IDCC ${escapeHtml(facts.idcc)} — ${escapeHtml(facts.negotiationTitle)}</p>` : `<p>${escapeHtml(facts.negotiationTitle)}</p>`}
<p>Proposé par : ${escapeHtml(facts.authorOrganisation)}</p>
${signatures}
<p class="empreinte">Empreinte SHA-256 : ${escapeHtml(facts.chainHash)}</p>
${others}
</header>
<main>
${tableOfContents(texte)}
${richText(texte.preamble)}
${grid}
${fichesByFiliere(texte)}
${richText(texte.closing)}
${richText(texte.remainder)}
</main>
</body>
</html>
`
}
