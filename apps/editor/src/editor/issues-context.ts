/**
 * What the node views need from the screen around the editor: the schema's
 * validation issues of the fiche being edited (the classement form shows each
 * next to its field) and whether this person may edit.
 */
import { createContext, useContext } from 'react'
import type { SchemaIssue } from '@paritaire/schema/editing'

export interface FicheViewState {
  issues: SchemaIssue[]
  readOnly: boolean
}

export const FicheViewContext = createContext<FicheViewState>({ issues: [], readOnly: true })

export function useFicheView(): FicheViewState {
  return useContext(FicheViewContext)
}

/**
 * The issues about one classement field: `field` when the schema names it,
 * otherwise the path segment after `classement` (…['classement','paliers',1,'coefficient']).
 */
export function issuesFor(issues: SchemaIssue[], field: string, index?: number, sub?: string): SchemaIssue[] {
  return issues.filter((issue) => {
    const at = issue.path.indexOf('classement')
    if (at < 0 && issue.section !== 'classement') return false
    const rest = at >= 0 ? issue.path.slice(at + 1) : []
    const name = rest[0] ?? issue.field
    if (name !== field) return false
    if (index === undefined) return true
    return rest[1] === index && (sub === undefined || rest[2] === sub)
  })
}

/**
 * The schema's message without what the screen already shows: inside a
 * fiche the "Fiche « … » (id), " prefix is redundant, and beside a field
 * so is "section …, champ … : ".
 */
export function shortMessage(issue: SchemaIssue, besideField = false): string {
  let message = issue.message.replace(/^Fiche « .*? » \([^)]*\),\s*/, '')
  if (besideField) message = message.replace(/^section [^,]+, champ [^:]+ :\s*/, '')
  return message.charAt(0).toUpperCase() + message.slice(1)
}
