/**
 * Family A: one qualification fiche per file (`000_…`, `001_…`), with
 * headings such as "1/ Dénomination(s) de la qualification", "Objet…",
 * "Contenu…" ("A - …" / "B - …" groups of "- " bullets), "Extensions
 * possibles…", "Classement", "Degrés de progression", "Modes d'accès…",
 * "Possibilités d'évolution professionnelle". Headings are recognised by
 * their words (numbering differs between fiches) and by their form (bold,
 * Markdown heading or "N/" numbering), so that a sentence starting with
 * "Objet" is not taken for one.
 */
import { emptyFiche, emptyTexte } from '../factory.ts'
import { SECTION_LABELS, type Fiche, type FicheLink, type SectionName, type Texte } from '../model.ts'
import { blocksToItems, bulletText, linesToBlocks } from './blocks.ts'
import { IdAllocator, slugify } from './ids.ts'
import { paragraph, plainText } from './inline.ts'
import { parseClassementLine } from './classement-text.ts'
import type { ImportContext, SourceLine } from './source.ts'

type PartName = 'denomination' | 'objet' | 'contenu' | 'extensions' | 'classement' | 'degres' | 'acces' | 'evolution'

const HEADINGS: [PartName, RegExp][] = [
  ['denomination', /^d[ée]nominations?(?:\(s\))?\b/iu],
  ['objet', /^objet\b/iu],
  ['contenu', /^contenu\b/iu],
  ['extensions', /^extensions?\s+possibles?\b/iu],
  ['classement', /^classement\b/iu],
  ['degres', /^degr[ée]s\s+de\s+progression\b/iu],
  ['acces', /^modes?\s+d['’]acc[èe]s\b/iu],
  ['evolution', /^possibilit[ée]s\s+d['’][ée]volution\b/iu],
]
const EXPECTED: SectionName[] = ['denomination', 'objet', 'contenu', 'classement', 'acces']
const NON_WRAPPED = { wrapped: false }
const GROUP = /^(\p{Lu})\s*[-–—.)]\s+(\S.*)$/u

interface Heading {
  part: PartName
  label: string
  trailing: string
}

/** A heading line of family A, or null for content. */
export function parseHeadingA(text: string): Heading | null {
  let t = text
  let marked = false
  const markdown = /^#{1,6}\s+/.exec(t)
  if (markdown) {
    t = t.slice(markdown[0].length)
    marked = true
  }
  let trailing = ''
  const bold = /^\*\*(.+?)\*\*\s*(.*)$/u.exec(t)
  if (bold) {
    t = bold[1] ?? ''
    trailing = bold[2] ?? ''
    marked = true
  }
  const numbered = /^\d+\s*[/.)°-]\s*/u.exec(t)
  if (numbered) {
    t = t.slice(numbered[0].length)
    marked = true
  }
  if (!marked) return null
  // "Dénominations de la qualification : (selon le cas)" inside the bold:
  // the parenthesised note is the section's text, not part of its heading.
  const note = /^(.*?)\s*:?\s*(\([^()]*\))\s*:?\s*$/u.exec(t)
  if (note && note[1]) {
    t = note[1]
    trailing = `${note[2] ?? ''} ${trailing}`
  }
  const label = t.replace(/\s*:\s*$/u, '').trim()
  for (const [part, re] of HEADINGS) if (re.test(label)) return { part, label, trailing: trailing.trim() }
  return null
}

interface Part {
  heading: Heading
  line: SourceLine
  lines: SourceLine[]
}

export function parseFamilyA(ctx: ImportContext, fallbackTitle: string): Texte {
  const texte = emptyTexte()
  const parts: Part[] = []
  const before: SourceLine[] = []
  for (const line of ctx.lines) {
    const heading = line.furniture ? null : parseHeadingA(line.text)
    if (heading) {
      ctx.place(line)
      parts.push({ heading, line, lines: [] })
    } else if (parts.length > 0) parts[parts.length - 1]?.lines.push(line)
    else before.push(line)
  }

  // Bold or Markdown-heading lines above the first section are the title.
  const firstTitle = before.filter((l) => !l.furniture && isTitleLine(l.text))
  texte.preamble = linesToBlocks(ctx, before.filter((l) => !firstTitle.includes(l)), NON_WRAPPED)

  const ids = new IdAllocator()
  const titles: string[] = []
  for (const group of groupFiches(parts, firstTitle)) {
    ctx.place(...group.titleLines)
    const title = group.titleLines.map((l) => plainText(l.text.replace(/^#{1,6}\s+/u, ''))).join(' / ')
    titles.push(title)
    const fiche = emptyFiche('')
    const seen = new Set<SectionName>()
    for (const part of group.parts) {
      seen.add(sectionOf(part.heading.part))
      fillPart(ctx, fiche, part)
    }
    if (fiche.denomination.intitule === '') fiche.denomination.intitule = title || fallbackTitle
    fiche.id = ids.take(slugify(fiche.denomination.code ?? fiche.denomination.intitule) || 'fiche')
    for (const section of EXPECTED) {
      if (!seen.has(section)) {
        ctx.warn('SECTION_MISSING', `La fiche « ${fiche.denomination.intitule} » n'a pas de section « ${SECTION_LABELS[section]} ».`, group.parts[0]?.line)
      }
    }
    texte.fiches.push(fiche)
  }
  const [only] = texte.fiches
  texte.title = texte.fiches.length === 1 && only ? titles[0] || only.denomination.intitule : fallbackTitle || titles[0] || ''
  // In a file of several fiches, a title that the dénominations do not repeat stays with its fiche.
  texte.fiches.forEach((fiche, i) => {
    const title = titles[i] ?? ''
    const names = [fiche.denomination.intitule, ...fiche.denomination.appellations].map(fold)
    const repeated = title === texte.title || fold(title) === names[0] || fold(title) === names.join(' / ')
    if (title !== '' && !repeated) fiche.denomination.content.unshift(paragraph(title, ['bold']))
  })
  linkEvolutions(texte.fiches)
  return texte
}

function isNote(text: string): boolean {
  return /^\([^()]*\)$/u.test(text)
}

function isTitleLine(text: string): boolean {
  return /^(#{1,6}\s+|\*\*.+\*\*$)/u.test(text) && parseHeadingA(text) === null
}

interface FicheGroup {
  titleLines: SourceLine[]
  parts: Part[]
}

/**
 * Several fiches may follow each other in one file: a new "Dénomination"
 * heading after other sections opens the next fiche, and the bold or "##"
 * lines just above it are that fiche's title, not the end of the previous one.
 */
function groupFiches(parts: readonly Part[], firstTitle: SourceLine[]): FicheGroup[] {
  const groups: FicheGroup[] = []
  for (const part of parts) {
    const current = groups[groups.length - 1]
    if (current && !(part.heading.part === 'denomination' && current.parts.length > 0)) {
      current.parts.push(part)
      continue
    }
    const previous = current?.parts[current.parts.length - 1]
    groups.push({ titleLines: previous ? takeTrailingTitle(previous.lines) : firstTitle, parts: [part] })
  }
  return groups
}

/** Removes and returns the title lines that end a part's lines (blank lines aside). */
function takeTrailingTitle(lines: SourceLine[]): SourceLine[] {
  let start = lines.length
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] as SourceLine
    if (line.furniture || line.text.length === 0) continue
    if (!isTitleLine(line.text)) break
    start = i
  }
  const title = lines.splice(start).filter((l) => !l.furniture && l.text.length > 0)
  return title
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[’]/g, "'").toLowerCase().replace(/\s+/g, ' ').trim()
}

/**
 * Links between fiches of the same text: "cadre expert / adjoint au chef de
 * service" names the fiche whose intitulé or appellations match its parts.
 */
function linkEvolutions(fiches: Fiche[]): void {
  if (fiches.length < 2) return
  const byName = new Map<string, string>()
  for (const fiche of fiches) {
    for (const name of [fiche.denomination.intitule, ...fiche.denomination.appellations]) byName.set(fold(name), fiche.id)
  }
  for (const fiche of fiches) {
    for (const link of [...fiche.evolution.verticale, ...fiche.evolution.transversale]) {
      const target = link.label.split(/\s*\/\s*/u).map((part) => byName.get(fold(part))).find((id) => id !== undefined)
      if (target && target !== fiche.id) link.ficheId = target
    }
  }
}

function sectionOf(part: PartName): SectionName {
  if (part === 'extensions') return 'contenu'
  if (part === 'degres') return 'classement'
  return part
}

function fillPart(ctx: ImportContext, fiche: Fiche, part: Part): void {
  const { heading, lines } = part
  const trailing = heading.trailing ? [paragraph(heading.trailing)] : []
  const content = lines.filter((l) => !l.furniture && l.text.length > 0)
  switch (heading.part) {
    case 'denomination': {
      ctx.place(...content)
      fiche.denomination.content.push(...trailing)
      // A line wholly in parentheses ("(selon le cas)") is a note on the names, not a name.
      const texts = content.map((l) => plainText(bulletText(l.text) ?? l.text)).filter((n) => n.length > 0)
      for (const note of texts.filter(isNote)) fiche.denomination.content.push(paragraph(note))
      const names = texts.filter((n) => !isNote(n))
      if (fiche.denomination.intitule === '' && names[0]) fiche.denomination.intitule = names.shift() ?? ''
      fiche.denomination.appellations.push(...names)
      return
    }
    case 'objet':
      fiche.objet.content.push(...trailing, ...linesToBlocks(ctx, lines, NON_WRAPPED))
      return
    case 'contenu':
      fiche.contenu.content.push(...trailing)
      fillContenu(ctx, fiche, lines)
      return
    case 'extensions': {
      const blocks = [...trailing, ...linesToBlocks(ctx, lines, NON_WRAPPED)]
      fiche.contenu.groups.push({ titre: heading.label, items: blocksToItems(blocks) })
      return
    }
    case 'classement':
      for (const line of content) parseClassementLine(fiche.classement, plainText(bulletText(line.text) ?? line.text))
      fiche.classement.content.push(...trailing, ...linesToBlocks(ctx, lines, NON_WRAPPED))
      return
    case 'degres':
      fiche.classement.content.push(paragraph(heading.label, ['bold']), ...trailing, ...linesToBlocks(ctx, lines, NON_WRAPPED))
      return
    case 'acces':
      fiche.acces.content.push(...trailing)
      for (const block of linesToBlocks(ctx, lines, NON_WRAPPED)) {
        if (block.type === 'bulletList') fiche.acces.items.push(...block.items)
        else fiche.acces.content.push(block)
      }
      return
    case 'evolution':
      fiche.evolution.content.push(...trailing)
      fillEvolution(ctx, fiche, content)
      return
  }
}

/** "A - Activités …" opens a group; its bullets are the group's items. */
function fillContenu(ctx: ImportContext, fiche: Fiche, lines: readonly SourceLine[]): void {
  const before: SourceLine[] = []
  const groups: { titre: string; lines: SourceLine[] }[] = []
  for (const line of lines) {
    if (!line.furniture && GROUP.test(line.text) && bulletText(line.text) === null) {
      ctx.place(line)
      groups.push({ titre: plainText(line.text).replace(/\s*:\s*$/u, ''), lines: [] })
    } else if (groups.length > 0) groups[groups.length - 1]?.lines.push(line)
    else before.push(line)
  }
  fiche.contenu.content.push(...linesToBlocks(ctx, before, NON_WRAPPED))
  for (const group of groups) {
    fiche.contenu.groups.push({ titre: group.titre, items: blocksToItems(linesToBlocks(ctx, group.lines, NON_WRAPPED)) })
  }
}

const DIRECTION = /^(verticale|transversale)s?\s*:?\s*(.*)$/iu
const FICHE_CODE = /\(?\s*fiche\s+([\p{Lu}\d]+(?:\.[\p{Lu}\d]+)+)\s*\)?/iu

/**
 * "- Verticale :" / "- Transversale :" followed by ". chef de service
 * (fiche Z.C.III.1)" entries → links; an entry that names no fiche
 * ("Voir Panorama") is kept as a link without code.
 */
function fillEvolution(ctx: ImportContext, fiche: Fiche, lines: readonly SourceLine[]): void {
  let direction: { key: 'verticale' | 'transversale'; label: string } | null = null
  for (const line of lines) {
    ctx.place(line)
    const text = plainText(bulletText(line.text) ?? line.text)
    const heading = DIRECTION.exec(text)
    if (heading) {
      const label = heading[1] ?? ''
      direction = { key: label.toLowerCase() === 'verticale' ? 'verticale' : 'transversale', label }
      if (heading[2]) addEvolutionEntry(fiche, direction, heading[2])
      continue
    }
    if (direction) addEvolutionEntry(fiche, direction, text)
    else fiche.evolution.content.push(paragraph(text))
  }
}

function addEvolutionEntry(fiche: Fiche, direction: { key: 'verticale' | 'transversale'; label: string }, text: string): void {
  const code = FICHE_CODE.exec(text)
  if (!code && /^voir\b/iu.test(text)) {
    // "Transversale : Voir Panorama" names no fiche but is still the
    // transversale entry: a link without code, for a person to resolve.
    fiche.evolution[direction.key].push({ label: text.replace(/[\s.]+$/u, ''), code: null, ficheId: null })
    return
  }
  const label = (code ? text.replace(code[0], '') : text).replace(/[\s/,;.]+$/u, '').trim()
  const link: FicheLink = { label: label || text, code: code?.[1] ?? null, ficheId: null }
  fiche.evolution[direction.key].push(link)
}
