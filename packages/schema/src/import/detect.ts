/**
 * Recognises the family of a source text from the marks each family leaves
 * (see domain.md): numbered qualification headings (A), criteria tables and
 * "Finalité et missions" (B), "Analyse selon les critères de classification"
 * (C), coefficient-numbered job lines under "Filière" headings (D),
 * « Domaine : » headings over « Finalité » rubrics (E). Counts
 * are compared so that a text quoting another family's words is not
 * mis-classified.
 */
import { IMPORT_FAMILIES, type ImportFamily } from './families.ts'
import { familyEScore } from './family-e.ts'
import { cleanLineText } from './normalize.ts'

const A_HEADINGS = [
  /d[ée]nominations?(?:\(s\))? de la qualification/iu,
  /objet de la qualification/iu,
  /contenu de la qualification/iu,
  /modes? d['’]acc[èe]s [àa] la qualification/iu,
  /possibilit[ée]s d['’][ée]volution professionnelle/iu,
  /^\W*(?:\d+\s*[/.)-]\s*)?classement\b/iu,
]

/** Scores of each family for a source; 0 when its marks are absent. */
export function familyScores(source: string): Record<ImportFamily, number> {
  const texts = source.split(/\r\n|\r|\n|\f/).map(cleanLineText)
  const count = (re: RegExp) => texts.filter((t) => re.test(t)).length
  const criteria = count(/^Crit[èe]res d['’]exigences\b/iu)
  const finalite = count(/^Finalit[ée]s? et missions$/iu)
  const analyse = count(/^Analyse selon les crit[èe]res de classification/iu)
  const finalitesPoste = count(/^Finalit[ée]s? du poste/iu)
  const jobs = count(/^\d{2,4}\.\s+\p{Lu}/u)
  const filieres = count(/^Fili[èe]re\s+\S/iu)
  const aHeadings = A_HEADINGS.filter((re) => texts.some((t) => re.test(t))).length
  return {
    A: aHeadings >= 3 ? aHeadings * 2 : 0,
    B: criteria > 0 && finalite > 0 ? (criteria + finalite) * 2 : 0,
    C: analyse + finalitesPoste >= 1 ? (analyse + finalitesPoste) * 2 : 0,
    D: jobs >= 3 && filieres >= 1 ? jobs + filieres : 0,
    E: familyEScore(texts),
  }
}

/** The family of a source text, or null when none is recognised. */
export function detectFamily(source: string): ImportFamily | null {
  const scores = familyScores(source)
  let best: ImportFamily | null = null
  for (const family of IMPORT_FAMILIES) {
    if (scores[family] > 0 && (best === null || scores[family] > scores[best])) best = family
  }
  return best
}
