/**
 * Markdown → canonical texte: reads what texteToMarkdown writes (title,
 * `IDCC :` and `Famille de source :` lines, the `##` parts Préambule, Grille
 * de classification, Clôture and Non classé, and the fiches, each a `##`
 * heading followed by its `<!-- fiche: id -->` line). Returns a valid
 * canonical texte or throws ConversionError.
 */
import { sourceFamilySchema, type GridLevel, type Texte } from '../model.ts'
import { emptyTexte } from '../factory.ts'
import { validateTexte } from '../validate.ts'
import { ConversionError } from './errors.ts'
import { HEADING, isBlank, parseRichText, readFiche, splitLines, type Line } from './markdown-read.ts'
import { fieldLabelOf, looseKey, unescapeValue } from './markdown-syntax.ts'

const PARTS = {
  preambule: 'preamble',
  'grille de classification': 'grid',
  cloture: 'closing',
  'non classe': 'remainder',
} as const
type Part = (typeof PARTS)[keyof typeof PARTS]

function headingLevel(line: Line): number {
  const h = HEADING.exec(line.text)
  return h ? h[1]!.length : 0
}

function noHeadings(lines: readonly Line[], where: string): readonly Line[] {
  const stray = lines.find((l) => headingLevel(l) > 0)
  if (stray) throw new ConversionError('markdown.unexpected_heading', `titre inattendu dans ${where} : « ${stray.text} »`, stray.no)
  return lines
}

function readGrid(lines: readonly Line[]): Texte['grid'] {
  const first = lines.findIndex((l) => headingLevel(l) === 3)
  const content = parseRichText(noHeadings(first < 0 ? lines : lines.slice(0, first), 'la grille'))
  const levels: GridLevel[] = []
  if (first >= 0) {
    let start = first
    while (start < lines.length) {
      let end = start + 1
      while (end < lines.length && headingLevel(lines[end]!) !== 3) end++
      const niveau = unescapeValue(HEADING.exec(lines[start]!.text)![2] ?? '')
      let body = lines.slice(start + 1, end)
      let categorie: string | null = null
      const field = body[0] && fieldLabelOf(body[0].text)
      if (field && field.label === 'Catégorie') {
        categorie = unescapeValue(field.rest)
        body = body.slice(1)
      }
      levels.push({ niveau, categorie, definition: parseRichText(noHeadings(body, `le niveau ${niveau}`)) })
      start = end
    }
  }
  return { levels, content }
}

/** Reads a whole texte from Markdown. */
export function markdownToTexte(markdown: string): Texte {
  const lines = splitLines(markdown)
  let i = 0
  while (i < lines.length && isBlank(lines[i]!)) i++
  const title = lines[i] && HEADING.exec(lines[i]!.text)
  if (!title || title[1]!.length !== 1) throw new ConversionError('markdown.title_missing', 'le document doit commencer par le titre du texte (« # Titre »)', lines[i]?.no ?? 1)
  const texte = emptyTexte(unescapeValue(title[2] ?? ''))
  for (i++; i < lines.length && headingLevel(lines[i]!) === 0; i++) {
    const line = lines[i]!
    if (isBlank(line)) continue
    const idcc = /^IDCC ?: (.*)$/.exec(line.text)
    const family = /^Famille de source ?: (.*)$/.exec(line.text)
    if (idcc) texte.idcc = unescapeValue(idcc[1]!)
    else if (family && sourceFamilySchema.safeParse(family[1]!.trim()).success) texte.family = sourceFamilySchema.parse(family[1]!.trim())
    else throw new ConversionError('markdown.outside_section', 'ce texte est avant la première partie (« ## Préambule »…) : placez-le dans une partie', line.no)
  }

  const seen = new Set<Part>()
  while (i < lines.length) {
    const start = i
    const level = headingLevel(lines[start]!)
    if (level !== 2) throw new ConversionError('markdown.unexpected_heading', `un titre de partie ou de fiche (« ## … ») est attendu ici : « ${lines[start]!.text} »`, lines[start]!.no)
    for (i++; i < lines.length; i++) {
      const l = headingLevel(lines[i]!)
      if (l > 0 && l <= 2) break
    }
    const chunk = lines.slice(start, i)
    const next = chunk.slice(1).find((l) => !isBlank(l))
    if (next && /^<!--\s*fiche:/.test(next.text)) {
      texte.fiches.push(readFiche(chunk))
      continue
    }
    const name = unescapeValue(HEADING.exec(chunk[0]!.text)![2] ?? '')
    const part = PARTS[looseKey(name) as keyof typeof PARTS]
    if (!part) throw new ConversionError('markdown.unknown_part', `partie inconnue « ${name} » ; attendues : Préambule, Grille de classification, Clôture, Non classé, ou une fiche (titre suivi de « <!-- fiche: … --> »)`, chunk[0]!.no)
    if (seen.has(part)) throw new ConversionError('markdown.duplicate_part', `la partie « ${name} » apparaît deux fois`, chunk[0]!.no)
    seen.add(part)
    const body = chunk.slice(1)
    if (part === 'grid') texte.grid = readGrid(body)
    else texte[part] = parseRichText(noHeadings(body, `la partie ${name}`))
  }

  const result = validateTexte(texte)
  if (!result.ok) {
    const issue = result.issues[0]!
    throw new ConversionError(issue.code, issue.message)
  }
  return result.value
}
