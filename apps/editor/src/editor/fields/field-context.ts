/**
 * What a structured field of a fiche (classement, dénomination) needs from
 * the editor around it, besides the schema's issues: the live awareness, to
 * say « Karim Benali (CGT) modifie ce champ » while someone is in a field and
 * to publish that we are, and a way to report a value typed but not saved
 * (« abc » in Coefficient), so that the checks panel never says « conforme »
 * about a field whose shown value is not the shared one.
 */
import { createContext, useContext, useEffect, useState } from 'react'
import type { Awareness } from 'y-protocols/awareness'

/** A value typed in a field that the shared document does not hold (not a number, refused…). */
export interface DraftIssue {
  /** The field key, e.g. `classement.coefficient`. */
  field: string
  /** Where it is, in the checks panel's words (« Classement › Coefficient »). */
  where: string
  message: string
}

export interface FieldContextValue {
  awareness: Awareness | null
  reportDraft(field: string, issue: DraftIssue | null): void
}

export const FieldContext = createContext<FieldContextValue>({ awareness: null, reportDraft: () => {} })

/** The awareness field naming the structured field a person is typing in. */
export const EDITING_FIELD = 'editingField'

/** « Karim Benali (CGT) », unless the name already says the organisation. */
export function personLabel(name: string, organisation: string): string {
  if (!organisation || name.includes(organisation)) return name
  return `${name} (${organisation})`
}

/**
 * The other people whose cursor is in `field` now, and `enter` / `leave`
 * to publish our own presence there.
 */
export function useFieldPresence(field: string): { others: string[]; enter(): void; leave(): void } {
  const { awareness } = useContext(FieldContext)
  const [others, setOthers] = useState<string[]>([])
  useEffect(() => {
    if (!awareness) return
    const read = () => {
      const names: string[] = []
      for (const [clientId, state] of awareness.getStates()) {
        if (clientId === awareness.clientID) continue
        const s = state as { user?: { name?: string; organisation?: string }; [EDITING_FIELD]?: unknown }
        if (s[EDITING_FIELD] === field && s.user?.name) names.push(personLabel(s.user.name, s.user.organisation ?? ''))
      }
      setOthers((previous) => (previous.join('\n') === names.join('\n') ? previous : names))
    }
    read()
    awareness.on('change', read)
    return () => awareness.off('change', read)
  }, [awareness, field])
  return {
    others,
    enter: () => awareness?.setLocalStateField(EDITING_FIELD, field),
    leave: () => {
      if (awareness?.getLocalState()?.[EDITING_FIELD] === field) awareness.setLocalStateField(EDITING_FIELD, null)
    },
  }
}

export function useReportDraft(): FieldContextValue['reportDraft'] {
  return useContext(FieldContext).reportDraft
}
