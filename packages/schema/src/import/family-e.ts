/**
 * Layout E: a directory of métiers-repères (or emplois-types), as branch
 * annexes lay it out (see test/fixtures/metiers-reperes/): the title and
 * preamble, then the métiers grouped under « Domaine : … », « Famille : … »
 * or « Métiers du … » headings (→ filière), each a title line followed by
 * « Finalité : … » (→ objet) and « Activités principales : » bullets
 * (→ contenu), optionally « Autres appellations », « Compétences requises »
 * (→ acces) and « Évolution » rubrics (an unlabelled line under the title,
 * before « Activités », is the finalité too); sometimes a positioning grid at the
 * end: a tab-separated table of the métiers against letters or levels with
 * a mark (X) in the columns where each sits (read in `family-e-grid.ts`), optionally under a row of
 * categories whose merged cells spread to the right. The marks become each
 * fiche's classement (niveau « D à F », the category of those columns), the
 * columns the text's grid levels. « Fait à … » and what follows is the
 * closing. What a person should check (a row naming no métier of the text,
 * a métier without a row, marks with a gap, an unreadable mark) is warned.
 */
import { emptyFiche, emptyTexte } from '../factory.ts'
import type { Fiche, GridLevel, RichText, Texte } from '../model.ts'
import { blocksToItems, bulletText, linesToBlocks } from './blocks.ts'
import { IdAllocator, slugify } from './ids.ts'
import { inlineText, paragraph, plainText } from './inline.ts'
import { isPlaceholder, warnPlaceholder } from './placeholder.ts'
import type { ImportContext, SourceLine } from './source.ts'
import { findIdcc, findTitleLines } from './text-parts.ts'
import { GRID_HEADING, gridLayout, isGridHeader, readGrid, TITLE_PREFIX } from './family-e-grid.ts'

const WRAPPED = { wrapped: true }
const TITLE_START = /^(?:Annexe|Accord|Avenant|R[ée]pertoire|Liste|Nomenclature|Classification|M[ée]tiers?[- ]rep[èe]res?|Emplois?[- ]types?)\b/iu

