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
 * a mark (X) in the columns where each sits, optionally under a row of
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

const WRAPPED = { wrapped: true }
const TITLE_START = /^(?:Annexe|Accord|Avenant|R[ée]pertoire|Liste|Nomenclature|Classification|M[ée]tiers?[- ]rep[èe]res?|Emplois?[- ]types?)\b/iu

/** « Domaine : Traitement des opérations », « Famille professionnelle : … ». */
export const DOMAIN_HEADING = /^(?:Domaine|Famille)(?:\s+(?:d['’]activit[ée]s?|professionnelle|de\s+m[ée]tiers))?\s*:\s*(\S.{0,100})$/iu
/** « Métiers du crédit », « Métiers de la relation client » (a short heading, no sentence). */
export const METIERS_HEADING = /^M[ée]tiers\s+(?:du|de\s+la|de\s+l['’]|des|de|d['’])\s*\S[^.;:]{0,80}$/u
/** « Finalité : … », « Finalité du métier », alone or with its text (not B's « Finalité et missions », not C's « Finalités du poste »). */
export const FINALITE = /^Finalit[ée]s?(?:\s+(?:du\s+m[ée]tier|de\s+l['’]emploi))?\s*(?::\s*(.*))?$/iu
const CLOSING = /^Fait\s+[àa]\s+\S/iu
const TITLE_PREFIX = /^(?:(?:M[ée]tier|Emploi)[- ](?:rep[èe]re|type)\s*(?:n[°o]\s*)?\d*\s*[:.–-]\s*|\d{1,2}\s*[.)–-]\s+)/iu

type Rubric = 'finalite' | 'activites' | 'appellations' | 'acces' | 'evolution'
const RUBRICS: [Rubric, RegExp][] = [
  ['finalite', FINALITE],
  ['activites', /^(?:Activit[ée]s?|Missions?)(?:\s+(?:principales|cl[ée]s|essentielles))?\s*(?::\s*(.*))?$/iu],
  ['appellations', /^Autres?\s+appellations?\s*(?::\s*(.*))?$/iu],
  ['acces', /^(?:Comp[ée]tences?(?:\s+requises)?|Connaissances(?:\s+requises)?|Exigences|Formation(?:\s+requise)?|Dipl[ôo]mes?|Pr[ée]requis|Conditions\s+d['’]acc[èe]s)\s*(?::\s*(.*))?$/iu],
  ['evolution', /^(?:[ÉE]volutions?(?:\s+(?:possibles|professionnelles?))?|Passerelles?)\s*(?::\s*(.*))?$/iu],
]
/** A column of the positioning grid: a letter, « Niveau 3 », a roman or arabic number. */
const LEVEL_LABEL = /^(?:\p{Lu}|(?:Niveau|Niv\.)\s*(?:[IVX]+|\d{1,2})|[IVX]{1,5}|\d{1,2})$/u
const GRID_HEADING = /\b(?:grille|positionnement|tableau)\b/iu
const MARK = /^[xX✕✗×●•■✓✔*+]$/u

function cells(line: SourceLine): string[] {
  return line.raw.split('\t').map((c) => plainText(c.replace(/\u00A0/g, ' ').replace(/\s+/g, ' ').trim()))
}

function isDomainHeading(text: string): boolean {
  return DOMAIN_HEADING.test(text) || METIERS_HEADING.test(text)
}

function domainName(text: string): string {
  return plainText(DOMAIN_HEADING.exec(text)?.[1] ?? text).trim()
}

/** Words joined by single spaces, with where they start in the line: the cells of a table laid out with spaces. */
function segments(raw: string): { text: string; start: number; end: number }[] {
  const found: { text: string; start: number; end: number }[] = []
  for (const match of raw.replace(/\u00A0/g, ' ').matchAll(/\S+(?: \S+)*/gu)) {
    found.push({ text: plainText(match[0]), start: match.index, end: match.index + match[0].length })
  }
  return found
}

/** The header row of a positioning grid: a first cell (« Métier-repère » or empty) and at least two level labels. */
function isGridHeader(line: SourceLine | undefined): boolean {
  if (!line || line.furniture) return false
  const [first = '', ...rest] = line.raw.includes('\t') ? cells(line) : segments(line.raw).map((c) => c.text)
  const labels = rest.filter((c) => c.length > 0)
  if (!line.raw.includes('\t') && !/m[ée]tier|emploi|intitul/iu.test(first)) return false
  return (first === '' || /m[ée]tier|emploi|intitul/iu.test(first)) && labels.length >= 2 && labels.every((c) => LEVEL_LABEL.test(c))
}

/**
 * How the grid's cells are read: split on tabs (a Word or spreadsheet
 * export), or by position under the header's labels when the table is laid
 * out with spaces (`pdftotext -layout`): a mark belongs to the nearest label.
 */
interface GridLayout {
  /** Header cells; index 0 is the column of the métiers' names. */
  header: string[]
  isRow(line: SourceLine): boolean
  row(line: SourceLine): string[]
  /** The category of each column when `line` is a row of categories above the header, else null. */
  categories(line: SourceLine): (string | null)[] | null
}

function tabLayout(header: SourceLine): GridLayout {
  const labels = cells(header)
  return {
    header: labels,
    isRow: (line) => line.raw.includes('\t'),
    row: cells,
    categories: (line) => {
      if (!line.raw.includes('\t')) return null
      // A merged cell spreads to the right until the next one.
      const categories: (string | null)[] = labels.map(() => null)
      let carried: string | null = null
      cells(line).forEach((cell, i) => {
        if (cell.length > 0) carried = cell
        if (i > 0 && i < categories.length) categories[i] = carried
      })
      return categories
    },
  }
}

function spacedLayout(header: SourceLine): GridLayout {
  const columns = segments(header.raw)
  const centre = (c: { start: number; end: number }) => (c.start + c.end) / 2
  const firstLabel = columns[1]?.start ?? 0
  const nearest = (cell: { start: number; end: number }) => {
    let best = 1
    columns.forEach((c, i) => {
      if (i > 0 && Math.abs(centre(c) - centre(cell)) < Math.abs(centre(columns[best] as typeof c) - centre(cell))) best = i
    })
    return best
  }
  return {
    header: columns.map((c) => c.text),
    isRow: (line) => {
      if (line.raw.includes('\t')) return false
      const found = segments(line.raw)
      const name = found[0]
      if (!name || name.start >= firstLabel) return false
      // A name alone is a row without marks when it is short and no sentence; prose ends the table.
      return found.slice(1).some((c) => c.start >= firstLabel - 2) || (line.text.length <= 80 && !/[.;:]$/u.test(line.text))
    },
    row: (line) => {
      const values = columns.map(() => '')
      const [name, ...rest] = segments(line.raw)
      values[0] = name?.text ?? ''
      for (const cell of rest) {
        const i = cell.start < firstLabel - 2 ? 0 : nearest(cell)
        values[i] = values[i] ? `${values[i]} ${cell.text}` : cell.text
      }
      return values
    },
    categories: (line) => {
      const found = segments(line.raw)
      // Indented short labels, never a bullet or a sentence (the last activity of the last métier may sit just above).
      if (line.raw.includes('\t') || found.length === 0 || (found[0]?.start ?? 0) < 2 || bulletText(line.text) !== null) return null
      if (found.some((c) => c.text.length > 40 || /[.;:]$/u.test(c.text))) return null
      // Each column under the category whose text is nearest (merged headers are centred over their columns).
      const distance = (c: { start: number; end: number }, cat: { start: number; end: number }) =>
        centre(c) < cat.start ? cat.start - centre(c) : centre(c) > cat.end ? centre(c) - cat.end : 0
      return columns.map((c, i) => {
        if (i === 0) return null
        const best = found.reduce((a, b) => (distance(c, b) < distance(c, a) ? b : a))
        return best.text
      })
    },
  }
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
    const layout = lines[headerAt]?.raw.includes('\t') ? tabLayout(lines[headerAt] as SourceLine) : spacedLayout(lines[headerAt] as SourceLine)
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

/**
 * The positioning grid: `lines` from its heading to the closing, the header
 * row at `headerOffset`. Columns become grid levels; each row's marks the
 * classement of the métier it names.
 */
function readGrid(ctx: ImportContext, texte: Texte, lines: readonly SourceLine[], headerOffset: number): void {
  const header = lines[headerOffset] as SourceLine
  const layout = header.raw.includes('\t') ? tabLayout(header) : spacedLayout(header)
  const labels = layout.header
  // The row of categories just above the header.
  const above = lines.slice(0, headerOffset).filter((l) => !l.furniture && l.text.length > 0)
  const last = above[above.length - 1]
  const found = last && !GRID_HEADING.test(last.text) ? layout.categories(last) : null
  const categoryRow = found ? last : undefined
  const categories: (string | null)[] = found ?? labels.map(() => null)
  if (categoryRow) ctx.place(categoryRow)
  if (!header.raw.includes('\t')) {
    ctx.warn(
      'GRID_LAYOUT_BY_POSITION',
      `Ligne ${header.no} : grille de positionnement alignée par des espaces ; marques et catégories rattachées aux colonnes par leur position, vérifiez les classements.`,
      header,
    )
  }
  for (const line of above) {
    if (line !== categoryRow) texte.grid.content.push(...linesToBlocks(ctx, [line], WRAPPED))
  }
  ctx.place(header)
  const columns = labels.map((label, i) => ({ label, categorie: categories[i] ?? null, index: i })).filter((c) => c.index > 0 && c.label.length > 0)
  texte.grid.levels = columns.map((c): GridLevel => ({ niveau: c.label, categorie: c.categorie, definition: [] }))

  const byKey = new Map(texte.fiches.map((f) => [slugify(f.denomination.intitule), f]))
  const positioned = new Set<Fiche>()
  let ended = false
  for (const row of lines.slice(headerOffset + 1)) {
    if (row.furniture || row.text.length === 0) continue
    if (ended || !layout.isRow(row)) {
      // Prose after the table (a note on the grid) stays with the grid.
      ended = true
      texte.grid.content.push(...linesToBlocks(ctx, [row], WRAPPED))
      continue
    }
    ctx.place(row)
    const values = layout.row(row)
    const name = values[0] ?? ''
    const marked = columns.filter((c) => MARK.test(values[c.index] ?? ''))
    const odd = columns.filter((c) => (values[c.index] ?? '').length > 0 && !MARK.test(values[c.index] ?? ''))
    const fiche = byKey.get(slugify(name.replace(TITLE_PREFIX, '')))
    if (!fiche) {
      texte.grid.content.push(paragraph(`${name} : ${marked.map((c) => c.label).join(', ') || 'aucune marque'}`))
      ctx.warn('GRID_ROW_UNMATCHED', `Ligne ${row.no} : la ligne « ${name} » de la grille ne correspond à aucun métier du texte ; elle est conservée dans la grille.`, row)
      continue
    }
    positioned.add(fiche)
    const classement = fiche.classement
    classement.niveau = levelRange(marked.map((c) => c.label), marked.map((c) => c.index))
    const cats = [...new Set(marked.map((c) => c.categorie).filter((c): c is string => c !== null))]
    classement.categorie = cats.length > 0 ? cats.join(' / ') : null
    if (marked.length === 0 && odd.length === 0) {
      ctx.warn('GRID_MARKS_MISSING', `Ligne ${row.no} : le métier « ${fiche.denomination.intitule} » n'a aucune marque dans la grille.`, row)
    }
    if (marked.length > 1 && marked.some((c, k) => k > 0 && c.index !== (marked[k - 1]?.index ?? 0) + 1)) {
      ctx.warn(
        'GRID_MARKS_NOT_CONTIGUOUS',
        `Ligne ${row.no} : les marques du métier « ${fiche.denomination.intitule} » (${marked.map((c) => c.label).join(', ')}) ne se suivent pas ; vérifiez la grille.`,
        row,
      )
    }
    for (const c of odd) {
      classement.content.push(paragraph(`Grille, colonne ${c.label} : ${values[c.index] ?? ''}`))
      ctx.warn(
        'GRID_MARK_UNREADABLE',
        `Ligne ${row.no} : « ${values[c.index] ?? ''} » dans la colonne ${c.label} (métier « ${fiche.denomination.intitule} ») n'est pas une marque lisible ; conservé dans le classement.`,
        row,
      )
    }
  }
  for (const fiche of texte.fiches) {
    if (!positioned.has(fiche)) {
      ctx.warn('GRID_MARKS_MISSING', `Le métier « ${fiche.denomination.intitule} » n'a pas de ligne dans la grille de positionnement : son classement est vide.`, header)
    }
  }
}

/** « D », « D à F » for contiguous columns, « D, F » otherwise; « Niveau 2 à 3 » drops the repeated word. */
function levelRange(labels: readonly string[], indexes: readonly number[]): string | null {
  if (labels.length === 0) return null
  if (labels.length === 1) return labels[0] ?? null
  const contiguous = indexes.every((v, k) => k === 0 || v === (indexes[k - 1] ?? 0) + 1)
  if (!contiguous) return labels.join(', ')
  const first = labels[0] ?? ''
  const last = labels[labels.length - 1] ?? ''
  const prefix = /^((?:Niveau|Niv\.)\s*)/u.exec(first)?.[1]
  return `${first} à ${prefix && last.startsWith(prefix) ? last.slice(prefix.length) : last}`
}
