/**
 * The rule the sync server applies to every fiche update (and the editor
 * before sending one): who may change which amendments.
 *
 * - For everyone: an amendment appearing with another organisation's name,
 *   or without an author, is refused; another organisation's amendment may
 *   not be altered or removed through editing (decisions go through the
 *   REST routes, which check who may decide and audit it).
 * - For the `commenter` role (« Amendements et commentaires »): the text
 *   with its own organisation's amendments rejected must be exactly the
 *   text before with its amendments rejected, i.e. it only adds or
 *   withdraws its own amendments.
 */
import type { JSONContent } from '@tiptap/core'
import { canonicalString } from './json.ts'
import { amendmentKey, listAmendments, rejectAmendments } from './operations.ts'
import type { Amendment, AmendmentAuthor, AmendmentRefusal } from './model.ts'

/** What must stay identical in another organisation's amendment (not the field's current value, which editors may change). */
function signature(a: Amendment): string {
  return JSON.stringify([a.kind, a.inserted, a.deleted, a.field, a.newValue, a.userId, a.authorName, a.organisationName, a.createdAt])
}

function describe(a: Amendment): string {
  if (a.kind === 'field') return `l’amendement de ${a.organisationName || 'une autre organisation'} sur le champ ${a.field}`
  const words = (a.inserted || a.deleted).trim().slice(0, 40)
  return `l’amendement de ${a.organisationName || 'une autre organisation'}${words ? ` « ${words} »` : ''}`
}

export function checkAmendmentChange(before: JSONContent, after: JSONContent, author: AmendmentAuthor): AmendmentRefusal | null {
  const previous = new Map(listAmendments(before).map((a) => [amendmentKey(a), a]))
  const current = listAmendments(after)
  const seen = new Set<string>()
  for (const a of current) {
    const key = amendmentKey(a)
    seen.add(key)
    if (!a.id || !a.organisationId) {
      return { code: 'amendement_sans_auteur', message: 'Un amendement doit porter son identifiant et son organisation.' }
    }
    if (a.organisationId === author.organisationId) continue
    const was = previous.get(key)
    if (!was) {
      return { code: 'amendement_usurpe', message: 'Un amendement ne peut être proposé qu’au nom de votre organisation.' }
    }
    if (signature(was) !== signature(a)) {
      return { code: 'amendement_d_autrui_modifie', message: `Vous ne pouvez pas modifier ${describe(was)}.` }
    }
  }
  for (const [key, a] of previous) {
    if (a.organisationId !== author.organisationId && !seen.has(key)) {
      return {
        code: 'amendement_d_autrui_retire',
        message: `Vous ne pouvez pas retirer ${describe(a)} en modifiant le texte : l’acceptation et le rejet passent par la liste « Amendements ».`,
      }
    }
  }
  if (author.role === 'commenter') {
    const own = { organisationId: author.organisationId }
    if (canonicalString(rejectAmendments(after, own)) !== canonicalString(rejectAmendments(before, own))) {
      return {
        code: 'amendement_requis',
        message: 'Votre rôle « Amendements et commentaires » ne permet pas de modifier le texte directement : proposez un amendement.',
      }
    }
  }
  return null
}
