/**
 * Reads grid positions out of classement sentences, whatever the family:
 * "Cadre niveau II, sur degré A, B ou C…" → categorie Cadre, niveau II,
 * degres A/B/C; "Maîtrise - échelon correspondant … : 23" → echelon 23.
 * Fields already set are kept (the first statement wins); the sentence
 * itself always stays in the classement text.
 */
import type { Classement } from '../model.ts'

const CATEGORIE = /^(Cadres?|Agent de ma[îi]trise|Ma[îi]trise|Techniciens?|Employée?s?|Ouvri(?:er|ère)s?|ETAM)\b/u
const NIVEAU = /\bniveau\s+([IVX]+|\d{1,2})\b/u
const DEGRES = /\bdegr[ée]s?\s+(\p{Lu}(?:\s*(?:,|ou|et|\/)\s*\p{Lu})*)\b/u
const ECHELON = /[ée]chelons?\b[^:\d]*(?::\s*|\s)(\d{1,4})\b/iu

export function parseClassementLine(classement: Classement, text: string): void {
  const categorie = CATEGORIE.exec(text)
  if (categorie && classement.categorie === null) classement.categorie = categorie[1] ?? null
  const niveau = NIVEAU.exec(text)
  if (niveau && classement.niveau === null) classement.niveau = niveau[1] ?? null
  const degres = DEGRES.exec(text)
  if (degres && classement.degres.length === 0) classement.degres = (degres[1] ?? '').match(/\p{Lu}/gu) ?? []
  // "Échelons majorés accessibles : 24 / 25" are not the job's échelon.
  const echelon = /major/iu.test(text) ? null : ECHELON.exec(text)
  if (echelon && classement.echelon === null) {
    const value = Number(echelon[1])
    if (value > 0) classement.echelon = value
  }
}
