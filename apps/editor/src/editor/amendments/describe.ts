/** French wording of one amendment, shared by the side list and the classement proposals. */
import { AMENDABLE_FIELDS, type Amendment } from '@paritaire/schema/editing'

export function formatValue(value: string | number | null): string {
  return value === null || value === '' ? '(vide)' : String(value)
}

export function amendmentSummary(a: Amendment): string {
  if (a.kind === 'field' && a.field) return `${AMENDABLE_FIELDS[a.field]} : ${formatValue(a.oldValue)} → ${formatValue(a.newValue)}`
  if (a.kind === 'replacement') return `Remplacer « ${a.deleted} » par « ${a.inserted} »`
  if (a.kind === 'deletion') return `Supprimer « ${a.deleted} »`
  return `Ajouter « ${a.inserted} »`
}

export function formatTime(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleString('fr-FR', { day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' })
}
