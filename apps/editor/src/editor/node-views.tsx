/**
 * The React node views of the fiche's sections, starting with the classement: its structured fields as a
 * form (written back as node attributes, so they travel through Yjs like any
 * other edit) above the section's free text. The schema's classement node is
 * extended here rather than changed, so the schema stays UI-free.
 */
import { NodeViewContent, NodeViewWrapper, ReactNodeViewRenderer, type ReactNodeViewProps } from '@tiptap/react'
import { lazy, Suspense, type ComponentType } from 'react'
import type { AnyExtension } from '@tiptap/core'
import { proposalsOf, SECTION_LABELS } from '@paritaire/schema/editing'
import { Loading } from '../components/feedback.tsx'
import { ClassementFields, type ClassementValue } from './ClassementFields.tsx'
import { useFicheView } from './issues-context.ts'
import { DenominationNodeView, EvolutionNodeView } from './SectionFieldsNodeViews.tsx'
import { amendmentIdentity, useSuggesting } from './amendments/use-amendment-mode.ts'

// Shown only when the classement has pending proposals or its reader proposes: most fiches open without.
const ClassementProposals = lazy(() => import('./amendments/ClassementProposals.tsx').then((m) => ({ default: m.ClassementProposals })))

const asArray = <T,>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : [])
const asNumber = (value: unknown): number | null => (typeof value === 'number' ? value : null)
const asText = (value: unknown): string | null => (typeof value === 'string' ? value : null)

export function readClassementAttrs(attrs: Record<string, unknown>): ClassementValue {
  return {
    categorie: asText(attrs.categorie),
    niveau: asText(attrs.niveau),
    echelon: asNumber(attrs.echelon),
    degres: asArray<string>(attrs.degres),
    coefficient: asNumber(attrs.coefficient),
    criteres: asArray(attrs.criteres),
    paliers: asArray(attrs.paliers),
    periodeMaximale: asText(attrs.periodeMaximale),
  }
}

function ClassementNodeView({ node, updateAttributes, editor, getPos }: ReactNodeViewProps) {
  const { issues, readOnly } = useFicheView()
  // In suggestion mode the fields are not edited directly: values are proposed below them.
  const suggesting = useSuggesting(editor)
  return (
    <NodeViewWrapper as="section" className="fiche-section fiche-section--classement" data-section="classement">
      <div className="classement-fields" contentEditable={false}>
        <h2 className="fiche-section__label">{SECTION_LABELS.classement}</h2>
        <ClassementFields
          value={readClassementAttrs(node.attrs)}
          readOnly={readOnly || suggesting}
          issues={issues}
          onChange={(patch) => updateAttributes(patch)}
        />
        {((suggesting && !readOnly) || proposalsOf(node.attrs).length > 0) && (
          <Suspense fallback={<Loading>Chargement des amendements du classement…</Loading>}>
            <ClassementProposals editor={editor} node={node} getPos={getPos} suggesting={suggesting && !readOnly} identity={amendmentIdentity(editor)} />
          </Suspense>
        )}
      </div>
      <NodeViewContent className="fiche-section__body" />
    </NodeViewWrapper>
  )
}

const NODE_VIEWS: Record<string, ComponentType<ReactNodeViewProps>> = {
  classement: ClassementNodeView,
  denomination: DenominationNodeView,
  evolution: EvolutionNodeView,
}

/**
 * The schema's extensions, with the sections that hold structured fields
 * (classement, dénomination, évolution) rendered by the forms above.
 */
export function withFicheNodeViews(extensions: readonly AnyExtension[]): AnyExtension[] {
  return extensions.map((extension) => {
    const view = extension.type === 'node' ? NODE_VIEWS[extension.name] : undefined
    return view
      ? extension.extend({
          addNodeView() {
            return ReactNodeViewRenderer(view)
          },
        })
      : extension
  })
}
