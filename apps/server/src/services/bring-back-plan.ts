/**
 * The pure part of bringing a proposal back into the common text: given one
 * fiche as it stood in the proposal's base version, as it stands in the
 * proposal, and as it stands live in the common text (editor JSON, pending
 * amendments included), it answers the common fiche with every difference
 * base → proposal added as a pending amendment of the proposing
 * organisation — word-level suggestion marks in prose (one amendment per
 * contiguous change, so « 1 an » → « 6 mois » reads as one replacement),
 * field proposals for the amendable classement fields — and the list of
 * differences it could not carry, each with the reason, for the summary.
 *
 * It is a three-way merge that never overwrites: a paragraph is amended only
 * where the common text still has the base's wording (else the table changed
 * it since, and the difference is reported as a conflict); paragraphs, list
 * items and groups added or removed in the proposal become insertion or
 * deletion amendments (`bring-back-blocks.ts`); fields that have no
 * amendment form are reported rather than guessed.
 */
import { AMENDABLE_FIELDS, PROPOSALS_ATTRIBUTE, type AmendableField } from '@paritaire/schema'
import type { EditorNodeJson } from '../sync/update-rules.ts'
import { mergeBlocks } from './bring-back-blocks.ts'
import { stableString, type PlanAuthor } from './bring-back-words.ts'

export { stableString, tokenOps, type PlanAuthor } from './bring-back-words.ts'

/** A difference the plan did not turn into an amendment. */
export interface UnresolvedDifference {
  section: string
  /** Stable code: `conflit`, `champ_non_amendable`, `amendement_en_attente`. */
  code: string
  message: string
}

export interface BringBackPlan {
  /** The common fiche with the new amendments, or null when there is nothing to add. */
  result: EditorNodeJson | null
  /** Ids of the amendments added. */
  created: string[]
  unresolved: UnresolvedDifference[]
}

export const SECTION_TITLES: Record<string, string> = {
  denomination: 'Dénomination', objet: 'Objet', contenu: 'Contenu', classement: 'Classement', acces: 'Modes d’accès', evolution: 'Évolution',
}

/** Section attributes that no amendment can carry, with their French names. */
const OTHER_FIELDS: Record<string, Record<string, string>> = {
  denomination: { appellations: 'Appellations', code: 'Code', filiere: 'Filière', sousFamille: 'Sous-famille' },
  objet: { memesFonctionsQue: '« Mêmes fonctions que »' },
  classement: { degres: 'Degrés', criteres: 'Critères classants', paliers: 'Paliers' },
  evolution: { verticale: 'Évolution verticale', transversale: 'Évolution transversale' },
}

function fieldValue(attrs: Record<string, unknown> | undefined, field: string): string | number | null {
  const v = attrs?.[field]
  return typeof v === 'string' || typeof v === 'number' ? v : null
}

/** The section with the base → proposal prose differences (words and blocks) as amendments. */
function planProse(base: EditorNodeJson, proposal: EditorNodeJson, common: EditorNodeJson, author: PlanAuthor, plan: BringBackPlan): EditorNodeJson {
  const section = base.type ?? ''
  const ctx = { section, title: SECTION_TITLES[section] ?? section, author, report: plan }
  const content = mergeBlocks(base.content ?? [], proposal.content ?? [], common.content ?? [], section, ctx)
  return content === common.content ? common : { ...common, content }
}

/** The section with the base → proposal changes of amendable classement fields as field proposals. */
function planFields(base: EditorNodeJson, proposal: EditorNodeJson, common: EditorNodeJson, author: PlanAuthor, plan: BringBackPlan): EditorNodeJson {
  const section = base.type ?? ''
  for (const [field, label] of Object.entries(OTHER_FIELDS[section] ?? {})) {
    if (stableString(base.attrs?.[field] ?? null) !== stableString(proposal.attrs?.[field] ?? null)) {
      plan.unresolved.push({ section, code: 'champ_non_amendable', message: `${label} : modifié dans le projet, mais ce champ ne s’amende pas ; à reprendre à la main.` })
    }
  }
  if (section !== 'classement') return common
  const existing = Array.isArray(common.attrs?.[PROPOSALS_ATTRIBUTE]) ? (common.attrs![PROPOSALS_ATTRIBUTE] as Record<string, unknown>[]) : []
  const added: Record<string, unknown>[] = []
  for (const field of Object.keys(AMENDABLE_FIELDS) as AmendableField[]) {
    const value = fieldValue(proposal.attrs, field)
    if (fieldValue(base.attrs, field) === value || fieldValue(common.attrs, field) === value) continue
    const pending = existing.some((p) => p?.field === field && p?.organisationId === author.attribution.organisationId && (p?.value ?? null) === value)
    if (pending) continue
    const id = author.newId()
    plan.created.push(id)
    const who = author.attributionFor?.(String(fieldValue(base.attrs, field) ?? ''), String(value ?? '')) ?? author.attribution
    added.push({ ...who, id, field, value })
  }
  if (added.length === 0) return common
  return { ...common, attrs: { ...common.attrs, [PROPOSALS_ATTRIBUTE]: [...existing, ...added] } }
}

/**
 * The plan for one fiche: `base` and `proposal` are editor JSON of
 * canonical fiches (no amendments), `common` the live common fiche.
 */
export function planBringBack(base: EditorNodeJson, proposal: EditorNodeJson, common: EditorNodeJson, author: PlanAuthor): BringBackPlan {
  const plan: BringBackPlan = { result: null, created: [], unresolved: [] }
  const sections = (common.content ?? []).map((section) => {
    const b = base.content?.find((s) => s.type === section.type)
    const p = proposal.content?.find((s) => s.type === section.type)
    if (!b || !p) return section
    return planFields(b, p, planProse(b, p, section, author, plan), author, plan)
  })
  if (plan.created.length > 0) plan.result = { ...common, content: sections }
  return plan
}
