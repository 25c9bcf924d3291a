/**
 * The classement of a fiche as a form: catégorie, niveau, échelon,
 * coefficient, degrés, période maximale, the criteria scores and the
 * experience steps (paliers). These fields move wages, so they are edited as
 * fields, not prose; each shows the schema's validation message beside it.
 * Pure React: it reads a value and reports patches, the node view writes them
 * into the shared document.
 */
import { useId, type ReactNode } from 'react'
import { parseDuree, type Critere, type Palier, type SchemaIssue } from '@paritaire/schema/editing'
import { issuesFor, shortMessage } from './issues-context.ts'
import { CommittedInput, formatNumber, listValue, parseNumber, textValue, type Parsed } from './fields/CommittedInput.tsx'

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

/** Above this, a coefficient is unusual enough to ask before writing it (the corpus stays under 1 000). */
const UNUSUAL_COEFFICIENT = 1000

const confirmCoefficient = (value: number | null): string | null =>
  value != null && value > UNUSUAL_COEFFICIENT
    ? `Le coefficient ${formatNumber(value)} est inhabituel (les grilles restent en dessous de ${UNUSUAL_COEFFICIENT}). L'enregistrer quand même ?`
    : null

/**
 * What the server accepts is all a field writes: the live document refuses
 * (and closes the socket of) an update the schema forbids, so a value the
 * schema would refuse stays a local draft with its message instead.
 */
function parseCoefficient(raw: string): Parsed<number | null> {
  const parsed = parseNumber(raw)
  if (!parsed.ok || parsed.value === null) return parsed
  return Number.isInteger(parsed.value) && parsed.value > 0 ? parsed : { ok: false, message: 'Le coefficient est un nombre entier positif.' }
}

function parsePeriode(raw: string): Parsed<string | null> {
  const parsed = textValue.parse(raw)
  if (!parsed.ok || parsed.value === null) return parsed
  return parseDuree(parsed.value)
    ? parsed
    : { ok: false, message: 'Saisissez une durée en mois ou en années (« 6 mois », « 1 an », « 3 ans »).' }
}

/** A number field written as a whole (see CommittedInput): French decimals, « Saisissez un nombre » otherwise. */
function NumberInput(props: {
  id: string
  field: string
  where: string
  value: number | null
  onChange(value: number | null): void
  readOnly: boolean
  describedBy?: string
  label?: string
  confirm?(value: number | null): string | null
  parse?(raw: string): Parsed<number | null>
}) {
  return (
    <CommittedInput
      id={props.id}
      field={props.field}
      where={props.where}
      label={props.label}
      describedBy={props.describedBy}
      inputMode="decimal"
      value={props.value}
      format={formatNumber}
      parse={props.parse ?? parseNumber}
      confirm={props.confirm}
      onCommit={props.onChange}
      readOnly={props.readOnly}
    />
  )
}

function TextField(props: {
  id: string
  field: string
  where: string
  value: string | null
  onChange(value: string | null): void
  readOnly: boolean
  describedBy?: string
  label?: string
  placeholder?: string
  parse?(raw: string): Parsed<string | null>
}) {
  return (
    <CommittedInput
      id={props.id}
      field={props.field}
      where={props.where}
      label={props.label}
      describedBy={props.describedBy}
      placeholder={props.placeholder}
      value={props.value}
      format={textValue.format}
      parse={props.parse ?? textValue.parse}
      onCommit={props.onChange}
      readOnly={props.readOnly}
    />
  )
}

const DEGRES = listValue(',')

