/**
 * Family D: an avenant whose jobs are numbered by coefficient (`004_…`,
 * photography branch). Parties and purpose → preamble; "Filière …" headings
 * → `denomination.filiere` (their explanatory paragraphs → grid content);
 * short headings such as "Production" or "Service client" → `sousFamille`;
 * each "155. Opérateur vendeur 1er niveau (période maximale de 6 mois)"
 * line opens a fiche (coefficient, intitulé, période maximale) whose
 * description lines give the objet (first paragraph) and the contenu (the
 * rest, one item per paragraph); "Mêmes fonctions que précédent" is kept and
 * linked to the job it names; "Fait à …" and what follows → closing. The
 * text is hard-wrapped (PDF), so lines are joined back into paragraphs.
 */
import { isDuree } from '../duree.ts'
import { emptyFiche, emptyTexte } from '../factory.ts'
import type { Fiche, RichText, Texte } from '../model.ts'
import { blocksToItems, linesToBlocks } from './blocks.ts'
import { IdAllocator, slugify } from './ids.ts'
import { inlineText, paragraph } from './inline.ts'
import { joinLineTexts } from './normalize.ts'
import type { ImportContext, SourceLine } from './source.ts'
import { resolveMemesFonctions } from './memes-fonctions.ts'
import { findIdcc, findTitleLines } from './text-parts.ts'

const WRAPPED = { wrapped: true }
export const JOB_LINE = /^(\d{2,4})\.\s+(\S.*)$/u
/** A coefficient mangled by extraction ("15O.", "1S5."): digits mixed with look-alike letters. */
const BAD_JOB_LINE = /^((?=[0-9OoIlS]*\d)(?=[0-9OoIlS]*[OoIlS])[0-9OoIlS]{2,4})\.\s+(\p{Lu}.*)$/u
const FILIERE = /^Fili[èe]re\s+(\S.*)$/iu
const CLOSING = /^Fait à\s/iu
const TITLE_START = /^(Avenant|Accord|Convention|Protocole)\b/iu
const PERIODE = /\s*\(p[ée]riode maximale(?:\s+de)?\s+([^)]+)\)\s*$/iu

interface OpenFiche {
  fiche: Fiche
  line: SourceLine
  description: SourceLine[]
}

interface FiliereSection {
  heading: string
  blocks: RichText
  intro: SourceLine[]
}

