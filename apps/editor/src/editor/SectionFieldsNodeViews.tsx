/**
 * Node views for the sections whose structured fields are node attributes
 * besides the classement: the dénomination (code, filière, sous-famille,
 * other names) and the évolution (vertical and transversal links to other
 * fiches). Like the classement form, the fields are written back as
 * attributes, so they travel through Yjs with every other edit, and the
 * section's text stays editable below them.
 */
import { useId } from 'react'
import { NodeViewContent, NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react'
import { SECTION_LABELS, type FicheLink } from '@paritaire/schema/editing'
import { useFicheView } from './issues-context.ts'
import { CommittedInput, listValue, textValue } from './fields/CommittedInput.tsx'

const asText = (value: unknown): string | null => (typeof value === 'string' ? value : null)
const asList = <T,>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : [])

/**
 * A field of the section written as a whole (see CommittedInput): a list of
 * names separated by « ; » (a comma is too common inside French job titles),
 * or a single text.
 */
function ListInput(props: { field: string; label: string; value: string[]; readOnly: boolean; onChange(v: string[]): void; placeholder?: string }) {
  const id = useId()
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {props.label}
      </label>
      <CommittedInput
        id={id}
        field={props.field}
        where={props.label}
        value={props.value}
        format={NAMES.format}
        parse={NAMES.parse}
        readOnly={props.readOnly}
        placeholder={props.placeholder}
        onCommit={props.onChange}
      />
    </div>
  )
}

const NAMES = listValue(';')

function TextInput(props: { field: string; label: string; value: string | null; readOnly: boolean; onChange(v: string | null): void; placeholder?: string }) {
  const id = useId()
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {props.label}
      </label>
      <CommittedInput
        id={id}
        field={props.field}
        where={props.label}
        value={props.value}
        format={textValue.format}
        parse={textValue.parse}
        readOnly={props.readOnly}
        placeholder={props.placeholder}
        onCommit={props.onChange}
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
        <TextInput
          field="denomination.code"
          label="Code"
          value={asText(attrs.code)}
          readOnly={readOnly}
          placeholder="ex. : Z.C.II.1"
          onChange={(code) => updateAttributes({ code })}
        />
        <TextInput field="denomination.filiere" label="Filière" value={asText(attrs.filiere)} readOnly={readOnly} onChange={(filiere) => updateAttributes({ filiere })} />
        <TextInput
          field="denomination.sousFamille"
          label="Sous-famille"
          value={asText(attrs.sousFamille)}
          readOnly={readOnly}
          onChange={(sousFamille) => updateAttributes({ sousFamille })}
        />
        <ListInput
          field="denomination.appellations"
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
          field="evolution.verticale"
          label="Évolution verticale (fiches, séparées par « ; »)"
          value={verticale.map((l) => l.label)}
          readOnly={readOnly}
          onChange={(labels) => updateAttributes({ verticale: relink(verticale, labels) })}
        />
        <ListInput
          field="evolution.transversale"
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
