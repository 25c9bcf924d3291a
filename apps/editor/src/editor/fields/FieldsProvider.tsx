/**
 * Provides the structured fields of one fiche with the live awareness and
 * collects the drafts they could not write (see CommittedInput), which the
 * screen lists in the checks panel.
 */
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import { FieldContext, type DraftIssue } from './field-context.ts'

export function FieldsProvider(props: { awareness: Awareness | null; onDrafts?(drafts: DraftIssue[]): void; children: ReactNode }) {
  const [drafts, setDrafts] = useState<Record<string, DraftIssue>>({})
  const reportDraft = useCallback((field: string, issue: DraftIssue | null) => {
    setDrafts((previous) => {
      if (!issue && !(field in previous)) return previous
      const next = { ...previous }
      if (issue) next[field] = issue
      else delete next[field]
      return next
    })
  }, [])
  const { onDrafts } = props
  useEffect(() => onDrafts?.(Object.values(drafts)), [drafts, onDrafts])
  const value = useMemo(() => ({ awareness: props.awareness, reportDraft }), [props.awareness, reportDraft])
  return <FieldContext.Provider value={value}>{props.children}</FieldContext.Provider>
}
