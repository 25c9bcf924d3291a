/**
 * Family C: a union's argued proposal with reference jobs in the middle
 * (see test/fixtures/family-c-proposition.txt). Before the first job: the
 * title ("Propositions CGT du …"), prose (→ preamble), a tab-separated grid
 * table (→ grid levels, one per row) and the prose that follows it (→ grid
 * content). Each job: an all-capital title, "Filière" and its value,
 * "Finalités du poste et principales activités" (→ objet), "Analyse selon
 * les critères de classification" with bulleted criteria groups (→ contenu
 * groups), "Autre appellation" (→ appellations), "Niveau de diplôme
 * d'accueil" (→ acces), "Classification" with one step per bullet
 * ("- Niveau confirmé : Employé niveau 3 – Coefficient 180." → paliers).
 * Prose between jobs goes to the grid content, prose after the last job to
 * the closing. Stub jobs (headings with nothing under them, steps without
 * value) are imported as they are, with warnings.
 */
import { emptyFiche, emptyTexte } from '../factory.ts'
import type { ActivityGroup, Fiche, GridLevel, Palier, RichText, Texte } from '../model.ts'
import { blocksToItems, bulletText, linesToBlocks } from './blocks.ts'
import { IdAllocator, slugify } from './ids.ts'
import { inlineText, paragraph, plainText } from './inline.ts'
import { isAllCaps } from './normalize.ts'
import { isPlaceholder, warnPlaceholder } from './placeholder.ts'
import type { ImportContext, SourceLine } from './source.ts'
import { findIdcc, findTitleLines } from './text-parts.ts'

const WRAPPED = { wrapped: true }
const TITLE_START = /^(Propositions?|Contre-propositions?|Projet|Accord|Avenant)\b/iu
const FILIERE = /^Fili[èe]re\s*:?\s*(.*)$/iu
const DOCUMENT_HEADING = /^(?:[IVX]+|\d{1,2})\.\s+\p{Lu}/u

const FINALITES = /^Finalit[ée]s?\s+du\s+poste\b/iu
const APPELLATION = /^Autres?\s+appellations?\b\s*:?\s*/iu

type Rubric = 'finalites' | 'analyse' | 'appellation' | 'diplome' | 'classification'
const RUBRICS: [Rubric, RegExp, string][] = [
  ['finalites', FINALITES, 'Finalités du poste et principales activités'],
  ['analyse', /^Analyse\s+selon\s+les\s+crit[èe]res\b/iu, 'Analyse selon les critères de classification'],
  ['appellation', APPELLATION, 'Autre appellation'],
  ['diplome', /^Niveau\s+de\s+dipl[ôo]me\b/iu, "Niveau de diplôme d'accueil"],
  ['classification', /^Classification\s*:?\s*$/iu, 'Classification'],
]
const PALIER = /^(?:(?:Niveau|Palier|[ÉE]chelon)\s+)?([^:]{1,40}?)\s*:\s*(.*)$/u
const NAMED_PALIER = /^(?:Niveau|Palier|[ÉE]chelon)\s+[^:]{1,40}:/u

/** A step of the classification: a bullet "x : y", or a line "Niveau x : y" without bullet. */
function isPalierLine(text: string): boolean {
  const bullet = bulletText(text)
  return bullet !== null ? PALIER.test(bullet) : NAMED_PALIER.test(text)
}

