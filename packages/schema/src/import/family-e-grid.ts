/**
 * The positioning grid of a layout E directory (see `family-e.ts`): the
 * table of métiers against letters or levels, laid out with tabs (Word,
 * spreadsheet) or with spaces (`pdftotext -layout`, read by position and
 * always warned), whose marks become each fiche's classement and whose
 * columns become the text's grid levels.
 */
import type { Fiche, GridLevel, Texte } from '../model.ts'
import { bulletText, linesToBlocks } from './blocks.ts'
import { slugify } from './ids.ts'
import { paragraph, plainText } from './inline.ts'
import type { ImportContext, SourceLine } from './source.ts'

const WRAPPED = { wrapped: true }

/** « Métier-repère n° 3 : », « 12. » before a métier's title, in its heading and in its grid row. */
export const TITLE_PREFIX = /^(?:(?:M[ée]tier|Emploi)[- ](?:rep[èe]re|type)\s*(?:n[°o]\s*)?\d*\s*[:.–-]\s*|\d{1,2}\s*[.)–-]\s+)/iu

/** A column of the positioning grid: a letter, « Niveau 3 », a roman or arabic number. */
const LEVEL_LABEL = /^(?:\p{Lu}|(?:Niveau|Niv\.)\s*(?:[IVX]+|\d{1,2})|[IVX]{1,5}|\d{1,2})$/u
export const GRID_HEADING = /\b(?:grille|positionnement|tableau)\b/iu
const MARK = /^[xX✕✗×●•■✓✔*+]$/u

function cells(line: SourceLine): string[] {
  return line.raw.split('\t').map((c) => plainText(c.replace(/\u00A0/g, ' ').replace(/\s+/g, ' ').trim()))
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
export function isGridHeader(line: SourceLine | undefined): boolean {
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

/** The reading of a grid by its header row: by tabs when it has them, else by position. */
export function gridLayout(header: SourceLine): GridLayout {
  return header.raw.includes('\t') ? tabLayout(header) : spacedLayout(header)
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

/**
 * The positioning grid: `lines` from its heading to the closing, the header
 * row at `headerOffset`. Columns become grid levels; each row's marks the
 * classement of the métier it names.
 */
export function readGrid(ctx: ImportContext, texte: Texte, lines: readonly SourceLine[], headerOffset: number): void {
  const header = lines[headerOffset] as SourceLine
  const layout = gridLayout(header)
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
