import { emptyTexte } from '../factory.ts'
import type { Texte } from '../model.ts'
import type { ImportContext } from './source.ts'

export function parseFamilyB(_ctx: ImportContext, fallbackTitle: string): Texte {
  return emptyTexte(fallbackTitle)
}
