/**
 * Pairs of versions built from the corpus for the document tests: the 2024
 * avenant (`004_…`) and the « 2009 » wording the README builds from it
 * (périodes maximales of one year), optionally retyped (straight
 * apostrophes, unaccented capitals) as an older, typed-again copy reads, and
 * with a few edits of substance whose count the tests know.
 */
import type { Texte } from '@paritaire/schema'
import { AVENANT_004, corpusSource, importCorpus } from './corpus.ts'

/** Only apostrophes and capital accents differ from the avenant. */
export function retypedSource(): string {
  return corpusSource(AVENANT_004).replaceAll('’', "'").replaceAll('É', 'E').replaceAll('À', 'A')
}

export const avenant2024 = (): Texte => importCorpus(AVENANT_004)
export const retyped2024 = (): Texte => importCorpus(AVENANT_004, retypedSource())

/** The README's 2009 text: the avenant with « 1 an » wherever it says « 6 mois ». */
export function accord2009(base: Texte = avenant2024()): Texte {
  const t = structuredClone(base)
  for (const f of t.fiches) if (f.classement.periodeMaximale === '6 mois') f.classement.periodeMaximale = '1 an'
  return t
}

/** The 2009 text retyped, with a reworded sentence and an old coefficient (the two fiches returned). */
export function accord2009Edited(): { older: Texte; substantive: string[] } {
  const older = accord2009(retyped2024())
  const adjoint = older.fiches.find((f) => f.classement.coefficient === 205)!
  adjoint.classement.coefficient = 200
  const first = older.fiches[0]!
  first.objet.content = [{ type: 'paragraph', content: [{ text: "Assure l'accueil des clients en magasin.", marks: [] }] }]
  return { older, substantive: [adjoint.id, first.id] }
}
