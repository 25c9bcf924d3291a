/**
 * The schema's suggestion marks drawn in the proposing organisation's
 * colour (a CSS variable the stylesheet uses for the underline / strike and
 * the tint). Only the rendering changes: names and attributes stay the
 * schema's, so the document is the same one the server checks.
 */
import type { AnyExtension, Mark } from '@tiptap/core'
import type { DOMOutputSpec, Mark as PmMark } from '@tiptap/pm/model'
import { organisationColor } from '../org-colors.ts'

const COLOURED = ['insertion', 'deletion']

export function withColouredAmendments(extensions: readonly AnyExtension[]): AnyExtension[] {
  return extensions.map((extension) =>
    extension.type === 'mark' && COLOURED.includes(extension.name)
      ? (extension as Mark).extend({
          renderHTML(props: { mark: PmMark; HTMLAttributes: Record<string, unknown> }) {
            const spec = this.parent?.(props) as DOMOutputSpec
            if (Array.isArray(spec) && spec[1] && typeof spec[1] === 'object') {
              const name = String(props.mark.attrs.organisationName ?? '')
              ;(spec[1] as Record<string, string>).style = `--amendment-color: ${organisationColor(name)}`
            }
            return spec
          },
        })
      : extension,
  )
}
