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
 * it since, and the difference is reported as a conflict); paragraphs added
 * or removed in the proposal, and fields that have no amendment form, are
 * reported rather than guessed.
 */
import { tokenize } from '@paritaire/diff'
import { AMENDABLE_FIELDS, AMENDMENT_MARK, PROPOSALS_ATTRIBUTE, type AmendableField, type AmendmentAttribution } from '@paritaire/schema'
import type { EditorNodeJson } from '../sync/update-rules.ts'

/** A difference the plan did not turn into an amendment. */
export interface UnresolvedDifference {
  section: string
  /** Stable code: `conflit`, `structure`, `champ_non_amendable`, `amendement_en_attente`. */
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

/** Who the amendments are attributed to, and how new ids are made. */
export interface PlanAuthor {
  attribution: Omit<AmendmentAttribution, 'id'>
  newId(): string
  /** When the changes have several authors (a Word file's tracked changes): the attribution of one change. */
  attributionFor?(deleted: string, inserted: string): Omit<AmendmentAttribution, 'id'>
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

const TEXTBLOCKS = new Set(['paragraph', 'intitule', 'groupeTitre'])

/** JSON with object keys sorted: stored JSON (jsonb) does not keep key order. */
export function stableString(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableString).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${stableString(o[k])}`).join(',')}}`
  }
  return JSON.stringify(value ?? null)
}

interface Leaf {
  /** Child indices from the section down to the textblock. */
  path: number[]
  /** Node types from the section down: the block's place in the structure. */
  shape: string
  node: EditorNodeJson
}

function leavesOf(section: EditorNodeJson): Leaf[] {
  const out: Leaf[] = []
  const walk = (node: EditorNodeJson, path: number[], shape: string) => {
    ;(node.content ?? []).forEach((child, i) => {
      const childShape = `${shape}>${child.type ?? '?'}`
      if (TEXTBLOCKS.has(child.type ?? '')) out.push({ path: [...path, i], shape: childShape, node: child })
      else walk(child, [...path, i], childShape)
    })
  }
  walk(section, [], '')
  return out
}

function leafText(node: EditorNodeJson): string {
  return (node.content ?? []).map((c) => (c.type === 'text' ? (c.text ?? '') : c.type === 'hardBreak' ? '\n' : '')).join('')
}

const isSuggestion = (m: { type: string }) => (Object.values(AMENDMENT_MARK) as string[]).includes(m.type)
const hasSuggestion = (node: EditorNodeJson): boolean => (node.marks ?? []).some(isSuggestion) || (node.content ?? []).some(hasSuggestion)

type Op = { op: 'equal' | 'delete'; length: number } | { op: 'insert'; text: string }

