/**
 * Placeholders that stand for « nothing » in a form-like source: a lone
 * dash, dots, « néant », « sans objet ». They are not values (an appellation
 * « - », an accès « - »): importers drop them and say so, since a person
 * may want to fill the rubric in.
 */
import type { ImportContext, SourceLine } from './source.ts'

const PLACEHOLDER = /^(?:[-–—_.…*]+|n[ée]ant|sans objet|n\/a|nc)$/iu

export function isPlaceholder(text: string): boolean {
  return PLACEHOLDER.test(text.trim())
}

export function warnPlaceholder(ctx: ImportContext, line: SourceLine, intitule: string, rubric: string): void {
  ctx.warn(
    'PLACEHOLDER_VALUE',
    `Ligne ${line.no} : « ${line.text} » dans la rubrique « ${rubric} » de « ${intitule} » tient lieu de valeur absente ; elle n'est pas importée comme valeur, la rubrique reste vide.`,
    line,
  )
}
