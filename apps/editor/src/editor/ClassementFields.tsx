/**
 * The classement of a fiche as a form: catégorie, niveau, échelon,
 * coefficient, degrés, période maximale, the criteria scores and the
 * experience steps (paliers). These fields move wages, so they are edited as
 * fields, not prose; each shows the schema's validation message beside it.
 * Pure React: it reads a value and reports patches, the node view writes them
 * into the shared document.
 */
import { useId, useState, type ReactNode } from 'react'
import type { Critere, Palier, SchemaIssue } from '@paritaire/schema'
import { issuesFor, shortMessage } from './issues-context.ts'

export interface ClassementValue {
  categorie: string | null
  niveau: string | null
  echelon: number | null
  degres: string[]
  coefficient: number | null
  criteres: Critere[]
  paliers: Palier[]
  periodeMaximale: string | null
}

interface Props {
  value: ClassementValue
  onChange(patch: Partial<ClassementValue>): void
  readOnly: boolean
  issues: SchemaIssue[]
}

function IssueList({ issues, id }: { issues: SchemaIssue[]; id: string }) {
  if (issues.length === 0) return null
  return (
    <span className="field__error" id={id} role="alert">
      {issues.map((issue) => shortMessage(issue, true)).join(' ')}
    </span>
  )
}

