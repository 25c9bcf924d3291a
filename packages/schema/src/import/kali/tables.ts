/**
 * What a table of a KALI article means, from its header row: a list of
 * jobs (« Intitulé de poste | Description | Points | Coefficient », « Agents
 * de maîtrise | Définitions | Niveaux ») becomes fiches with their
 * classement; a « Niveau | Définition » table becomes grid levels; any other
 * table stays as text, one paragraph per row. Merged cells are carried down,
 * and a row in bold that defines a level (« Fonctions repères | Les
 * fonctions de niveau 6 impliquent… | 6 ») becomes that level's definition.
 */
import { emptyFiche } from '../../factory.ts'
import type { Fiche, GridLevel, Paragraph } from '../../model.ts'
import { paragraph } from '../inline.ts'
import { cellText, expandTable, type HtmlCell, type HtmlTable } from '../html/read-html.ts'

type Role = 'title' | 'description' | 'niveau' | 'coefficient' | 'points' | 'categorie' | 'other'

const ROLES: [Role, RegExp][] = [
  ['coefficient', /coef/iu],
  ['points', /\bpoints?\b|cotation/iu],
  ['description', /d[ée]finitions?|descriptions?|missions?|activit[ée]s|contenu|finalit[ée]|caract[ée]ristiques|t[âa]ches/iu],
  ['categorie', /cat[ée]gorie|coll[èe]ge|statut/iu],
  ['niveau', /niveaux?|positions?|groupes?|classes?|[ée]chelons?|paliers?|degr[ée]s?/iu],
  ['title', /intitul[ée]|emplois?|fonctions?|postes?|m[ée]tiers?|qualifications?|d[ée]nominations?|agents?|employ[ée]s|ouvriers|cadres|techniciens/iu],
]

export interface TableReading {
  fiches: Fiche[]
  levels: GridLevel[]
  /** What is neither: rows as paragraphs. */
  text: Paragraph[]
}

function roleOf(header: string): Role {
  for (const [role, re] of ROLES) if (re.test(header)) return role
  return 'other'
}

/** Parses "175", "175 points", "1 250" as an integer; null otherwise. */
function integer(text: string): number | null {
  const m = /^\D{0,12}?(\d[\d\s\u00A0]{0,6})\b/u.exec(text)
  if (!m) return null
  const n = Number.parseInt((m[1] ?? '').replace(/\s/g, ''), 10)
  return Number.isFinite(n) && n > 0 ? n : null
}

export function readTable(table: HtmlTable): TableReading {
  const grid = expandTable(table)
  const reading: TableReading = { fiches: [], levels: [], text: [] }
  const [head, ...body] = grid
  if (!head || body.length === 0) {
    reading.text.push(...grid.map(rowParagraph).filter((p): p is Paragraph => p !== null))
    return reading
  }
  const headers = head.map((c) => cellText(c.cell))
  // A first row of long cells is not a header but the first row of data
  // (« Groupe 2 | Agent administratif, agent d'accueil… »).
  if (headers.some((h) => h.length > 60)) {
    reading.text.push(...grid.map(rowParagraph).filter((p): p is Paragraph => p !== null))
    return reading
  }
  const roles = headers.map(roleOf)
  // The first column names the jobs unless it is a level or a number.
  if (!roles.includes('title') && roles[0] === 'other') roles[0] = 'title'
  const col = (role: Role): number => roles.indexOf(role)
  const title = col('title')
  const description = col('description')
  const niveau = col('niveau')
  const coefficient = col('coefficient')
  const points = col('points')
  const categorie = col('categorie')

  const isJobList = title !== -1 && (description !== -1 || niveau !== -1 || coefficient !== -1 || points !== -1)
  // « Groupe | Coefficient | Autonomie | Responsabilité… »: the grid itself.
  const isLevelList = !isJobList && niveau !== -1
  if (!isJobList && !isLevelList) {
    reading.text.push(...grid.map(rowParagraph).filter((p): p is Paragraph => p !== null))
    return reading
  }
  const seenLevels = new Set<string>()
  const addLevel = (level: string, definition: string, cat: string | null): boolean => {
    if (!level || seenLevels.has(level)) return false
    seenLevels.add(level)
    reading.levels.push({ niveau: level, categorie: cat, definition: definition ? [paragraph(definition)] : [] })
    return true
  }
  for (const row of body) {
    const text = (i: number): string => (i === -1 ? '' : cellText((row[i] as { cell: HtmlCell }).cell))
    const own = (i: number): boolean => i !== -1 && !(row[i] as { spanned: boolean }).spanned
    if (row.every((c) => c.cell.lines.length === 0)) continue
    const cat = text(categorie) || null
    if (isLevelList) {
      const level = text(niveau)
      const existing = reading.levels.find((l) => l.niveau === level)
      if (existing && !own(niveau)) {
        // The level spans this row too: its own cells continue the definition.
        roles.forEach((role, i) => {
          if (role !== 'niveau' && own(i) && text(i)) existing.definition.push(paragraph(`${headers[i]} : ${text(i)}`))
        })
        continue
      }
      if (!level || existing) {
        const p = rowParagraph(row)
        if (p) reading.text.push(p)
        continue
      }
      seenLevels.add(level)
      const definition: Paragraph[] = []
      roles.forEach((role, i) => {
        if (role === 'niveau' || role === 'categorie' || !text(i)) return
        definition.push(paragraph(role === 'description' ? text(i) : `${headers[i]} : ${text(i)}`))
      })
      reading.levels.push({ niveau: level, categorie: cat, definition })
      continue
    }
    // A row in bold across its own cells defines the level it spans.
    const named = [title, description].filter((i) => i !== -1 && own(i) && text(i))
    if (named.length > 0 && named.every((i) => (row[i] as { cell: HtmlCell }).cell.bold) && niveau !== -1 && description !== -1) {
      if (!addLevel(text(niveau), text(description), cat)) reading.text.push(...[rowParagraph(row)].filter((p): p is Paragraph => p !== null))
      continue
    }
    const intitule = text(title)
    if (!intitule || !own(title)) {
      const p = rowParagraph(row)
      if (p) reading.text.push(p)
      continue
    }
    const fiche = emptyFiche('', intitule)
    if (description !== -1 && text(description)) {
      const cell = (row[description] as { cell: HtmlCell }).cell
      fiche.objet.content.push(...cell.lines.map((l) => paragraph(l)))
    }
    if (niveau !== -1 && text(niveau)) fiche.classement.niveau = text(niveau)
    if (cat) fiche.classement.categorie = cat
    const coef = coefficient === -1 ? null : integer(text(coefficient))
    if (coef !== null) fiche.classement.coefficient = coef
    else if (coefficient !== -1 && text(coefficient)) fiche.classement.content.push(paragraph(`${headers[coefficient]} : ${text(coefficient)}`))
    if (points !== -1 && text(points)) fiche.classement.content.push(paragraph(`${headers[points] || 'Points'} : ${text(points)}`))
    roles.forEach((role, i) => {
      if (role === 'other' && text(i)) fiche.classement.content.push(paragraph(`${headers[i] || 'Colonne'} : ${text(i)}`))
    })
    reading.fiches.push(fiche)
  }
  return reading
}

function rowParagraph(row: readonly { cell: HtmlCell; spanned: boolean }[]): Paragraph | null {
  const cells = row.filter((c) => !c.spanned).map((c) => cellText(c.cell)).filter((t) => t.length > 0)
  return cells.length > 0 ? paragraph(cells.join(' | ')) : null
}
