/**
 * Family B: a national job directory (`002_…`). A table of contents by level
 * (→ preamble), then one fiche per job: a title (all capitals, gendered
 * forms in parentheses), "Finalité et missions" (first paragraph → objet,
 * the others → contenu items), "Exigences" (→ acces items), the
 * tab-separated "Critères d'exigences" header and its row of five scores
 * (→ classement.criteres), "Classification (de) niveau IV" / "Niveau de
 * classification IV" (→ classement.niveau) and the paragraph defining that
 * level. Level definitions go to the grid once per level; a fiche whose
 * definition differs from the grid's keeps its own wording in its classement,
 * with a warning.
 */
import { emptyFiche, emptyTexte } from '../factory.ts'
import { SECTION_LABELS, type Critere, type Fiche, type RichText, type SectionName, type Texte } from '../model.ts'
import { blocksToItems, linesToBlocks } from './blocks.ts'
import { IdAllocator, slugify } from './ids.ts'
import { inlineText, paragraph, plainText } from './inline.ts'
import { isAllCaps } from './normalize.ts'
import type { ImportContext, SourceLine } from './source.ts'

const NON_WRAPPED = { wrapped: false }
const FINALITE = /^Finalit[ée]s? et missions\s*:?$/iu
const EXIGENCES = /^Exigences(?:\s+requises)?\s*:?$/iu
const CRITERIA_HEADER = /^Crit[èe]res d['’]exigences\b/iu
const LEVEL = /^(?:Classification(?:\s+de)?\s+niveau|Niveau\s+de\s+classification)\s+([IVX]+|\d{1,2})\s*$/iu
/** The five criteria of the directory, for a header row that lost its tabs. */
const KNOWN_CRITERIA = ['Connaissances', "Latitude d'action", 'Complexité', 'Relations', 'Responsabilités']

interface Definition {
  niveau: string
  blocks: RichText
  key: string
  fiche: Fiche
  line: SourceLine
}

export function parseFamilyB(ctx: ImportContext, fallbackTitle: string): Texte {
  const texte = emptyTexte()
  const lines = ctx.lines
  const starts = findFicheStarts(lines)
  const firstStart = starts[0] ?? lines.length

  const header = lines.slice(0, firstStart)
  const titleLine = header.find((l) => !l.furniture && l.text.length > 0)
  if (titleLine && isAllCaps(titleLine.text)) {
    ctx.place(titleLine)
    texte.title = plainText(titleLine.text)
  } else texte.title = fallbackTitle
  texte.preamble = linesToBlocks(ctx, header.filter((l) => l !== titleLine), NON_WRAPPED)

  const ids = new IdAllocator()
  const definitions: Definition[] = []
  starts.forEach((start, k) => {
    const end = starts[k + 1] ?? lines.length
    const { fiche, definition } = parseFiche(ctx, lines.slice(start, end))
    fiche.id = ids.take(slugify(fiche.denomination.intitule))
    texte.fiches.push(fiche)
    if (definition) definitions.push(definition)
  })
  texte.grid.levels = gridLevels(ctx, definitions)
  applyContents(texte.fiches, header)
  return texte
}

/** "CHARGE(E) DE FORMALITES" and "Chargé(e) de formalités" alike: no accents, case, gender endings or punctuation. */
function foldName(text: string): string {
  return slugify(plainText(text), 20)
}

/**
 * The table of contents ("Sommaire par niveau": "Niveau IV" then "- **Chargé(e)
 * de formalités** 11") spells the intitulés properly where the fiches have
 * unaccented capitals: its spelling is used (ids, built before, stay the
 * same). The level is the directory's grouping: each fiche's filière is
 * "Niveau IV", from its own classification, else from the contents.
 */
function applyContents(fiches: Fiche[], header: readonly SourceLine[]): void {
  const names = new Map<string, { name: string; niveau: string | null }>()
  let niveau: string | null = null
  let inContents = false
  for (const line of header) {
    if (/^sommaire\b/iu.test(line.text)) inContents = true
    if (!inContents) continue
    const level = /^niveau\s+([IVX]+)\b/iu.exec(line.text)
    if (level) {
      niveau = (level[1] ?? '').toUpperCase()
      continue
    }
    const entry = /^-\s+(.+?)(?:\s+\d{1,3})?$/u.exec(line.text)
    if (!entry) continue
    const name = plainText(entry[1] ?? '').trim()
    const key = foldName(name)
    if (name && key && !names.has(key)) names.set(key, { name, niveau })
  }
  for (const fiche of fiches) {
    const entry = names.get(foldName(fiche.denomination.intitule))
    // Only a change of case and accents: the words stay those of the source.
    const bare = (t: string): string => t.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ')
    if (entry && isAllCaps(fiche.denomination.intitule) && bare(entry.name) === bare(fiche.denomination.intitule)) fiche.denomination.intitule = entry.name
    const level = fiche.classement.niveau ?? entry?.niveau ?? null
    if (fiche.denomination.filiere === null && level) fiche.denomination.filiere = `Niveau ${level}`
  }
}

/** A fiche starts at its title: the line before "Finalité et missions", or an all-capital line after the first fiche. */
function findFicheStarts(lines: readonly SourceLine[]): number[] {
  const content = lines.map((l, i) => ({ l, i })).filter(({ l }) => !l.furniture && l.text.length > 0)
  const starts: number[] = []
  content.forEach(({ l, i }, k) => {
    const next = content[k + 1]?.l
    const titled = next !== undefined && FINALITE.test(next.text) && !FINALITE.test(l.text)
    const capital = starts.length > 0 && isTitle(l.text) && !FINALITE.test(l.text)
    if (titled || capital) starts.push(i)
  })
  return starts
}

function isTitle(text: string): boolean {
  return isAllCaps(text) && (text.match(/\p{L}/gu)?.length ?? 0) >= 3 && !LEVEL.test(text)
}

type Part = 'finalite' | 'exigences' | 'criteres' | 'niveau' | null

function parseFiche(ctx: ImportContext, lines: SourceLine[]): { fiche: Fiche; definition: Definition | null } {
  const [titleLine, ...rest] = lines
  if (!titleLine) throw new Error('fiche sans ligne de titre')
  ctx.place(titleLine)
  const fiche = emptyFiche('', plainText(titleLine.text))
  const parts: Record<Exclude<Part, null>, SourceLine[]> = { finalite: [], exigences: [], criteres: [], niveau: [] }
  const seen = new Set<Part>()
  let part: Part = null
  const orphan: SourceLine[] = []
  let levelLine: SourceLine | null = null
  for (const line of rest) {
    const text = line.text
    if (!line.furniture && FINALITE.test(text)) part = 'finalite'
    else if (!line.furniture && EXIGENCES.test(text)) part = 'exigences'
    else if (!line.furniture && CRITERIA_HEADER.test(text)) part = 'criteres'
    else if (!line.furniture && LEVEL.test(text)) {
      part = 'niveau'
      levelLine = line
      fiche.classement.niveau = LEVEL.exec(text)?.[1]?.toUpperCase() ?? null
    } else {
      if (part) parts[part].push(line)
      else orphan.push(line)
      continue
    }
    ctx.place(line)
    seen.add(part)
    if (part === 'criteres') parts.criteres.push(line)
  }

  // Text between the title and the first heading: part of the description.
  const finalite = linesToBlocks(ctx, [...orphan, ...parts.finalite], NON_WRAPPED)
  const first = finalite[0]
  if (first?.type === 'paragraph') {
    fiche.objet.content.push(first)
    finalite.shift()
  }
  const items = blocksToItems(finalite)
  if (items.length > 0) fiche.contenu.groups.push({ titre: null, items })
  fiche.acces.items.push(...blocksToItems(linesToBlocks(ctx, parts.exigences, NON_WRAPPED)))
  parseCriteria(ctx, fiche, parts.criteres)

  const required: [Part, SectionName, string][] = [
    ['finalite', 'objet', 'Finalité et missions'],
    ['exigences', 'acces', 'Exigences'],
    ['criteres', 'classement', "Critères d'exigences"],
    ['niveau', 'classement', 'Classification niveau …'],
  ]
  for (const [key, section, heading] of required) {
    if (!seen.has(key)) {
      ctx.warn(
        'SECTION_MISSING',
        `Ligne ${titleLine.no} : la fiche « ${fiche.denomination.intitule} » n'a pas de rubrique « ${heading} » (section ${SECTION_LABELS[section]}).`,
        titleLine,
      )
    }
  }

  const blocks = linesToBlocks(ctx, parts.niveau, NON_WRAPPED)
  const definition =
    levelLine && fiche.classement.niveau && blocks.length > 0
      ? { niveau: fiche.classement.niveau, blocks, key: definitionKey(blocks), fiche, line: levelLine }
      : null
  if (!definition) fiche.classement.content.push(...blocks)
  return { fiche, definition }
}

/**
 * The header row names the criteria (tab-separated), the next content line
 * holds one score per criterion. A row that does not match is kept as text
 * in the classement, with a warning, rather than guessed.
 */
function parseCriteria(ctx: ImportContext, fiche: Fiche, lines: readonly SourceLine[]): void {
  const [header, ...after] = lines
  if (!header) return
  const names = criteriaNames(header)
  const rowIndex = after.findIndex((l) => !l.furniture && l.text.length > 0)
  const row = after[rowIndex]
  const trailing = after.slice(rowIndex + 1)
  if (trailing.length > 0) fiche.classement.content.push(...linesToBlocks(ctx, trailing, NON_WRAPPED))
  const intitule = fiche.denomination.intitule
  if (!row) {
    ctx.warn('CRITERIA_ROW_MISMATCH', `Ligne ${header.no} : la fiche « ${intitule} » a l'en-tête des critères mais aucune ligne de notes.`, header)
    return
  }
  ctx.place(row)
  const cells = row.raw.split('\t').map((c) => c.trim()).filter((c) => c.length > 0)
  const values = cells.length > 1 ? cells : row.text.split(' ')
  const bad = values.find((v) => !/^\d{1,3}$/.test(v) || Number(v) > 100)
  if (bad !== undefined) {
    fiche.classement.content.push(paragraph(`${names.join(' | ')} : ${values.join(' | ')}`))
    ctx.warn(
      'CRITERIA_VALUE_INVALID',
      `Ligne ${row.no} : la note « ${bad} » de la fiche « ${intitule} » n'est pas un nombre entier de 0 à 100 ; la ligne est conservée telle quelle dans le classement.`,
      row,
    )
    return
  }
  if (values.length !== names.length) {
    fiche.classement.content.push(paragraph(`${names.join(' | ')} : ${values.join(' | ')}`))
    ctx.warn(
      'CRITERIA_ROW_MISMATCH',
      `Ligne ${row.no} : la fiche « ${intitule} » a ${values.length} notes pour ${names.length} critères ; la ligne est conservée telle quelle dans le classement.`,
      row,
    )
    return
  }
  fiche.classement.criteres = names.map((critere, i): Critere => ({ critere, valeur: Number(values[i]) }))
}

function criteriaNames(header: SourceLine): string[] {
  const cells = header.raw.split('\t').map((c) => c.trim().replace(/\s+/g, ' ')).filter((c) => c.length > 0)
  if (cells.length > 2) return cells.slice(1)
  const fold = (s: string) => s.toLowerCase().replace(/[’]/g, "'")
  return KNOWN_CRITERIA.filter((name) => fold(header.text).includes(fold(name)))
}

function definitionKey(blocks: RichText): string {
  return blocks
    .map((b) => (b.type === 'paragraph' ? inlineText(b.content) : b.items.map((i) => inlineText(i.content)).join(' ')))
    .join(' ')
    .replace(/[’]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * One grid level per niveau, in order of first appearance, defined by the
 * wording most fiches of that level carry (the first one on a tie). Fiches
 * with another wording keep it in their classement.
 */
function gridLevels(ctx: ImportContext, definitions: readonly Definition[]): Texte['grid']['levels'] {
  const byLevel = new Map<string, Definition[]>()
  for (const d of definitions) byLevel.set(d.niveau, [...(byLevel.get(d.niveau) ?? []), d])
  const levels: Texte['grid']['levels'] = []
  for (const [niveau, list] of byLevel) {
    const counts = new Map<string, number>()
    for (const d of list) counts.set(d.key, (counts.get(d.key) ?? 0) + 1)
    let chosen = list[0] as Definition
    for (const d of list) if ((counts.get(d.key) ?? 0) > (counts.get(chosen.key) ?? 0)) chosen = d
    levels.push({ niveau, categorie: null, definition: chosen.blocks })
    for (const d of list) {
      if (d.key === chosen.key) continue
      d.fiche.classement.content.push(...d.blocks)
      ctx.warn(
        'LEVEL_DEFINITION_VARIANT',
        `Ligne ${d.line.no} : la définition du niveau ${niveau} donnée pour « ${d.fiche.denomination.intitule} » diffère de celle retenue pour la grille ; elle est conservée dans le classement de la fiche.`,
        d.line,
      )
    }
  }
  return levels
}
