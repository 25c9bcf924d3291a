/**
 * When a branch agreement is valid, as the Code du travail says, in one pure
 * function. L2232-6: signed by representative unions weighing at least 30 %
 * of the votes (the weights of the branch's arrêté de représentativité), and
 * not opposed by unions weighing more than 50 %. L2231-8: the opposition is
 * written and reasoned, within 15 days of the notification of the agreement.
 * An agreement also needs at least one employer signatory. When the
 * signatories alone weigh more than 50 %, no majority opposition is possible
 * and the agreement is valid at once. Weights are kept in hundredths of a
 * percent (integers), so that 25,82 + 4,18 is exactly 30. The API, the
 * editor (through the API) and publication all read this one verdict.
 */

export type ValidityState = 'en_signature' | 'en_opposition' | 'valide' | 'non_valide'

/** The legal thresholds, in hundredths of a percent, and the opposition period in days. */
export const LAW = {
  signatoryMinimum: 3000,
  oppositionMajority: 5000,
  oppositionDays: 15,
} as const

export interface ValidityInput {
  /** Representative weights (hundredths of a percent) by organisation id; unions only count. */
  weights: { organisationId: string; name: string; hundredths: number }[]
  signatures: { organisationId: string; name: string; kind: 'union' | 'employer' | 'administration' }[]
  oppositions: { organisationId: string; name: string }[]
  /** Notification date of the agreement, `YYYY-MM-DD`, or null while not recorded. */
  notifiedOn: string | null
  /** Today's date (`YYYY-MM-DD`, Europe/Paris): the deadline has passed when today is after it. */
  today: string
}

export interface Validity {
  signatoryPercent: number
  opposingPercent: number
  employerSigned: boolean
  notifiedAt: string | null
  oppositionDeadline: string | null
  state: ValidityState
  publishable: boolean
  reasons: string[]
}

/** `YYYY-MM-DD` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** Today's calendar date in France, where the agreement is negotiated. */
export function parisDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at)
}

/** `2582` → « 25,82 % ». */
export function formatPercent(hundredths: number): string {
  return `${(hundredths / 100).toFixed(2).replace('.', ',')} %`
}

function frenchDate(date: string): string {
  const [y, m, d] = date.split('-')
  return `${d}/${m}/${y}`
}

export function computeValidity(input: ValidityInput): Validity {
  const weightOf = new Map(input.weights.map((w) => [w.organisationId, w.hundredths]))
  const signed = new Set(input.signatures.map((s) => s.organisationId))
  const signatory = input.signatures.filter((s) => s.kind === 'union').reduce((t, s) => t + (weightOf.get(s.organisationId) ?? 0), 0)
  // A signatory cannot also oppose: only non-signatories' oppositions count.
  const opposing = input.oppositions.filter((o) => !signed.has(o.organisationId)).reduce((t, o) => t + (weightOf.get(o.organisationId) ?? 0), 0)
  const employerSigned = input.signatures.some((s) => s.kind === 'employer')
  const deadline = input.notifiedOn ? addDays(input.notifiedOn, LAW.oppositionDays) : null
  const reasons: string[] = []

  if (input.weights.length === 0) reasons.push('La représentativité des organisations syndicales n’est pas renseignée.')
  const enough = signatory >= LAW.signatoryMinimum
  reasons.push(enough
    ? `Les signataires syndicaux pèsent ${formatPercent(signatory)}, au moins 30 % des suffrages (L. 2232-6).`
    : `Les signataires syndicaux pèsent ${formatPercent(signatory)} : il faut au moins 30 % des suffrages (L. 2232-6).`)
  reasons.push(employerSigned
    ? 'Au moins une organisation d’employeurs a signé.'
    : 'Aucune organisation d’employeurs n’a signé : il en faut au moins une.')

  let state: ValidityState
  if (opposing > LAW.oppositionMajority) {
    state = 'non_valide'
    reasons.push(`Des organisations pesant ${formatPercent(opposing)} (plus de 50 %) se sont opposées : l’accord est réputé non écrit (L. 2232-6).`)
  } else if (!enough || !employerSigned) {
    state = 'en_signature'
  } else if (signatory > LAW.oppositionMajority) {
    state = 'valide'
    reasons.push('Les signataires pèsent plus de 50 % : aucune opposition majoritaire n’est possible, l’accord peut être publié sans attendre.')
  } else if (!deadline) {
    state = 'en_signature'
    reasons.push('La notification de l’accord n’est pas enregistrée : le délai d’opposition de 15 jours n’a pas commencé (L. 2231-8).')
  } else if (input.today <= deadline) {
    state = 'en_opposition'
    reasons.push(`Délai d’opposition en cours jusqu’au ${frenchDate(deadline)} inclus (L. 2231-8)${opposing > 0 ? ` ; oppositions : ${formatPercent(opposing)}` : ''}.`)
  } else {
    state = 'valide'
    reasons.push(`Le délai d’opposition a expiré le ${frenchDate(deadline)} sans opposition majoritaire${opposing > 0 ? ` (oppositions : ${formatPercent(opposing)})` : ''}.`)
  }
  return {
    signatoryPercent: signatory / 100,
    opposingPercent: opposing / 100,
    employerSigned,
    notifiedAt: input.notifiedOn,
    oppositionDeadline: deadline,
    state,
    publishable: state === 'valide',
    reasons,
  }
}