export function parseFamilyC(ctx: ImportContext, fallbackTitle: string): Texte {
  const texte = emptyTexte()
  const lines = ctx.lines
  texte.idcc = findIdcc(lines)
  const next = nextContentLines(lines)
  const starts = lines.map((_, i) => i).filter((i) => isJobTitle(lines[i], next[i]))
  const firstJob = starts[0] ?? lines.length

  const head = lines.slice(0, firstJob)
  const titleLines = findTitleLines(head, TITLE_START)
  ctx.place(...titleLines)
  texte.title = titleLines.length > 0 ? titleLines.map((l) => l.text).join(' ') : fallbackTitle
  const tableStart = head.findIndex((l) => isTableRow(l))
  if (tableStart === -1) {
    texte.preamble = proseBlocks(ctx, head.filter((l) => !titleLines.includes(l)))
  } else {
    let tableEnd = tableStart
    while (tableEnd < head.length && (isTableRow(head[tableEnd]) || head[tableEnd]?.furniture)) tableEnd++
    texte.preamble = proseBlocks(ctx, head.slice(0, tableStart).filter((l) => !titleLines.includes(l)))
    texte.grid.levels = gridFromTable(ctx, head.slice(tableStart, tableEnd))
    texte.grid.content = linesToBlocks(ctx, head.slice(tableEnd), WRAPPED)
  }

  const ids = new IdAllocator()
  starts.forEach((start, k) => {
    const end = starts[k + 1] ?? lines.length
    const { fiche, after } = parseJob(ctx, lines.slice(start, end))
    fiche.id = ids.take(slugify(fiche.denomination.filiere ?? '', 3), slugify(fiche.denomination.intitule, 8))
    texte.fiches.push(fiche)
    const prose = linesToBlocks(ctx, after, WRAPPED)
    if (k + 1 < starts.length) texte.grid.content.push(...prose)
    else texte.closing.push(...prose)
  })
  return texte
}

const TOC_HEADING = /^(?:Sommaire|Table\s+des\s+mati[èe]res|Plan)\s*:?$/iu
/** « 1. Introduction⇥2 », « Introduction ........ 2 »: an entry and its page number. */
const TOC_ENTRY = /^\s*\S.*?(?:\t+|\s*[.…]{3,}\s*|\s{3,})\d{1,3}\s*$/u

/**
 * Prose of the text's parts, a table of contents excepted: its lines have no
 * final punctuation, so joining wrapped lines would glue them into one
 * paragraph; each stays its own paragraph, with a warning (a person may
 * rather delete it).
 */
function proseBlocks(ctx: ImportContext, lines: readonly SourceLine[]): RichText {
  const blocks: RichText = []
  let run: SourceLine[] = []
  let warned = false
  const flush = () => {
    blocks.push(...linesToBlocks(ctx, run, WRAPPED))
    run = []
  }
  lines.forEach((line, i) => {
    const isEntry = !line.furniture && TOC_ENTRY.test(line.raw)
    const nextEntry = lines.slice(i + 1).find((l) => !l.furniture && l.text.length > 0)
    const isHeading = !line.furniture && TOC_HEADING.test(line.text) && nextEntry !== undefined && TOC_ENTRY.test(nextEntry.raw)
    if (!isEntry && !isHeading) {
      run.push(line)
      return
    }
    flush()
    ctx.place(line)
    blocks.push(paragraph(line.text))
    if (!warned) {
      warned = true
      ctx.warn('TABLE_OF_CONTENTS', `Ligne ${line.no} : table des matières reconnue ; chaque entrée est gardée comme un paragraphe du préambule, supprimez-la si elle est inutile.`, line)
    }
  })
  flush()
  return blocks
}

/** For each line, the next line that carries content (neither blank nor furniture). */
function nextContentLines(lines: readonly SourceLine[]): (SourceLine | undefined)[] {
  const next: (SourceLine | undefined)[] = new Array(lines.length)
  let following: SourceLine | undefined
  for (let i = lines.length - 1; i >= 0; i--) {
    next[i] = following
    const line = lines[i] as SourceLine
    if (!line.furniture && line.text.length > 0) following = line
  }
  return next
}

/** An all-capital line followed by "Filière" or "Finalités du poste". */
function isJobTitle(line: SourceLine | undefined, next: SourceLine | undefined): boolean {
  if (!line || line.furniture || !isAllCaps(line.text) || (line.text.match(/\p{L}/gu)?.length ?? 0) < 3) return false
  return next !== undefined && (FILIERE.test(next.text) || FINALITES.test(next.text))
}

function isTableRow(line: SourceLine | undefined): boolean {
  return !!line && !line.furniture && line.raw.split('\t').filter((c) => c.trim().length > 0).length >= 4
}

