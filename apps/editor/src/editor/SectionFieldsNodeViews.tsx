/**
 * Node views for the sections whose structured fields are node attributes
 * besides the classement: the dénomination (code, filière, sous-famille,
 * other names) and the évolution (vertical and transversal links to other
 * fiches). Like the classement form, the fields are written back as
 * attributes, so they travel through Yjs with every other edit, and the
 * section's text stays editable below them.
 */
import { useId, useState } from 'react'
import { NodeViewContent, NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react'
import { SECTION_LABELS, type FicheLink } from '@paritaire/schema'
import { useFicheView } from './issues-context.ts'

const asText = (value: unknown): string | null => (typeof value === 'string' ? value : null)
const asList = <T,>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : [])

/**
 * A text input for a list of names separated by ";" (a comma is too common
 * inside French job titles). Keeps the raw text while focused.
 */
function ListInput(props: { label: string; value: string[]; readOnly: boolean; onChange(v: string[]): void; placeholder?: string }) {
  const id = useId()
  const [draft, setDraft] = useState<string | null>(null)
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {props.label}
      </label>
      <input
        id={id}
        value={draft ?? props.value.join(' ; ')}
        readOnly={props.readOnly}
        placeholder={props.placeholder}
        onChange={(e) => {
          setDraft(e.target.value)
          props.onChange(
            e.target.value
              .split(';')
              .map((s) => s.trim())
              .filter(Boolean),
          )
        }}
        onBlur={() => setDraft(null)}
      />
    </div>
  )
}

function TextInput(props: { label: string; value: string | null; readOnly: boolean; onChange(v: string | null): void; placeholder?: string }) {
  const id = useId()
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {props.label}
      </label>
      <input
        id={id}
        value={props.value ?? ''}
        readOnly={props.readOnly}
        placeholder={props.placeholder}
        onChange={(e) => props.onChange(e.target.value.trim() === '' ? null : e.target.value)}
      />
    </div>
  )
}

export function DenominationNodeView({ node, updateAttributes }: ReactNodeViewProps) {
  const { readOnly } = useFicheView()
  const attrs = node.attrs as Record<string, unknown>
  return (
    <NodeViewWrapper as="section" className="fiche-section" data-section="denomination" data-label={SECTION_LABELS.denomination}>
      <NodeViewContent className="fiche-section__body fiche-section__body--first" />
      <div className="section-fields" contentEditable={false}>
        <TextInput label="Code" value={asText(attrs.code)} readOnly={readOnly} placeholder="Z.C.II.1" onChange={(code) => updateAttributes({ code })} />
        <TextInput label="Filière" value={asText(attrs.filiere)} readOnly={readOnly} onChange={(filiere) => updateAttributes({ filiere })} />
        <TextInput
          label="Sous-famille"
          value={asText(attrs.sousFamille)}
          readOnly={readOnly}
          onChange={(sousFamille) => updateAttributes({ sousFamille })}
        />
        <ListInput
          label="Autres appellations (séparées par « ; »)"
          value={asList<string>(attrs.appellations)}
          readOnly={readOnly}
          onChange={(appellations) => updateAttributes({ appellations })}
        />
      </div>
    </NodeViewWrapper>
  )
}

/** Edits link labels while keeping the code and fiche id of links whose label did not change. */
function relink(previous: FicheLink[], labels: string[]): FicheLink[] {
  return labels.map((label) => previous.find((l) => l.label === label) ?? { label, code: null, ficheId: null })
}

export function EvolutionNodeView({ node, updateAttributes }: ReactNodeViewProps) {
  const { readOnly } = useFicheView()
  const verticale = asList<FicheLink>(node.attrs.verticale)
  const transversale = asList<FicheLink>(node.attrs.transversale)
  return (
    <NodeViewWrapper as="section" className="fiche-section" data-section="evolution" data-label={SECTION_LABELS.evolution}>
      <div className="section-fields" contentEditable={false}>
        <ListInput
          label="Évolution verticale (fiches, séparées par « ; »)"
          value={verticale.map((l) => l.label)}
          readOnly={readOnly}
          onChange={(labels) => updateAttributes({ verticale: relink(verticale, labels) })}
        />
        <ListInput
          label="Évolution transversale"
          value={transversale.map((l) => l.label)}
          readOnly={readOnly}
          onChange={(labels) => updateAttributes({ transversale: relink(transversale, labels) })}
        />
      </div>
      <NodeViewContent className="fiche-section__body" />
    </NodeViewWrapper>
  )
}