/** « Domaine : Traitement des opérations », « Famille professionnelle : … ». */
export const DOMAIN_HEADING = /^(?:Domaine|Famille)(?:\s+(?:d['’]activit[ée]s?|professionnelle|de\s+m[ée]tiers))?\s*:\s*(\S.{0,100})$/iu
/** « Métiers du crédit », « Métiers de la relation client » (a short heading, no sentence). */
export const METIERS_HEADING = /^M[ée]tiers\s+(?:du|de\s+la|de\s+l['’]|des|de|d['’])\s*\S[^.;:]{0,80}$/u
/** « Finalité : … », « Finalité du métier », alone or with its text (not B's « Finalité et missions », not C's « Finalités du poste »). */
export const FINALITE = /^Finalit[ée]s?(?:\s+(?:du\s+m[ée]tier|de\s+l['’]emploi))?\s*(?::\s*(.*))?$/iu
const CLOSING = /^Fait\s+[àa]\s+\S/iu

type Rubric = 'finalite' | 'activites' | 'appellations' | 'acces' | 'evolution'
const RUBRICS: [Rubric, RegExp][] = [
  ['finalite', FINALITE],
  ['activites', /^(?:Activit[ée]s?|Missions?)(?:\s+(?:principales|cl[ée]s|essentielles))?\s*(?::\s*(.*))?$/iu],
  ['appellations', /^Autres?\s+appellations?\s*(?::\s*(.*))?$/iu],
  ['acces', /^(?:Comp[ée]tences?(?:\s+requises)?|Connaissances(?:\s+requises)?|Exigences|Formation(?:\s+requise)?|Dipl[ôo]mes?|Pr[ée]requis|Conditions\s+d['’]acc[èe]s)\s*(?::\s*(.*))?$/iu],
  ['evolution', /^(?:[ÉE]volutions?(?:\s+(?:possibles|professionnelles?))?|Passerelles?)\s*(?::\s*(.*))?$/iu],
]
function isDomainHeading(text: string): boolean {
  return DOMAIN_HEADING.test(text) || METIERS_HEADING.test(text)
}

function domainName(text: string): string {
  return plainText(DOMAIN_HEADING.exec(text)?.[1] ?? text).trim()
}

function rubricOf(text: string): { rubric: Rubric; inline: string } | null {
  for (const [rubric, re] of RUBRICS) {
    const match = re.exec(text)
    if (match) return { rubric, inline: (match[1] ?? '').trim() }
  }
  return null
}

const ACTIVITES = RUBRICS.find(([r]) => r === 'activites')?.[1] as RegExp

/** Scores layout E in a source (0 when absent): domain headings over « Finalité » or « Activités » rubrics. */
export function familyEScore(texts: readonly string[]): number {
  const domains = texts.filter(isDomainHeading).length
  const rubrics = texts.filter((t) => FINALITE.test(t) || ACTIVITES.test(t)).length
  return domains >= 1 && rubrics >= 2 ? (domains + rubrics) * 2 : 0
}

interface Metier {
  title: SourceLine
  filiere: string | null
  lines: SourceLine[]
}

export function parseFamilyE(ctx: ImportContext, fallbackTitle: string): Texte {
  const texte = emptyTexte()
  const lines = ctx.lines
  texte.idcc = findIdcc(lines)
  const next = nextContentIndex(lines)

  const headerAt = lines.findIndex((l) => isGridHeader(l))
  const closingAt = lines.findIndex((l, i) => !l.furniture && CLOSING.test(l.text) && (headerAt === -1 || i > headerAt))
  // The grid starts at its heading (« Grille de positionnement… »), or the row of categories above the header.
  let gridAt = headerAt
  if (headerAt > 0) {
    let i = headerAt - 1
    while (i >= 0 && (lines[i]?.text.length === 0 || lines[i]?.furniture)) i--
    const above = lines[i]
    const layout = gridLayout(lines[headerAt] as SourceLine)
    if (above && layout.categories(above)) {
      gridAt = i
      i--
      while (i >= 0 && (lines[i]?.text.length === 0 || lines[i]?.furniture)) i--
    }
    if (i >= 0 && GRID_HEADING.test(lines[i]?.text ?? '')) gridAt = i
  }
  const bodyEnd = gridAt >= 0 ? gridAt : closingAt >= 0 ? closingAt : lines.length

  const isPlain = (line: SourceLine | undefined) =>
    !!line && !rubricOf(line.text) && !isDomainHeading(line.text) && bulletText(line.text) === null
  // A title is followed by « Finalité », by « Activités », or by one unlabelled line of finalité then « Activités ».
  const isTitle = (i: number) => {
    const line = lines[i] as SourceLine
    const following = next[i] ?? -1
    if (line.furniture || line.text.length === 0 || following < 0 || following >= bodyEnd || !isPlain(line)) return false
    const second = lines[following] as SourceLine
    if (FINALITE.test(second.text)) return line.text.length <= 120
    // Without « Finalité », only a short line that is no sentence, set apart by a blank line or a domain heading
    // (so that the last line of a finalité without final stop is not taken for the next métier).
    const above = lines[i - 1]
    const setApart = !above || above.text.length === 0 || isDomainHeading(above.text)
    if (!setApart || line.text.length > 80 || /[.;:,]$/u.test(line.text)) return false
    if (ACTIVITES.test(second.text)) return true
    const third = lines[next[following] ?? -1]
    return isPlain(second) && !!third && (next[following] ?? bodyEnd) < bodyEnd && ACTIVITES.test(third.text)
  }

  // Walk the body: head, domain headings, métiers.
  const head: SourceLine[] = []
  const metiers: Metier[] = []
  let filiere: string | null = null
  let current: Metier | null = null
  let seenDomain = false
  // Prose between a domain heading and its first métier (what the domain covers) stays with the grid.
  let interlude: SourceLine[] = []
  const flushInterlude = () => {
    texte.grid.content.push(...linesToBlocks(ctx, interlude, WRAPPED))
    interlude = []
  }
  for (let i = 0; i < bodyEnd; i++) {
    const line = lines[i] as SourceLine
    if (!line.furniture && isDomainHeading(line.text)) {
      flushInterlude()
      ctx.place(line)
      filiere = domainName(line.text)
      seenDomain = true
      current = null
      continue
    }
    if (isTitle(i)) {
      flushInterlude()
      current = { title: line, filiere, lines: [] }
      metiers.push(current)
      continue
    }
    if (current) current.lines.push(line)
    else if (!seenDomain && metiers.length === 0) head.push(line)
    else interlude.push(line)
  }
  flushInterlude()

  const titleLines = findTitleLines(head, TITLE_START)
  ctx.place(...titleLines)
  texte.title = titleLines.length > 0 ? titleLines.map((l) => l.text).join(' ') : fallbackTitle
  texte.preamble = linesToBlocks(ctx, head.filter((l) => !titleLines.includes(l)), WRAPPED)

  const ids = new IdAllocator()
  for (const metier of metiers) {
    const fiche = parseMetier(ctx, metier)
    // « Métiers du crédit » is identified by « crédit »: the shared words would make every id alike.
    const domain = (fiche.denomination.filiere ?? '').replace(/^M[ée]tiers\s+(?:du|de\s+la|de\s+l['’]|des|de|d['’])\s*/u, '')
    fiche.id = ids.take(slugify(domain, 3), slugify(fiche.denomination.intitule, 8))
    texte.fiches.push(fiche)
  }

  if (gridAt >= 0) {
    const gridEnd = closingAt >= 0 ? closingAt : lines.length
    readGrid(ctx, texte, lines.slice(gridAt, gridEnd), headerAt - gridAt)
  }
  if (closingAt >= 0) texte.closing = linesToBlocks(ctx, lines.slice(closingAt), WRAPPED)
  return texte
}

function nextContentIndex(lines: readonly SourceLine[]): (number | undefined)[] {
  const next: (number | undefined)[] = new Array(lines.length)
  let following: number | undefined
  for (let i = lines.length - 1; i >= 0; i--) {
    next[i] = following
    const line = lines[i] as SourceLine
    if (!line.furniture && line.text.length > 0) following = i
  }
  return next
}

function parseMetier(ctx: ImportContext, metier: Metier): Fiche {
  ctx.place(metier.title)
  const intitule = plainText(metier.title.text.replace(TITLE_PREFIX, '')).trim()
  const fiche = emptyFiche('', intitule)
  fiche.denomination.filiere = metier.filiere
  if (!metier.filiere) {
    ctx.warn('SECTION_MISSING', `Ligne ${metier.title.no} : le métier « ${intitule} » n'est sous aucun domaine ; il est importé sans filière.`, metier.title)
  }
  // Split the métier's lines by rubric; a line before any rubric cannot occur (a title is followed by « Finalité »).
  const parts: { rubric: Rubric; heading: SourceLine | null; inline: string; lines: SourceLine[] }[] = []
  for (const line of metier.lines) {
    const found = line.furniture || line.text.length === 0 ? null : rubricOf(line.text)
    if (found) parts.push({ ...found, heading: line, lines: [] })
    else if (parts.length > 0) parts[parts.length - 1]?.lines.push(line)
    // The description under the title, before any rubric, is its finalité.
    else parts.push({ rubric: 'finalite', heading: null, inline: '', lines: [line] })
  }
  for (const part of parts) {
    if (!part.heading) {
      fiche.objet.content.push(...linesToBlocks(ctx, part.lines, WRAPPED))
      continue
    }
    ctx.place(part.heading)
    const content = part.lines.filter((l) => !l.furniture && l.text.length > 0)
    if (content.length === 0 && part.inline.length === 0) {
      const label = part.heading.text.replace(/\s*:\s*$/u, '')
      ctx.warn('SECTION_EMPTY', `Ligne ${part.heading.no} : la rubrique « ${label} » du métier « ${intitule} » est vide.`, part.heading)
      continue
    }
    const blocks: RichText = [...(part.inline ? [paragraph(part.inline)] : []), ...linesToBlocks(ctx, part.lines, WRAPPED)]
    switch (part.rubric) {
      case 'finalite':
        fiche.objet.content.push(...blocks)
        break
      case 'activites':
        fillActivites(fiche, blocks)
        break
      case 'appellations': {
        const text = blocks.flatMap((b) => (b.type === 'paragraph' ? [inlineText(b.content)] : b.items.map((i) => inlineText(i.content)))).join(', ')
        const names = text.split(/\s*[,;]\s*/u).map((n) => n.replace(/\.$/u, '').trim()).filter((n) => n.length > 0)
        fiche.denomination.appellations.push(...names.filter((n) => !isPlaceholder(n)))
        if (names.some(isPlaceholder)) warnPlaceholder(ctx, part.heading, intitule, 'Autres appellations')
        break
      }
      case 'acces':
        fiche.acces.items.push(...blocksToItems(blocks))
        break
      case 'evolution':
        fiche.evolution.content.push(...blocks)
        break
    }
  }
  if (!parts.some((p) => p.rubric === 'activites')) {
    ctx.warn('SECTION_MISSING', `Ligne ${metier.title.no} : le métier « ${intitule} » n'a pas de rubrique « Activités ».`, metier.title)
  }
  return fiche
}

/** Bullets are one untitled group; a short « Relation client : » line followed by bullets titles its own group. */
function fillActivites(fiche: Fiche, blocks: RichText): void {
  blocks.forEach((block, i) => {
    if (block.type === 'paragraph') {
      const text = inlineText(block.content)
      if (blocks[i + 1]?.type === 'bulletList' && text.length <= 80 && /:\s*$/u.test(text)) {
        fiche.contenu.groups.push({ titre: text.replace(/\s*:\s*$/u, ''), items: [] })
      } else fiche.contenu.content.push(block)
      return
    }
    const last = fiche.contenu.groups[fiche.contenu.groups.length - 1]
    if (last && last.items.length === 0 && blocks[i - 1]?.type === 'paragraph') last.items.push(...block.items)
    else fiche.contenu.groups.push({ titre: null, items: block.items })
  })
}
