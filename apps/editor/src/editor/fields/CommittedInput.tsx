/**
 * A structured field whose value changes as a whole. What a person types
 * stays theirs (a local draft) while they are in the field; it is written
 * into the shared document on Enter, on leaving the field, or after a short
 * pause, replacing the previous value in one piece. So two people typing in
 * the same field never interleave their characters: the last value written
 * wins, for everyone. Meanwhile the others see who is in the field
 * (awareness). A draft that cannot be written (« abc » where a number is
 * expected) stays on screen, marked invalid, and is reported to the checks
 * panel: the shared value has not changed and the screen says so.
 */
import { useEffect, useRef, useState, type HTMLAttributes } from 'react'
import { useFieldPresence, useReportDraft } from './field-context.ts'

/** Typing pause after which the draft is written without leaving the field. */
export const COMMIT_PAUSE_MS = 1200

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string }

export interface CommittedInputProps<T> {
  /** Awareness key of the field (`classement.categorie`, `classement.criteres.0.valeur`). */
  field: string
  /** Where the field is, in the checks panel's words (« Classement › Coefficient »). */
  where: string
  value: T
  format(value: T): string
  parse(raw: string): Parsed<T>
  onCommit(value: T): void
  /** A question to confirm before writing an unusual value (null: no question). */
  confirm?(value: T): string | null
  readOnly: boolean
  id?: string
  label?: string
  describedBy?: string
  placeholder?: string
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode']
}

export function CommittedInput<T>(props: CommittedInputProps<T>) {
  const { field, value, format, readOnly } = props
  const [draft, setDraft] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  /** The raw text this input wrote last: leaving the field does not write it again over a colleague's later value. */
  const written = useRef<string | null>(null)
  const presence = useFieldPresence(field)
  const reportDraft = useReportDraft()
  const latest = useRef({ draft, value, props })
  latest.current = { draft, value, props }

  useEffect(
    () => () => {
      clearTimeout(timer.current)
      reportDraft(field, null)
    },
    [field, reportDraft],
  )

  /** Writes `raw` if it parses; `final` when the person leaves the field or presses Enter. */
  function commit(raw: string, final: boolean): boolean {
    clearTimeout(timer.current)
    // The latest props: a pause commit must not write a list read before a colleague's change.
    const { parse, onCommit, confirm, where } = latest.current.props
    const parsed = parse(raw)
    if (!parsed.ok) {
      setError(parsed.message)
      reportDraft(field, { field, where, message: `« ${raw} » : ${parsed.message} La valeur enregistrée (${format(latest.current.value) || 'vide'}) est conservée.` })
      return false
    }
    setError(null)
    reportDraft(field, null)
    if (raw === written.current || format(parsed.value) === format(latest.current.value)) return true
    const question = confirm?.(parsed.value) ?? null
    if (question) {
      // Asked only when the person leaves the field, never in the middle of typing.
      if (!final) return true
      if (!window.confirm(question)) {
        setDraft(null)
        return false
      }
    }
    written.current = raw
    onCommit(parsed.value)
    return true
  }

  const shown = draft ?? format(value)
  const others = presence.others
  return (
    <>
      <input
        id={props.id}
        aria-label={props.label}
        aria-describedby={props.describedBy}
        aria-invalid={error ? true : undefined}
        inputMode={props.inputMode}
        placeholder={props.placeholder}
        value={shown}
        readOnly={readOnly}
        data-field={field}
        onFocus={() => {
          written.current = null
          if (!readOnly) presence.enter()
        }}
        onChange={(e) => {
          const raw = e.target.value
          setDraft(raw)
          clearTimeout(timer.current)
          timer.current = setTimeout(() => {
            const current = latest.current.draft
            if (current !== null) commit(current, false)
          }, COMMIT_PAUSE_MS)
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault()
            if (draft !== null && commit(draft, true)) setDraft(null)
          } else if (e.key === 'Escape' && draft !== null) {
            clearTimeout(timer.current)
            setDraft(null)
            setError(null)
            reportDraft(field, null)
          }
        }}
        onBlur={() => {
          presence.leave()
          if (draft !== null && commit(draft, true)) setDraft(null)
        }}
      />
      {error && <span className="field__error" role="alert">{error}</span>}
      {others.length > 0 && (
        <span className="field__presence" data-testid="field-presence">
          {others.join(' et ')} {others.length > 1 ? 'modifient' : 'modifie'} ce champ
        </span>
      )}
    </>
  )
}

// ------------------------------------------------------------ value kinds

export const textValue = {
  format: (value: string | null) => value ?? '',
  parse: (raw: string): Parsed<string | null> => ({ ok: true, value: raw.trim() === '' ? null : raw.trim() }),
}

/** French numbers: « 155,5 » shown with a comma, typed with a comma or a point, spaces ignored. */
export function formatNumber(value: number | null): string {
  return value == null ? '' : String(value).replace('.', ',')
}

export function parseNumber(raw: string): Parsed<number | null> {
  const text = raw.replace(/[\s\u00a0\u202f]/g, '')
  if (text === '') return { ok: true, value: null }
  if (!/^[-+]?\d+([.,]\d+)?$/.test(text)) return { ok: false, message: 'Saisissez un nombre.' }
  return { ok: true, value: Number(text.replace(',', '.')) }
}

/** A list typed as text, items separated by `separator` (« A, B, C »). */
export function listValue(separator: string) {
  return {
    format: (value: string[]) => value.join(separator === ',' ? ', ' : ` ${separator} `),
    parse: (raw: string): Parsed<string[]> => ({
      ok: true,
      value: raw
        .split(separator)
        .map((item) => item.trim())
        .filter(Boolean),
    }),
  }
}
