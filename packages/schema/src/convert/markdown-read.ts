/**
 * Markdown (the dialect of docs/schema.md) → canonical fiche. Reads what
 * markdown-write.ts writes — exactly, so that canonical → Markdown →
 * canonical is an identity — and is forgiving with hand-written input
 * (headings matched by their words whatever the case or accents, soft line
 * breaks, missing sections read as empty). Anything it cannot place is a
 * ConversionError with a code, a French message and the line number, never a
 * silent drop.
 */
import { SECTION_LABELS, SECTION_NAMES, type Fiche, type FicheLink, type ListItem, type RichText, type SectionName } from '../model.ts'
import { emptyFiche } from '../factory.ts'
import { ConversionError } from './errors.ts'
import { endsWithHardBreak, fieldLabelOf, looseKey, markdownToInlines, splitRaw, splitValue, unescapeValue, type FieldLabel } from './markdown-syntax.ts'
import { validateFiche } from '../validate.ts'

export interface Line {
  text: string
  /** 1-based line number in the source. */
  no: number
}

export const HEADING = /^(#+)(?: (.*))?$/
const ITEM = /^( *)-(?: (.*))?$/

// Only ASCII spaces and tabs make a line blank: a no-break space is text.
export const isBlank = (line: Line) => /^[ \t]*$/.test(line.text)

const SECTION_BY_KEY = new Map<string, SectionName>()
for (const name of SECTION_NAMES) {
  SECTION_BY_KEY.set(looseKey(name), name)
  SECTION_BY_KEY.set(looseKey(SECTION_LABELS[name]), name)
  SECTION_BY_KEY.set(looseKey(SECTION_LABELS[name].split('/')[0]!), name)
}

const SECTION_FIELDS: Record<SectionName, readonly FieldLabel[]> = {
  denomination: ['Appellations', 'Code', 'Filière', 'Sous-famille'],
  objet: ['Mêmes fonctions que'],
  contenu: [],
  classement: ['Catégorie', 'Niveau', 'Échelon', 'Degrés', 'Coefficient', 'Critères', 'Paliers', 'Période maximale'],
  acces: ['Modes d’accès'],
  evolution: ['Verticale', 'Transversale'],
}
const BLOCK_FIELDS: readonly FieldLabel[] = ['Critères', 'Paliers', 'Modes d’accès', 'Verticale', 'Transversale']

// ------------------------------------------------------------ rich text

/** Parses bullet lines (two spaces per nesting level) into list items. */
function parseList(lines: readonly Line[]): ListItem[] {
  const root: ListItem[] = []
  const stack: ListItem[][] = [root]
  const raw = new Map<ListItem, string[]>()
  let current: ListItem | null = null
  for (const line of lines) {
    const m = ITEM.exec(line.text)
    if (m) {
      const depth = Math.min(Math.floor(m[1]!.length / 2), stack.length - 1)
      stack.length = depth + 1
      const item: ListItem = { content: [], children: [] }
      stack[depth]!.push(item)
      stack.push(item.children)
      raw.set(item, [m[2] ?? ''])
      current = item
    } else if (current) {
      raw.get(current)!.push(line.text.replace(/^ +/, ''))
    } else {
      throw new ConversionError('markdown.list_expected', `une liste à puces (« - ») est attendue ici : « ${line.text} »`, line.no)
    }
  }
  for (const [item, parts] of raw) item.content = markdownToInlines(parts.join('\n'))
  return root
}

/** Blocks separated by blank lines: bullet lists or paragraphs. */
export function parseRichText(lines: readonly Line[]): RichText {
  const blocks: RichText = []
  let i = 0
  while (i < lines.length) {
    if (isBlank(lines[i]!)) {
      i++
      continue
    }
    const start = i
    while (i < lines.length && !isBlank(lines[i]!)) i++
    const chunk = lines.slice(start, i)
    if (ITEM.test(chunk[0]!.text)) blocks.push({ type: 'bulletList', items: parseList(chunk) })
    else blocks.push({ type: 'paragraph', content: markdownToInlines(chunk.map((l) => l.text).join('\n')) })
  }
  return blocks
}

// --------------------------------------------------------------- fields

type FieldValues = Map<FieldLabel, { value: string; lines: Line[]; no: number }>

/** Reads the leading `Libellé : valeur` lines of a section; returns them and the index of the prose. */
function parseFields(section: SectionName, lines: readonly Line[]): { fields: FieldValues; rest: number } {
  const fields: FieldValues = new Map()
  let i = 0
  while (i < lines.length && isBlank(lines[i]!)) i++
  while (i < lines.length) {
    const line = lines[i]!
    const found = fieldLabelOf(line.text)
    if (!found || !SECTION_FIELDS[section].includes(found.label)) break
    if (fields.has(found.label)) throw new ConversionError('markdown.duplicate_field', `le champ « ${found.label} » apparaît deux fois dans la section ${SECTION_LABELS[section]}`, line.no)
    i++
    const block: Line[] = []
    if (BLOCK_FIELDS.includes(found.label) && found.rest.trim() === '') {
      while (i < lines.length && !isBlank(lines[i]!) && (ITEM.test(lines[i]!.text) || endsWithHardBreak(lines[i - 1]!.text))) block.push(lines[i++]!)
    }
    fields.set(found.label, { value: found.rest, lines: block, no: line.no })
  }
  return { fields, rest: i }
}

function text(fields: FieldValues, label: FieldLabel): string | null {
  const f = fields.get(label)
  return f ? unescapeValue(f.value) : null
}

function list(fields: FieldValues, label: FieldLabel): string[] {
  const f = fields.get(label)
  return f ? splitValue(f.value, ';') : []
}

function parseInteger(raw: string, label: string, no: number): number {
  const value = raw.trim()
  if (!/^\d+$/.test(value)) throw new ConversionError('markdown.invalid_number', `${label} : un nombre entier est attendu (reçu « ${value} »)`, no)
  return Number(value)
}

function integer(fields: FieldValues, label: FieldLabel): number | null {
  const f = fields.get(label)
  return f ? parseInteger(unescapeValue(f.value), label, f.no) : null
}

/** The `- …` lines of a block field, each without its bullet. */
function bulletValues(fields: FieldValues, label: FieldLabel): { raw: string; no: number }[] {
  const f = fields.get(label)
  if (!f) return []
  return f.lines.map((line) => {
    const m = ITEM.exec(line.text)
    if (!m) throw new ConversionError('markdown.list_expected', `${label} : une ligne « - … » est attendue`, line.no)
    return { raw: m[2] ?? '', no: line.no }
  })
}

function links(fields: FieldValues, label: FieldLabel): FicheLink[] {
  return bulletValues(fields, label).map(({ raw, no }) => {
    const [first = '', ...parts] = splitValue(raw, '|')
    const link: FicheLink = { label: first, code: null, ficheId: null }
    for (const part of parts) {
      const m = /^(code|fiche)(?: ([\s\S]*))?$/.exec(part)
      if (!m) throw new ConversionError('markdown.invalid_link', `${label} : « code … » ou « fiche … » est attendu après « | » (reçu « ${part} »)`, no)
      if (m[1] === 'code') link.code = m[2] ?? ''
      else link.ficheId = m[2] ?? ''
    }
    return link
  })
}

// ------------------------------------------------------------- the fiche

/**
 * Reads one fiche from Markdown. The fiche id comes from the
 * `<!-- fiche: … -->` line, or from `id` when given (which wins). Returns a
 * valid canonical fiche or throws ConversionError.
 */
export function markdownToFiche(markdown: string, id?: string): Fiche {
  return readFiche(splitLines(markdown), id)
}

export function splitLines(markdown: string): Line[] {
  return markdown.split('\n').map((text, i) => ({ text: text.replace(/\r$/, ''), no: i + 1 }))
}

/** Reads a fiche from its lines (the first non-blank one is its title heading, at any level). */
export function readFiche(lines: readonly Line[], id?: string): Fiche {
  let i = 0
  while (i < lines.length && isBlank(lines[i]!)) i++
  const titleLine = lines[i]
  const title = titleLine && HEADING.exec(titleLine.text)
  if (!title) throw new ConversionError('markdown.title_missing', 'le document doit commencer par le titre de la fiche (« # Intitulé »)', lines[i]?.no ?? 1)
  const level = title[1]!.length
  const fiche = emptyFiche(id ?? '')
  fiche.denomination.intitule = unescapeValue(title[2] ?? '')
  i++

  const seen: SectionName[] = []
  const bodies = new Map<SectionName, Line[]>()
  let body: Line[] | null = null
  for (; i < lines.length; i++) {
    const line = lines[i]!
    const comment = /^<!--\s*fiche:\s*(.*?)\s*-->\s*$/.exec(line.text)
    if (comment) {
      if (id === undefined) fiche.id = unescapeValue(comment[1]!)
      continue
    }
    if (/^<!--.*-->\s*$/.test(line.text)) continue
    const h = HEADING.exec(line.text)
    if (h && h[1]!.length <= level + 1) {
      if (h[1]!.length <= level) throw new ConversionError('markdown.second_fiche', 'un seul titre de fiche est attendu : ce titre commence une autre fiche', line.no)
      const section = SECTION_BY_KEY.get(looseKey(unescapeValue(h[2] ?? '')))
      if (!section) throw new ConversionError('markdown.unknown_section', `section inconnue « ${h[2] ?? ''} » ; attendues : ${SECTION_NAMES.map((n) => SECTION_LABELS[n]).join(', ')}`, line.no)
      const last = seen[seen.length - 1]
      if (last !== undefined && SECTION_NAMES.indexOf(section) <= SECTION_NAMES.indexOf(last)) {
        throw new ConversionError('markdown.section_order', `la section ${SECTION_LABELS[section]} est répétée ou hors de son ordre (${SECTION_NAMES.map((n) => SECTION_LABELS[n]).join(', ')})`, line.no)
      }
      seen.push(section)
      body = []
      bodies.set(section, body)
      continue
    }
    if (!body) {
      if (isBlank(line)) continue
      throw new ConversionError('markdown.outside_section', 'ce texte est avant la première section (« ## Dénomination »…) : placez-le dans une section', line.no)
    }
    body.push(line)
  }
  if (fiche.id === '') throw new ConversionError('markdown.id_missing', 'l’identifiant de la fiche manque (ligne « <!-- fiche: … --> »)', titleLine!.no)

  for (const name of seen) readSection(fiche, name, bodies.get(name)!, level)
  const result = validateFiche(fiche)
  if (!result.ok) {
    const issue = result.issues[0]!
    throw new ConversionError(issue.code, issue.message)
  }
  return result.value
}

function readSection(fiche: Fiche, name: SectionName, lines: Line[], level: number): void {
  let prose = lines
  const groups: { titre: Line; lines: Line[] }[] = []
  if (name === 'contenu') {
    const groupHeading = (l: Line) => {
      const h = HEADING.exec(l.text)
      return h !== null && h[1]!.length === level + 2
    }
    const first = lines.findIndex(groupHeading)
    if (first >= 0) {
      prose = lines.slice(0, first)
      for (const line of lines.slice(first)) {
        if (groupHeading(line)) groups.push({ titre: line, lines: [] })
        else groups[groups.length - 1]!.lines.push(line)
      }
    }
  }
  const stray = prose.find((l) => HEADING.test(l.text))
  if (stray) throw new ConversionError('markdown.unexpected_heading', `titre inattendu dans la section ${SECTION_LABELS[name]} : « ${stray.text} »`, stray.no)

  const { fields, rest } = parseFields(name, prose)
  const content = parseRichText(prose.slice(rest))
  switch (name) {
    case 'denomination':
      Object.assign(fiche.denomination, {
        appellations: list(fields, 'Appellations'),
        code: text(fields, 'Code'),
        filiere: text(fields, 'Filière'),
        sousFamille: text(fields, 'Sous-famille'),
        content,
      })
      break
    case 'objet':
      fiche.objet = { content, memesFonctionsQue: text(fields, 'Mêmes fonctions que') }
      break
    case 'contenu':
      fiche.contenu = {
        content,
        groups: groups.map((g) => {
          const titre = unescapeValue(HEADING.exec(g.titre.text)![2] ?? '')
          const first = g.lines.findIndex((l) => !isBlank(l))
          const last = g.lines.findLastIndex((l) => !isBlank(l))
          const body = first < 0 ? [] : g.lines.slice(first, last + 1)
          const blank = body.find(isBlank)
          if (blank) throw new ConversionError('markdown.group_content', 'une seule liste est attendue par groupe (ligne vide au milieu)', blank.no)
          if (body[0] && !ITEM.test(body[0].text)) {
            throw new ConversionError('markdown.group_content', 'sous un titre de groupe, seule une liste à puces (« - ») est attendue', body[0].no)
          }
          return { titre, items: parseList(body) }
        }),
      }
      break
    case 'classement':
      fiche.classement = {
        categorie: text(fields, 'Catégorie'),
        niveau: text(fields, 'Niveau'),
        echelon: integer(fields, 'Échelon'),
        degres: list(fields, 'Degrés'),
        coefficient: integer(fields, 'Coefficient'),
        criteres: bulletValues(fields, 'Critères').map(({ raw, no }) => {
          const [critere = '', valeur, ...extra] = splitValue(raw, ':')
          if (valeur === undefined || extra.length) throw new ConversionError('markdown.invalid_critere', 'Critères : « - critère : valeur » est attendu', no)
          return { critere, valeur: parseInteger(valeur, `Critère « ${critere} »`, no) }
        }),
        paliers: bulletValues(fields, 'Paliers').map(({ raw, no }) => {
          const [head = '', ...others] = splitRaw(raw, ';')
          const [palier = '', niveau = null, ...extra] = splitValue(head, ':')
          if (extra.length) throw new ConversionError('markdown.invalid_palier', 'Paliers : « - palier : niveau ; coefficient N » est attendu', no)
          let coefficient: number | null = null
          for (const part of others.map(unescapeValue)) {
            const m = /^coefficient (.*)$/i.exec(part)
            if (!m) throw new ConversionError('markdown.invalid_palier', `Paliers : « coefficient N » est attendu après « ; » (reçu « ${part} »)`, no)
            coefficient = parseInteger(m[1]!, `Coefficient du palier « ${palier} »`, no)
          }
          return { palier, niveau, coefficient }
        }),
        periodeMaximale: text(fields, 'Période maximale'),
        content,
      }
      break
    case 'acces':
      fiche.acces = { items: fields.has('Modes d’accès') ? parseList(fields.get('Modes d’accès')!.lines) : [], content }
      break
    case 'evolution':
      fiche.evolution = { verticale: links(fields, 'Verticale'), transversale: links(fields, 'Transversale'), content }
      break
  }
}
