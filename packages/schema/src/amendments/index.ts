/**
 * Amendments (suggestion mode): the marks and field proposals that carry
 * them, pure functions to list, accept and reject them on editor JSON, the
 * check the sync server applies to every update, and Y.Doc helpers.
 */
export * from './model.ts'
export { amendmentMarks, InsertionMark, DeletionMark, ModificationMark } from './marks.ts'
export { listAmendments, acceptAmendments, rejectAmendments, withoutPendingAmendments, hasAmendments, amendmentKey, matchesFilter, proposalsOf } from './operations.ts'
export { checkAmendmentChange } from './check.ts'
export { canonicalString } from './json.ts'
export { yDocToEditorJson, writeEditorJsonToYDoc } from './ydoc.ts'