/**
 * The grid table: a header row then one row per level. "Catégorie" and
 * "Niveau" columns give the level; every other column becomes a line of its
 * definition, prefixed with the column name.
 */
function gridFromTable(ctx: ImportContext, rows: readonly SourceLine[]): GridLevel[] {
  const [header, ...body] = rows.filter((r) => !r.furniture)
  if (!header) return []
  ctx.place(...rows)
  const cells = (line: SourceLine) => line.raw.split('\t').map((c) => plainText(c.replace(/\u00A0/g, ' ').replace(/\s+/g, ' ').trim()))
  const names = cells(header)
  const niveauAt = names.findIndex((n) => /^niveau/iu.test(n))
  const categorieAt = names.findIndex((n) => /^cat[ée]gorie/iu.test(n))
  let previousCategorie: string | null = null
  return body.map((row) => {
    const values = cells(row)
    // A cell merged over several rows (« Employés » for two levels) is only in its first row's text.
    if (categorieAt >= 0) {
      if (values[categorieAt]) previousCategorie = values[categorieAt] ?? null
      else if (previousCategorie) {
        values[categorieAt] = previousCategorie
        ctx.warn(
          'MERGED_CELL_CARRIED',
          `Ligne ${row.no} : catégorie vide, reprise de la ligne précédente (« ${previousCategorie} », cellule fusionnée) ; vérifiez-la.`,
          row,
        )
      }
    }
    const definition: RichText = []
    names.forEach((name, i) => {
      const value = values[i] ?? ''
      if (i !== niveauAt && i !== categorieAt && value.length > 0) definition.push(paragraph(`${name} : ${value}`))
    })
    // Cells beyond the header's columns are kept rather than dropped.
    for (const extra of values.slice(names.length)) if (extra.length > 0) definition.push(paragraph(extra))
    return {
      niveau: (niveauAt >= 0 ? values[niveauAt] : '') || String(body.indexOf(row) + 1),
      categorie: categorieAt >= 0 ? values[categorieAt] || null : null,
      definition,
    }
  })
}

interface JobParts {
  title: SourceLine
  filiere: SourceLine[]
  rubrics: Map<Rubric, { heading: SourceLine; lines: SourceLine[] }>
  after: SourceLine[]
}

function splitJob(lines: readonly SourceLine[]): JobParts {
  const [title, ...rest] = lines
  if (!title) throw new Error('emploi sans titre')
  const parts: JobParts = { title, filiere: [], rubrics: new Map(), after: [] }
  let current: SourceLine[] | null = null
  let inFiliere = false
  let ended = false
  for (const line of rest) {
    if (ended) {
      parts.after.push(line)
      continue
    }
    const text = line.text
    if (line.furniture || text.length === 0) {
      current?.push(line)
      continue
    }
    if (DOCUMENT_HEADING.test(text) || endsClassification(parts, current, line)) {
      ended = true
      parts.after.push(line)
      continue
    }
    if (FILIERE.test(text) && !parts.filiere.length) {
      parts.filiere.push(line)
      inFiliere = FILIERE.exec(text)?.[1] === ''
      current = null
      continue
    }
    const rubric = RUBRICS.find(([, re]) => re.test(text))
    if (rubric) {
      current = []
      parts.rubrics.set(rubric[0], { heading: line, lines: current })
      inFiliere = false
      continue
    }
    if (inFiliere) {
      parts.filiere.push(line)
      inFiliere = false
    } else if (current) current.push(line)
    else parts.after.push(line)
  }
  return parts
}

/** After the classification steps, the first line that is not a step ends the job. */
function endsClassification(parts: JobParts, current: SourceLine[] | null, line: SourceLine): boolean {
  const classification = parts.rubrics.get('classification')
  if (!classification || classification.lines !== current) return false
  const steps = current.filter((l) => l.text.length > 0 && !l.furniture)
  return steps.length > 0 && !isPalierLine(line.text)
}

