/**
 * The closing articles of an avenant, as the branch texts write them, and
 * the small French phrasing helpers (dates, lists, durations). Templates
 * are plain strings with `{date}` (the avenant's date) and `{accord}` (the
 * accord amended); callers replace any of them.
 */
import type { ClosingTemplates } from './model.ts'

export const CLOSING_TITLES: Record<keyof ClosingTemplates, string> = {
  petitesEntreprises: 'Entreprises de moins de 50 salariés',
  entreeEnVigueur: 'Entrée en vigueur',
  duree: 'Durée',
  depot: 'Dépôt',
  extension: "Demande d'extension",
}

export const DEFAULT_TEMPLATES: ClosingTemplates = {
  petitesEntreprises:
    "En application de l'article L. 2261-23-1 du code du travail, les signataires conviennent que le contenu du présent avenant ne justifie pas de prévoir de stipulations spécifiques aux entreprises de moins de 50 salariés, dans la mesure où il a vocation à s'appliquer à toutes les entreprises de la branche, quelle que soit leur taille.",
  entreeEnVigueur: "Le présent avenant entre en vigueur le lendemain de la publication de son arrêté d'extension au Journal officiel.",
  duree: 'Le présent avenant est conclu pour une durée indéterminée. Il peut être révisé ou dénoncé dans les conditions prévues par le code du travail et par {accord}.',
  depot:
    "Le présent avenant est déposé auprès des services du ministère chargé du travail et remis au secrétariat-greffe du conseil de prud'hommes de Paris, dans les conditions prévues aux articles L. 2231-6 et D. 2231-2 du code du travail.",
  extension: "Les parties signataires demandent l'extension du présent avenant au ministère chargé du travail.",
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre']

/** « 2024-03-11 » → « 11 mars 2024 » (« 1er » for the first); other strings as they are; « … » for none. */
export function frenchDate(d: string | null | undefined): string {
  if (!d) return '…'
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(d)
  if (!m) return d
  const day = Number(m[3])
  return `${day === 1 ? '1er' : day} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`
}

/** « a », « a et b », « a, b et c » */
export function frenchList(xs: readonly string[]): string {
  if (xs.length <= 1) return xs.join('')
  return `${xs.slice(0, -1).join(', ')} et ${xs[xs.length - 1]}`
}

/** A duration in days (« 6 mois » → 180, « 1 an » → 365), or null when it is not one. */
export function durationDays(s: string): number | null {
  const m = /(\d+(?:[,.]\d+)?)\s*(jours?|semaines?|mois|ans?|années?)/i.exec(s)
  if (!m) return null
  const n = Number(m[1]!.replace(',', '.'))
  const unit = m[2]!.toLowerCase()
  return n * (unit.startsWith('jour') ? 1 : unit.startsWith('semaine') ? 7 : unit === 'mois' ? 30 : 365)
}

export const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m)