export function ClassementFields({ value, onChange, readOnly, issues }: Props) {
  return (
    <div className="classement-form">
      <div className="classement-form__row">
        <Labelled label="Catégorie" issues={issuesFor(issues, 'categorie')}>
          {(id, d) => (
            <TextField
              id={id}
              field="classement.categorie"
              where="Classement › Catégorie"
              value={value.categorie}
              readOnly={readOnly}
              describedBy={d}
              placeholder="Employé, Maîtrise, Cadre…"
              onChange={(categorie) => onChange({ categorie })}
            />
          )}
        </Labelled>
        <Labelled label="Niveau" issues={issuesFor(issues, 'niveau')}>
          {(id, d) => (
            <TextField
              id={id}
              field="classement.niveau"
              where="Classement › Niveau"
              value={value.niveau}
              readOnly={readOnly}
              describedBy={d}
              placeholder="IV, Niveau 3…"
              onChange={(niveau) => onChange({ niveau })}
            />
          )}
        </Labelled>
        <Labelled label="Échelon" issues={issuesFor(issues, 'echelon')}>
          {(id, d) => (
            <NumberInput
              id={id}
              field="classement.echelon"
              where="Classement › Échelon"
              describedBy={d}
              value={value.echelon}
              readOnly={readOnly}
              onChange={(echelon) => onChange({ echelon })}
            />
          )}
        </Labelled>
        <Labelled label="Coefficient" issues={issuesFor(issues, 'coefficient')}>
          {(id, d) => (
            <NumberInput
              id={id}
              field="classement.coefficient"
              where="Classement › Coefficient"
              describedBy={d}
              value={value.coefficient}
              readOnly={readOnly}
              confirm={confirmCoefficient}
              parse={parseCoefficient}
              onChange={(coefficient) => onChange({ coefficient })}
            />
          )}
        </Labelled>
      </div>
      <div className="classement-form__row">
        <Labelled label="Degrés (séparés par des virgules)" issues={issuesFor(issues, 'degres')}>
          {(id, d) => (
            <CommittedInput
              id={id}
              field="classement.degres"
              where="Classement › Degrés"
              describedBy={d}
              value={value.degres}
              format={DEGRES.format}
              parse={DEGRES.parse}
              placeholder="A, B, C"
              readOnly={readOnly}
              onCommit={(degres) => onChange({ degres })}
            />
          )}
        </Labelled>
        <Labelled label="Période maximale" issues={issuesFor(issues, 'periodeMaximale')}>
          {(id, d) => (
            <TextField
              id={id}
              field="classement.periodeMaximale"
              where="Classement › Période maximale"
              value={value.periodeMaximale}
              readOnly={readOnly}
              describedBy={d}
              placeholder="6 mois, 1 an…"
              parse={parsePeriode}
              onChange={(periodeMaximale) => onChange({ periodeMaximale })}
            />
          )}
        </Labelled>
      </div>
      <CriteresTable value={value.criteres} readOnly={readOnly} issues={issues} onChange={(criteres) => onChange({ criteres })} />
      <PaliersTable value={value.paliers} readOnly={readOnly} issues={issues} onChange={(paliers) => onChange({ paliers })} />
    </div>
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
              // Each message under its own column: an empty name under « Critère », a bad score under « Note ».
              const nameIssues = rowIssues.filter((issue) => issue.path.at(-1) === 'critere')
              const scoreIssues = rowIssues.filter((issue) => issue.path.at(-1) !== 'critere')
              return (
                <tr key={index} className={rowIssues.length ? 'row--invalid' : undefined}>
                  <td>
                    <CommittedInput
                      field={`classement.criteres.${index}.critere`}
                      where={`Classement › Critère ${index + 1}`}
                      label={`Critère ${index + 1}`}
                      value={critere.critere}
                      format={(v: string) => v}
                      parse={(raw) => ({ ok: true, value: raw.trim() })}
                      readOnly={readOnly}
                      onCommit={(name) => set(index, { critere: name })}
                    />
                    <IssueList issues={nameIssues} id={`critere-${index}-name-error`} />
                  </td>
                  <td>
                    <NumberInput
                      id={`critere-${index}`}
                      field={`classement.criteres.${index}.valeur`}
                      where={`Classement › Note du critère ${index + 1}`}
                      label={`Note du critère ${critere.critere || index + 1}`}
                      value={critere.valeur}
                      readOnly={readOnly}
                      onChange={(valeur) => set(index, { valeur: valeur ?? 0 })}
                    />
                    <IssueList issues={scoreIssues} id={`critere-${index}-error`} />
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
                    <CommittedInput
                      field={`classement.paliers.${index}.palier`}
                      where={`Classement › Palier ${index + 1}`}
                      label={`Palier ${index + 1}`}
                      value={palier.palier}
                      format={(v: string) => v}
                      parse={(raw) => ({ ok: true, value: raw.trim() })}
                      readOnly={readOnly}
                      placeholder="débutant, confirmé…"
                      onCommit={(name) => set(index, { palier: name })}
                    />
                  </td>
                  <td>
                    <TextField
                      id={`palier-${index}-niveau`}
                      field={`classement.paliers.${index}.niveau`}
                      where={`Classement › Niveau du palier ${index + 1}`}
                      label={`Niveau du palier ${index + 1}`}
                      value={palier.niveau}
                      readOnly={readOnly}
                      onChange={(niveau) => set(index, { niveau })}
                    />
                  </td>
                  <td>
                    <NumberInput
                      id={`palier-${index}`}
                      field={`classement.paliers.${index}.coefficient`}
                      where={`Classement › Coefficient du palier ${index + 1}`}
                      label={`Coefficient du palier ${index + 1}`}
                      value={palier.coefficient}
                      readOnly={readOnly}
                      parse={parseCoefficient}
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