function Labelled(props: { label: string; issues: SchemaIssue[]; children(id: string, describedBy?: string): ReactNode; wide?: boolean }) {
  const id = useId()
  const errorId = `${id}-error`
  return (
    <div className={`field${props.wide ? ' field--wide' : ''}${props.issues.length ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {props.label}
      </label>
      {props.children(id, props.issues.length ? errorId : undefined)}
      <IssueList issues={props.issues} id={errorId} />
    </div>
  )
}

const toText = (raw: string): string | null => (raw.trim() === '' ? null : raw)

/**
 * A number input that keeps what the person typed while it is not a number
 * yet ("1", "15", "155"), and reports a number (or null when emptied).
 */
function NumberInput(props: {
  id: string
  value: number | null
  onChange(value: number | null): void
  readOnly: boolean
  describedBy?: string
  label?: string
}) {
  const [draft, setDraft] = useState<string | null>(null)
  const shown = draft ?? (props.value == null ? '' : String(props.value))
  const invalid = draft !== null && draft.trim() !== '' && !Number.isFinite(Number(draft.replace(',', '.')))
  return (
    <>
      <input
        id={props.id}
        inputMode="numeric"
        value={shown}
        readOnly={props.readOnly}
        aria-invalid={invalid || undefined}
        aria-describedby={props.describedBy}
        aria-label={props.label}
        onChange={(e) => {
          const raw = e.target.value
          setDraft(raw)
          if (raw.trim() === '') props.onChange(null)
          else {
            const parsed = Number(raw.replace(',', '.'))
            if (Number.isFinite(parsed)) props.onChange(parsed)
          }
        }}
        onBlur={() => {
          if (!invalid) setDraft(null)
        }}
      />
      {invalid && <span className="field__error">Saisissez un nombre.</span>}
    </>
  )
}

export function ClassementFields({ value, onChange, readOnly, issues }: Props) {
  return (
    <div className="classement-form">
      <div className="classement-form__row">
        <Labelled label="Catégorie" issues={issuesFor(issues, 'categorie')}>
          {(id, d) => (
            <input
              id={id}
              value={value.categorie ?? ''}
              readOnly={readOnly}
              aria-describedby={d}
              placeholder="Employé, Maîtrise, Cadre…"
              onChange={(e) => onChange({ categorie: toText(e.target.value) })}
            />
          )}
        </Labelled>
        <Labelled label="Niveau" issues={issuesFor(issues, 'niveau')}>
          {(id, d) => (
            <input
              id={id}
              value={value.niveau ?? ''}
              readOnly={readOnly}
              aria-describedby={d}
              placeholder="IV, Niveau 3…"
              onChange={(e) => onChange({ niveau: toText(e.target.value) })}
            />
          )}
        </Labelled>
        <Labelled label="Échelon" issues={issuesFor(issues, 'echelon')}>
          {(id, d) => (
            <NumberInput id={id} describedBy={d} value={value.echelon} readOnly={readOnly} onChange={(echelon) => onChange({ echelon })} />
          )}
        </Labelled>
        <Labelled label="Coefficient" issues={issuesFor(issues, 'coefficient')}>
          {(id, d) => (
            <NumberInput
              id={id}
              describedBy={d}
              value={value.coefficient}
              readOnly={readOnly}
              onChange={(coefficient) => onChange({ coefficient })}
            />
          )}
        </Labelled>
      </div>
      <div className="classement-form__row">
        <Labelled label="Degrés (séparés par des virgules)" issues={issuesFor(issues, 'degres')}>
          {(id, d) => (
            <DegresInput id={id} describedBy={d} value={value.degres} readOnly={readOnly} onChange={(degres) => onChange({ degres })} />
          )}
        </Labelled>
        <Labelled label="Période maximale" issues={issuesFor(issues, 'periodeMaximale')}>
          {(id, d) => (
            <input
              id={id}
              value={value.periodeMaximale ?? ''}
              readOnly={readOnly}
              aria-describedby={d}
              placeholder="6 mois"
              onChange={(e) => onChange({ periodeMaximale: toText(e.target.value) })}
            />
          )}
        </Labelled>
      </div>
      <CriteresTable value={value.criteres} readOnly={readOnly} issues={issues} onChange={(criteres) => onChange({ criteres })} />
      <PaliersTable value={value.paliers} readOnly={readOnly} issues={issues} onChange={(paliers) => onChange({ paliers })} />
    </div>
  )
}

function DegresInput(props: { id: string; describedBy?: string; value: string[]; readOnly: boolean; onChange(v: string[]): void }) {
  const [draft, setDraft] = useState<string | null>(null)
  return (
    <input
      id={props.id}
      aria-describedby={props.describedBy}
      readOnly={props.readOnly}
      value={draft ?? props.value.join(', ')}
      placeholder="A, B, C"
      onChange={(e) => {
        setDraft(e.target.value)
        props.onChange(
          e.target.value
            .split(',')
            .map((d) => d.trim())
            .filter(Boolean),
        )
      }}
      onBlur={() => setDraft(null)}
    />
  )
}

function CriteresTable(props: { value: Critere[]; readOnly: boolean; issues: SchemaIssue[]; onChange(v: Critere[]): void }) {
  const { value, readOnly, issues, onChange } = props
  const set = (index: number, patch: Partial<Critere>) => onChange(value.map((c, i) => (i === index ? { ...c, ...patch } : c)))
  return (
    <fieldset className="classement-form__group">
      <legend>Critères classants</legend>
      {value.length === 0 && <p className="muted">Aucun critère noté.</p>}
      {value.length > 0 && (
        <table className="table table--compact table--form">
          <thead>
            <tr>
              <th scope="col">Critère</th>
              <th scope="col">Note</th>
              {!readOnly && <th scope="col"><span className="visually-hidden">Actions</span></th>}
            </tr>
          </thead>
          <tbody>
            {value.map((critere, index) => {
              const rowIssues = issuesFor(issues, 'criteres', index)
              return (
                <tr key={index} className={rowIssues.length ? 'row--invalid' : undefined}>
                  <td>
                    <input
                      aria-label={`Critère ${index + 1}`}
                      value={critere.critere}
                      readOnly={readOnly}
                      onChange={(e) => set(index, { critere: e.target.value })}
                    />
                  </td>
                  <td>
                    <NumberInput
                      id={`critere-${index}`}
                      label={`Note du critère ${critere.critere || index + 1}`}
                      value={critere.valeur}
                      readOnly={readOnly}
                      onChange={(valeur) => set(index, { valeur: valeur ?? 0 })}
                    />
                    <IssueList issues={rowIssues} id={`critere-${index}-error`} />
                  </td>
                  {!readOnly && <RemoveRowCell onRemove={() => onChange(value.filter((_, i) => i !== index))} />}
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
      {!readOnly && (
        <button type="button" className="button button--small" onClick={() => onChange([...value, { critere: '', valeur: 0 }])}>
          Ajouter un critère
        </button>
      )}
    </fieldset>
  )
}

function PaliersTable(props: { value: Palier[]; readOnly: boolean; issues: SchemaIssue[]; onChange(v: Palier[]): void }) {
  const { value, readOnly, issues, onChange } = props
  const set = (index: number, patch: Partial<Palier>) => onChange(value.map((p, i) => (i === index ? { ...p, ...patch } : p)))
  return (
    <fieldset className="classement-form__group">
      <legend>Paliers d'expérience</legend>
      {value.length === 0 && <p className="muted">Aucun palier.</p>}
      {value.length > 0 && (
        <table className="table table--compact table--form">
          <thead>
            <tr>
              <th scope="col">Palier</th>
              <th scope="col">Niveau</th>
              <th scope="col">Coefficient</th>
              {!readOnly && <th scope="col"><span className="visually-hidden">Actions</span></th>}
            </tr>
          </thead>
          <tbody>
            {value.map((palier, index) => {
              const rowIssues = issuesFor(issues, 'paliers', index)
              return (
                <tr key={index} className={rowIssues.length ? 'row--invalid' : undefined}>
                  <td>
                    <input
                      aria-label={`Palier ${index + 1}`}
                      value={palier.palier}
                      readOnly={readOnly}
                      placeholder="débutant, confirmé…"
                      onChange={(e) => set(index, { palier: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`Niveau du palier ${index + 1}`}
                      value={palier.niveau ?? ''}
                      readOnly={readOnly}
                      onChange={(e) => set(index, { niveau: toText(e.target.value) })}
                    />
                  </td>
                  <td>
                    <NumberInput
                      id={`palier-${index}`}
                      label={`Coefficient du palier ${index + 1}`}
                      value={palier.coefficient}
                      readOnly={readOnly}
                      onChange={(coefficient) => set(index, { coefficient })}
                    />
                    <IssueList issues={rowIssues} id={`palier-${index}-error`} />
                  </td>
                  {!readOnly && <RemoveRowCell onRemove={() => onChange(value.filter((_, i) => i !== index))} />}
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
      {!readOnly && (
        <button
          type="button"
          className="button button--small"
          onClick={() => onChange([...value, { palier: '', niveau: null, coefficient: null }])}
        >
          Ajouter un palier
        </button>
      )}
    </fieldset>
  )
}

/** The last cell of an editable row (criterion, palier): removes that row. */
function RemoveRowCell({ onRemove }: { onRemove: () => void }) {
  return (
    <td>
      <button type="button" className="button button--small button--ghost" onClick={onRemove}>
        Retirer
      </button>
    </td>
  )
}