export function parseFamilyD(ctx: ImportContext, fallbackTitle: string): Texte {
  const texte = emptyTexte()
  const lines = ctx.lines
  texte.idcc = findIdcc(lines)

  const bodyStart = lines.findIndex((l) => !l.furniture && (FILIERE.test(l.text) || isJobLine(l.text)))
  const headerEnd = bodyStart === -1 ? lines.length : bodyStart
  const closingStart = findClosing(lines, headerEnd)
  const header = lines.slice(0, headerEnd)
  const titleLines = findTitleLines(header, TITLE_START)
  ctx.place(...titleLines)
  texte.title = titleLines.length > 0 ? joinLineTexts(titleLines.map((l) => l.text)) : fallbackTitle
  texte.preamble = linesToBlocks(ctx, header.filter((l) => !titleLines.includes(l)), WRAPPED)

  const opened: OpenFiche[] = []
  const sections: FiliereSection[] = []
  let filiere: string | null = null
  let sousFamille: string | null = null
  let section: FiliereSection | null = null
  let current: OpenFiche | null = null

  for (let i = headerEnd; i < closingStart; i++) {
    const line = lines[i]
    if (!line) continue
    const text = line.text
    if (line.furniture || text.length === 0) {
      if (current) current.description.push(line)
      else section?.intro.push(line)
      continue
    }
    const filiereMatch = FILIERE.exec(text)
    if (filiereMatch) {
      current = null
      const headingLines = [line]
      while (isContinuation(lines[i + 1])) headingLines.push(lines[++i] as SourceLine)
      ctx.place(...headingLines)
      const heading = joinLineTexts(headingLines.map((l) => l.text))
      filiere = capitalise(heading.replace(/^Fili[èe]re\s+/iu, ''))
      sousFamille = null
      section = { heading, blocks: [], intro: [] }
      sections.push(section)
      continue
    }
    const job = parseJobLine(ctx, line)
    if (job) {
      if (job.intitule.includes('(') && !job.intitule.includes(')') && isContinuation(lines[i + 1])) {
        const next = lines[++i] as SourceLine
        ctx.place(next)
        Object.assign(job, splitPeriode(ctx, next, joinLineTexts([job.intitule, next.text])))
      }
      const fiche = emptyFiche('', job.intitule)
      fiche.denomination.filiere = filiere
      fiche.denomination.sousFamille = sousFamille
      fiche.classement.coefficient = job.coefficient
      fiche.classement.periodeMaximale = job.periode
      current = { fiche, line, description: [] }
      opened.push(current)
      continue
    }
    if (isSubFamilyHeading(lines, i)) {
      current = null
      ctx.place(line)
      if (isSubFamilyHeading(lines, nextContentIndex(lines, i))) {
        // A heading over other headings ("Internet, marketing, informatique,
        // service client" above "Service client"): no fiche bears it.
        section?.blocks.push(paragraph(text, ['bold']))
        ctx.warn('HEADING_WITHOUT_FICHES', `Ligne ${line.no} : l'intertitre « ${text} » ne porte directement aucune fiche ; il est conservé dans la grille.`, line)
      } else {
        sousFamille = text
      }
      continue
    }
    if (current) current.description.push(line)
    else if (section) section.intro.push(line)
    else texte.preamble.push(...linesToBlocks(ctx, [line], WRAPPED))
  }

  for (const s of sections) {
    const intro = linesToBlocks(ctx, s.intro, WRAPPED)
    if (intro.length + s.blocks.length === 0) continue
    texte.grid.content.push(paragraph(s.heading, ['bold']), ...s.blocks, ...intro)
  }
  texte.fiches = opened.map((o) => finishFiche(ctx, o))
  assignIds(texte.fiches)
  resolveMemesFonctions(ctx, texte.fiches, opened.map((o) => o.line))
  texte.closing = linesToBlocks(ctx, lines.slice(closingStart), WRAPPED)
  return texte
}

function isJobLine(text: string): boolean {
  return JOB_LINE.test(text) || BAD_JOB_LINE.test(text)
}

interface JobLine {
  coefficient: number | null
  intitule: string
  periode: string | null
}

/**
 * « Attaché commercial débutant (période maximale de 6 mois) »: the title and
 * the period. A period that is not a duration (« 6 moié ») would make the
 * fiche invalid: it stays in the title, as written, and a warning says so.
 */
function splitPeriode(ctx: ImportContext, line: SourceLine, text: string): { intitule: string; periode: string | null } {
  const match = PERIODE.exec(text)
  if (!match) return { intitule: text, periode: null }
  const periode = (match[1] ?? '').trim()
  if (!isDuree(periode)) {
    ctx.warn(
      'INVALID_PERIODE',
      `Ligne ${line.no} : la période maximale « ${periode} » n'est pas une durée lisible (par exemple « 6 mois », « 1 an ») ; elle est laissée dans l'intitulé.`,
      line,
    )
    return { intitule: text, periode: null }
  }
  return { intitule: text.slice(0, match.index).trim(), periode }
}

function parseJobLine(ctx: ImportContext, line: SourceLine): JobLine | null {
  const good = JOB_LINE.exec(line.text)
  const bad = good ? null : BAD_JOB_LINE.exec(line.text)
  const match = good ?? bad
  if (!match) return null
  ctx.place(line)
  let { intitule, periode } = splitPeriode(ctx, line, (match[2] ?? '').trim())
  const invalid = bad !== null || Number(match[1]) === 0
  if (invalid) {
    ctx.warn(
      'INVALID_COEFFICIENT',
      `Ligne ${line.no} : le coefficient « ${match[1]} » de « ${intitule} » n'est pas un nombre positif ; la fiche est importée sans coefficient.`,
      line,
    )
    // Keep the unreadable coefficient in the title so that nothing is lost.
    intitule = `${match[1]}. ${intitule}`
  }
  return { coefficient: invalid ? null : Number(match[1]), intitule, periode }
}

