/**
 * Small helpers shared by the import tests: the package API, and the text of
 * a block as a person reads it.
 */
import type { Block } from '@paritaire/schema'

export { importTexte, detectFamily, ImportError, texteSchema } from '@paritaire/schema'
export type { Fiche, Texte, ImportWarning } from '@paritaire/schema'

export function inlineTextOf(block: Block | undefined): string {
  if (!block) return ''
  if (block.type === 'paragraph') return block.content.map((r) => r.text).join('')
  return block.items.map((i) => i.content.map((r) => r.text).join('')).join('\n')
}