/** Longest common subsequence over tokens (whitespace included), ends trimmed first; a huge middle is replaced whole. */
export function tokenOps(before: string, after: string): Op[] {
  const a = tokenize(before).map((t) => t.ws + t.text)
  const b = tokenize(after).map((t) => t.ws + t.text)
  // Trailing whitespace is no token: keep it as a last piece so lengths add up.
  const tail = (s: string, parts: string[]) => s.slice(parts.join('').length)
  const ta = tail(before, a)
  const tb = tail(after, b)
  if (ta) a.push(ta)
  if (tb) b.push(tb)
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB-- }
  const ops: Op[] = []
  const equal = (s: string) => { if (s) ops.push({ op: 'equal', length: s.length }) }
  equal(a.slice(0, start).join(''))
  const midA = a.slice(start, endA)
  const midB = b.slice(start, endB)
  if (midA.length * midB.length > 4_000_000) {
    if (midA.length) ops.push({ op: 'delete', length: midA.join('').length })
    if (midB.length) ops.push({ op: 'insert', text: midB.join('') })
  } else {
    // lcs[i][j]: length of the LCS of midA[i..] and midB[j..].
    const lcs: Uint32Array[] = Array.from({ length: midA.length + 1 }, () => new Uint32Array(midB.length + 1))
    for (let i = midA.length - 1; i >= 0; i--) {
      for (let j = midB.length - 1; j >= 0; j--) {
        lcs[i]![j] = midA[i] === midB[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
      }
    }
    let i = 0
    let j = 0
    while (i < midA.length || j < midB.length) {
      if (i < midA.length && j < midB.length && midA[i] === midB[j]) { equal(midA[i]!); i++; j++ }
      else if (j < midB.length && (i === midA.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) { ops.push({ op: 'insert', text: midB[j]! }); j++ }
      else { ops.push({ op: 'delete', length: midA[i]!.length }); i++ }
    }
  }
  equal(a.slice(endA).join(''))
  return ops
}

type Run = EditorNodeJson & { length: number }

/** The textblock's inline content as runs measured in characters (a hard break counts one: « \n »). */
function runsOf(node: EditorNodeJson): Run[] {
  return (node.content ?? []).map((c) => ({ ...c, length: c.type === 'text' ? (c.text ?? '').length : 1 }))
}

function withMark(node: EditorNodeJson, mark: { type: string; attrs: Record<string, unknown> }): EditorNodeJson {
  return { ...node, marks: [...(node.marks ?? []), mark] }
}

/**
 * The textblock's content with `before` → `after` as suggestion marks (the
 * block's current text must be `before`). Formatting of kept and deleted
 * text is kept; each contiguous change gets one amendment id.
 */
function amendBlock(node: EditorNodeJson, before: string, after: string, author: PlanAuthor, created: string[]): EditorNodeJson {
  const runs = runsOf(node)
  let r = 0
  let offset = 0
  /** Takes `length` characters of the current content, splitting a text run where needed. */
  const take = (length: number): EditorNodeJson[] => {
    const out: EditorNodeJson[] = []
    while (length > 0 && r < runs.length) {
      const run = runs[r]!
      const available = run.length - offset
      const n = Math.min(available, length)
      const { length: _l, ...plain } = run
      out.push(run.type === 'text' ? { ...plain, text: (run.text ?? '').slice(offset, offset + n) } : plain)
      length -= n
      offset += n
      if (offset === run.length) { r++; offset = 0 }
    }
    return out
  }
  const content: EditorNodeJson[] = []
  const ops = tokenOps(before, after)
  for (let k = 0; k < ops.length;) {
    const op = ops[k]!
    if (op.op === 'equal') { content.push(...take(op.length)); k++; continue }
    // A hunk: the contiguous deletions and insertions between two equal pieces.
    let deleted = 0
    let inserted = ''
    for (; k < ops.length && ops[k]!.op !== 'equal'; k++) {
      const o = ops[k]!
      if (o.op === 'delete') deleted += o.length
      else if (o.op === 'insert') inserted += o.text
    }
    const id = author.newId()
    created.push(id)
    const removed = take(deleted)
    const who = author.attributionFor?.(removed.map((n) => n.text ?? '').join(''), inserted) ?? author.attribution
    const attrs = { ...who, id }
    for (const n of removed) content.push(withMark(n, { type: AMENDMENT_MARK.deletion, attrs }))
    inserted.split('\n').forEach((part, i) => {
      if (i > 0) content.push({ type: 'hardBreak', marks: [{ type: AMENDMENT_MARK.insertion, attrs }] })
      if (part) content.push({ type: 'text', text: part, marks: [{ type: AMENDMENT_MARK.insertion, attrs }] })
    })
  }
  const merged: EditorNodeJson[] = []
  for (const n of content) {
    const last = merged.at(-1)
    if (last && last.type === 'text' && n.type === 'text' && stableString(last.marks ?? []) === stableString(n.marks ?? [])) {
      merged[merged.length - 1] = { ...last, text: (last.text ?? '') + (n.text ?? '') }
    } else merged.push(n)
  }
  const out: EditorNodeJson = { ...node }
  if (merged.length) out.content = merged
  else delete out.content
  return out
}

function replaceAt(section: EditorNodeJson, path: number[], node: EditorNodeJson): EditorNodeJson {
  if (path.length === 0) return node
  const [i, ...rest] = path as [number, ...number[]]
  const content = [...(section.content ?? [])]
  content[i] = replaceAt(content[i]!, rest, node)
  return { ...section, content }
}

function fieldValue(attrs: Record<string, unknown> | undefined, field: string): string | number | null {
  const v = attrs?.[field]
  return typeof v === 'string' || typeof v === 'number' ? v : null
}

const shorten = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s)

/** The section with the base → proposal prose differences as amendments. */
function planProse(base: EditorNodeJson, proposal: EditorNodeJson, common: EditorNodeJson, author: PlanAuthor, plan: BringBackPlan): EditorNodeJson {
  const section = base.type ?? ''
  const title = SECTION_TITLES[section] ?? section
  const from = leavesOf(base)
  const to = leavesOf(proposal)
  const shape = (leaves: Leaf[]) => leaves.map((l) => l.shape).join('|')
  if (shape(from) !== shape(to)) {
    // Paragraphs or items added or removed: a change of structure, not of words.
    plan.unresolved.push({ section, code: 'structure', message: `${title} : des paragraphes ou des éléments de liste ont été ajoutés ou retirés dans le projet ; ce changement n’est pas repris en amendement, à proposer à la main.` })
    return common
  }
  const here = leavesOf(common)
  let out = common
  for (const [i, leaf] of from.entries()) {
    const before = leafText(leaf.node)
    const after = leafText(to[i]!.node)
    if (before === after) continue
    const target = shape(here) === shape(from) ? here[i] : undefined
    if (!target) {
      plan.unresolved.push({ section, code: 'conflit', message: `${title} : la structure de la section a changé dans le texte commun ; « ${shorten(after)} » n’est pas repris.` })
      continue
    }
    const now = leafText(target.node)
    if (now === after) continue
    if (hasSuggestion(target.node)) {
      plan.unresolved.push({ section, code: 'amendement_en_attente', message: `${title} : un amendement est déjà en attente sur « ${shorten(now)} » ; la proposition n’y est pas ajoutée.` })
      continue
    }
    if (now !== before) {
      plan.unresolved.push({ section, code: 'conflit', message: `${title} : le texte commun a changé depuis la version de départ (« ${shorten(now)} ») ; la rédaction du projet « ${shorten(after)} » n’est pas reprise.` })
      continue
    }
    out = replaceAt(out, target.path, amendBlock(target.node, before, after, author, plan.created))
  }
  return out
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