function parseJob(ctx: ImportContext, lines: readonly SourceLine[]): { fiche: Fiche; after: SourceLine[] } {
  const parts = splitJob(lines)
  ctx.place(parts.title, ...parts.filiere)
  const fiche = emptyFiche('', plainText(parts.title.text))
  const intitule = fiche.denomination.intitule
  const filiereText = parts.filiere.map((l) => l.text).join(' ')
  fiche.denomination.filiere = plainText(filiereText.replace(/^Fili[èe]re\s*:?\s*/iu, '')) || null
  if (!fiche.denomination.filiere) {
    ctx.warn('SECTION_MISSING', `Ligne ${parts.title.no} : l'emploi « ${intitule} » n'a pas de filière.`, parts.title)
  }

  for (const [rubric, , label] of RUBRICS) {
    const part = parts.rubrics.get(rubric)
    if (!part) {
      ctx.warn('SECTION_MISSING', `Ligne ${parts.title.no} : l'emploi « ${intitule} » n'a pas de rubrique « ${label} ».`, parts.title)
      continue
    }
    ctx.place(part.heading)
    // Only "Autre appellation : …" may carry its value on the heading line.
    const inline = rubric === 'appellation' ? part.heading.text.replace(APPELLATION, '').trim() : ''
    const content = part.lines.filter((l) => !l.furniture && l.text.length > 0)
    if (content.length === 0 && inline.length === 0) {
      ctx.warn('SECTION_EMPTY', `Ligne ${part.heading.no} : la rubrique « ${label} » de l'emploi « ${intitule} » est vide.`, part.heading)
      continue
    }
    fillRubric(ctx, fiche, rubric, part.heading, part.lines, inline)
  }
  return { fiche, after: parts.after }
}

/** The line that holds a placeholder value: a line of the rubric, or its heading (« Autre appellation : - »). */
function placeholderLine(heading: SourceLine, lines: readonly SourceLine[]): SourceLine {
  return lines.find((l) => !l.furniture && isPlaceholder(bulletText(l.text) ?? l.text)) ?? heading
}

function fillRubric(ctx: ImportContext, fiche: Fiche, rubric: Rubric, heading: SourceLine, lines: readonly SourceLine[], inline: string): void {
  switch (rubric) {
    case 'finalites':
      fiche.objet.content.push(...linesToBlocks(ctx, lines, WRAPPED))
      return
    case 'analyse':
      fillAnalyse(ctx, fiche, heading, linesToBlocks(ctx, lines, WRAPPED))
      return
    case 'appellation': {
      ctx.place(...lines)
      const text = [inline, ...lines.filter((l) => !l.furniture).map((l) => bulletText(l.text) ?? l.text)].join(', ')
      const names = text.split(/\s*[,;]\s*/u).map((n) => plainText(n).replace(/\.$/u, '').trim()).filter((n) => n.length > 0)
      fiche.denomination.appellations.push(...names.filter((n) => !isPlaceholder(n)))
      if (names.some(isPlaceholder)) warnPlaceholder(ctx, placeholderLine(heading, lines), fiche.denomination.intitule, 'Autre appellation')
      return
    }
    case 'diplome': {
      const values = lines.filter((l) => !l.furniture && l.text.length > 0)
      const kept = lines.filter((l) => !isPlaceholder(bulletText(l.text) ?? l.text) || l.text.length === 0)
      ctx.place(...lines)
      fiche.acces.items.push(...blocksToItems(linesToBlocks(ctx, kept, WRAPPED)))
      const dropped = values.find((l) => isPlaceholder(bulletText(l.text) ?? l.text))
      if (dropped) warnPlaceholder(ctx, dropped, fiche.denomination.intitule, "Niveau de diplôme d'accueil")
      return
    }
    case 'classification':
      fillPaliers(ctx, fiche, lines)
      return
  }
}

/**
 * Criteria groups come as "• Group" bullets with nested "- item" bullets, or
 * as a title line ("Group :", or in bold) followed by a list; both become
 * titled groups. Under a title line, every list up to the next title belongs
 * to its group, even when blank lines split it into several lists (the
 * trainer's job); such inferred groups are warned, once per job.
 */