function finishFiche(ctx: ImportContext, open: OpenFiche): Fiche {
  const { fiche } = open
  const blocks = linesToBlocks(ctx, open.description, WRAPPED)
  // "(Un diplôme reconnu … coefficient 175.)": a note on the classement, not the job.
  while (blocks[0]?.type === 'paragraph' && /^\(.*\)\.?$/su.test(inlineText(blocks[0].content))) {
    fiche.classement.content.push(blocks.shift() as RichText[number])
  }
  const first = blocks[0]
  if (first?.type === 'paragraph') {
    fiche.objet.content.push(first)
    blocks.shift()
    // "Applique des modes opératoires simples : – …": the list completes the objet.
    if (inlineText(first.content).endsWith(':') && blocks[0]?.type === 'bulletList') {
      fiche.objet.content.push(blocks.shift() as RichText[number])
    }
  }
  const items = blocksToItems(blocks)
  if (items.length > 0) fiche.contenu.groups.push({ titre: null, items })
  if (fiche.objet.content.length === 0 && items.length === 0) {
    ctx.warn('SECTION_MISSING', `Ligne ${open.line.no} : l'emploi « ${fiche.denomination.intitule} » n'a aucune description.`, open.line)
  }
  return fiche
}

function assignIds(fiches: Fiche[]): void {
  const ids = new IdAllocator()
  for (const fiche of fiches) {
    const d = fiche.denomination
    fiche.id = ids.take(slugify(d.filiere ?? '', 3), slugify(d.sousFamille ?? '', 3), fiche.classement.coefficient, slugify(d.intitule, 8))
  }
}

function findClosing(lines: readonly SourceLine[], from: number): number {
  const index = lines.findIndex((l, i) => i >= from && !l.furniture && CLOSING.test(l.text))
  return index === -1 ? lines.length : index
}

function isContinuation(line: SourceLine | undefined): boolean {
  return !!line && !line.furniture && /^\p{Ll}/u.test(line.text)
}

function nextContentIndex(lines: readonly SourceLine[], from: number): number {
  for (let i = from + 1; i < lines.length; i++) {
    const line = lines[i] as SourceLine
    if (!line.furniture && line.text.length > 0) return i
  }
  return -1
}

function previousLine(lines: readonly SourceLine[], from: number): SourceLine | undefined {
  for (let i = from - 1; i >= 0; i--) {
    const line = lines[i] as SourceLine
    if (!line.furniture) return line
  }
  return undefined
}

/**
 * A sub-family heading ("Production", "Service client"): a short line that
 * starts with a capital and ends without punctuation, standing after a blank
 * line or a finished sentence, and followed by a job line or by another such
 * heading.
 */
function isSubFamilyHeading(lines: readonly SourceLine[], index: number, depth = 0): boolean {
  const line = lines[index]
  if (!line) return false
  const text = line.text
  if (text.length === 0 || text.length > 60 || !/^\p{Lu}/u.test(text) || /[.,;:!?…)]$/u.test(text)) return false
  if (isJobLine(text) || FILIERE.test(text) || CLOSING.test(text)) return false
  const previous = previousLine(lines, index)
  if (previous && previous.text.length > 0 && !/[.!?…)]$/u.test(previous.text)) return false
  const next = lines[nextContentIndex(lines, index)]
  if (!next) return false
  return isJobLine(next.text) || (depth === 0 && isSubFamilyHeading(lines, nextContentIndex(lines, index), 1))
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('fr') + text.slice(1)
}