function fillAnalyse(ctx: ImportContext, fiche: Fiche, heading: SourceLine, blocks: RichText): void {
  let open: ActivityGroup | null = null
  let inferred = false
  blocks.forEach((block, i) => {
    if (block.type === 'paragraph') {
      const text = inlineText(block.content)
      if (blocks[i + 1]?.type === 'bulletList' && text.length <= 80) {
        open = { titre: text.replace(/\s*:\s*$/u, ''), items: [] }
        fiche.contenu.groups.push(open)
      } else {
        fiche.contenu.content.push(block)
        open = null
      }
      return
    }
    if (open !== null) {
      if (open.items.length > 0) inferred = true
      open.items.push(...block.items)
      return
    }
    for (const item of block.items) {
      const text = inlineText(item.content)
      if (item.children.length > 0 || !/[.;]$/u.test(text)) {
        fiche.contenu.groups.push({ titre: text.replace(/\s*:\s*$/u, ''), items: item.children })
      } else {
        const last = fiche.contenu.groups[fiche.contenu.groups.length - 1]
        if (last && last.titre === null) last.items.push(item)
        else fiche.contenu.groups.push({ titre: null, items: [item] })
      }
    }
  })
  if (inferred) {
    ctx.warn(
      'ACTIVITY_GROUPS_INFERRED',
      `Ligne ${heading.no} : les activités de « ${fiche.denomination.intitule} », séparées par des lignes vides, ont été regroupées sous leurs titres (${fiche.contenu.groups.map((g) => `« ${g.titre ?? 'sans titre'} »`).join(', ')}) ; vérifiez les groupes.`,
      heading,
    )
  }
}

/** "- Niveau confirmé : Employé niveau 3 – Coefficient 180." → { palier: "confirmé", niveau: "Employé niveau 3", coefficient: 180 }. */
export function parsePalier(text: string): { palier: Palier; badCoefficient: string | null } | null {
  const match = PALIER.exec(text)
  if (!match) return null
  const value = (match[2] ?? '').replace(/\.$/u, '').trim()
  const parts = value.length > 0 ? value.split(/\s+[–—-]\s+/u) : []
  const coefficientPart = parts.find((p) => /^coefficient\b/iu.test(p))
  const niveau = parts.filter((p) => p !== coefficientPart).join(' – ').trim()
  const number = coefficientPart ? /^coefficient\s*:?\s*(\d{1,4})$/iu.exec(coefficientPart) : null
  const coefficient = number && Number(number[1]) > 0 ? Number(number[1]) : null
  return {
    palier: { palier: (match[1] ?? '').trim(), niveau: niveau || null, coefficient },
    badCoefficient: coefficientPart && coefficient === null ? coefficientPart : null,
  }
}

function fillPaliers(ctx: ImportContext, fiche: Fiche, lines: readonly SourceLine[]): void {
  const notes: SourceLine[] = []
  for (const line of lines) {
    if (line.furniture || line.text.length === 0) continue
    const parsed = isPalierLine(line.text) ? parsePalier(plainText(bulletText(line.text) ?? line.text)) : null
    if (!parsed) {
      notes.push(line)
      continue
    }
    ctx.place(line)
    const { palier, badCoefficient } = parsed
    fiche.classement.paliers.push(palier)
    const intitule = fiche.denomination.intitule
    if (badCoefficient) {
      fiche.classement.content.push(paragraph(bulletText(line.text) ?? line.text))
      ctx.warn(
        'INVALID_COEFFICIENT',
        `Ligne ${line.no} : « ${badCoefficient} » (palier « ${palier.palier} » de « ${intitule} ») n'est pas un coefficient chiffré ; la phrase est conservée dans le classement.`,
        line,
      )
    } else if (palier.niveau === null && palier.coefficient === null) {
      ctx.warn('PALIER_WITHOUT_VALUE', `Ligne ${line.no} : le palier « ${palier.palier} » de « ${intitule} » n'a ni niveau ni coefficient.`, line)
    }
  }
  fiche.classement.content.push(...linesToBlocks(ctx, notes, WRAPPED))
}
