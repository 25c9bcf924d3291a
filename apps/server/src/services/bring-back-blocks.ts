/**
 * The prose of one section brought back, structure included: the blocks of
 * the base section and of the proposal's are aligned (identical blocks as
 * anchors, then, between two anchors, blocks of the same kind paired by
 * their words), level by level — section, list, list item, contenu group.
 * A paired block whose words changed is amended word by word; a block only
 * in the proposal becomes an insertion amendment (every word of it proposed),
 * placed where the proposal has it; a block only in the base becomes a
 * deletion amendment. The common text is the target: at each level its
 * blocks must still be the base's (its own pending proposals of new blocks
 * aside), else the difference is reported as a conflict, never forced.
 */
import { AMENDMENT_MARK } from '@paritaire/schema'
import type { EditorNodeJson } from '../sync/update-rules.ts'
import { amendBlock, hasSuggestion, leafText, markWhole, stableString, type PlanAuthor } from './bring-back-words.ts'

/** What the merge reports; the plan's own shape. */
export interface MergeReport {
  created: string[]
  unresolved: { section: string; code: string; message: string }[]
}

interface MergeContext {
  section: string
  title: string
  author: PlanAuthor
  report: MergeReport
}

type Pair =
  | { op: 'pair'; b: number; p: number }
  | { op: 'removed'; b: number }
  | { op: 'added'; p: number }

const TEXTBLOCKS = new Set(['paragraph', 'intitule', 'groupeTitre'])
/** Blocks a container requires exactly once: always paired, never added or removed. */
const REQUIRED = new Set(['intitule', 'groupeTitre'])

function textOf(node: EditorNodeJson): string {
  if (node.type === 'text') return node.text ?? ''
  if (node.type === 'hardBreak') return '\n'
  return (node.content ?? []).map(textOf).join(TEXTBLOCKS.has(node.type ?? '') ? '' : '\n')
}

const words = (s: string): string[] => s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean)

/** Dice coefficient of the two blocks' words (1 for two empty blocks). */
function similarity(a: EditorNodeJson, b: EditorNodeJson): number {
  const x = words(textOf(a))
  const y = words(textOf(b))
  if (x.length + y.length === 0) return 1
  const count = new Map<string, number>()
  for (const w of x) count.set(w, (count.get(w) ?? 0) + 1)
  let common = 0
  for (const w of y) {
    const n = count.get(w) ?? 0
    if (n > 0) { common++; count.set(w, n - 1) }
  }
  return (2 * common) / (x.length + y.length)
}

/** Below this share of common words, a changed block is read as one removed and another added. */
const PAIR_THRESHOLD = 0.4

/** Pairs, in order, the blocks of one gap between two anchors (most similar overall, same kinds only). */
function pairGap(base: EditorNodeJson[], bOff: number, prop: EditorNodeJson[], pOff: number, parent: string): Pair[] {
  const score = (i: number, j: number): number => {
    const a = base[i]!
    const b = prop[j]!
    if (a.type !== b.type) return -1
    if (REQUIRED.has(a.type ?? '') || (parent === 'listItem' && a.type === 'paragraph')) return 2
    const s = similarity(a, b)
    return s >= PAIR_THRESHOLD ? s : -1
  }
  const n = base.length
  const m = prop.length
  // best[i][j]: best total score pairing base[i..] with prop[j..].
  const best: Float64Array[] = Array.from({ length: n + 1 }, () => new Float64Array(m + 1))
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const s = score(i, j)
      best[i]![j] = Math.max(best[i + 1]![j]!, best[i]![j + 1]!, s >= 0 ? s + best[i + 1]![j + 1]! : -Infinity)
    }
  }
  const out: Pair[] = []
  let i = 0
  let j = 0
  while (i < n || j < m) {
    if (i < n && j < m) {
      const s = score(i, j)
      if (s >= 0 && best[i]![j] === s + best[i + 1]![j + 1]!) { out.push({ op: 'pair', b: bOff + i, p: pOff + j }); i++; j++; continue }
      if (best[i]![j] === best[i + 1]![j]) { out.push({ op: 'removed', b: bOff + i }); i++; continue }
      out.push({ op: 'added', p: pOff + j }); j++
      continue
    }
    if (i < n) out.push({ op: 'removed', b: bOff + i++ })
    else out.push({ op: 'added', p: pOff + j++ })
  }
  return out
}

/** The alignment of two lists of blocks: identical blocks (longest common subsequence) as anchors, gaps paired. */
export function alignBlocks(base: EditorNodeJson[], prop: EditorNodeJson[], parent: string): Pair[] {
  const a = base.map(stableString)
  const b = prop.map(stableString)
  const lcs: Uint32Array[] = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1))
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
  }
  const out: Pair[] = []
  let i = 0
  let j = 0
  let gi = 0
  let gj = 0
  const flush = () => out.push(...pairGap(base.slice(gi, i), gi, prop.slice(gj, j), gj, parent))
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      flush()
      out.push({ op: 'pair', b: i, p: j })
      gi = ++i
      gj = ++j
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) i++
    else j++
  }
  i = a.length
  j = b.length
  flush()
  return out
}

const shorten = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s)

/** A block of the common text that is a pending proposal of a new block (every word of it an insertion). */
function proposedWhole(node: EditorNodeJson): boolean {
  let any = false
  let all = true
  const walk = (n: EditorNodeJson) => {
    if (n.type === 'text' || n.type === 'hardBreak') {
      if (n.type === 'text' && !(n.text ?? '').replace(/\u200B/g, '')) return
      any = true
      if (!(n.marks ?? []).some((m) => m.type === AMENDMENT_MARK.insertion)) all = false
      return
    }
    ;(n.content ?? []).forEach(walk)
  }
  walk(node)
  return any && all
}

/** The same block, pending proposal included: the proposing organisation already proposed this one. */
function alreadyProposed(common: EditorNodeJson, wanted: EditorNodeJson, organisationId: string): boolean {
  if (!proposedWhole(common) || textOf(common) !== textOf(wanted)) return false
  const orgs: string[] = []
  const walk = (n: EditorNodeJson) => {
    for (const m of n.marks ?? []) if (m.type === AMENDMENT_MARK.insertion) orgs.push(String(m.attrs?.organisationId ?? ''))
    ;(n.content ?? []).forEach(walk)
  }
  walk(common)
  return orgs.length > 0 && orgs.every((o) => o === organisationId)
}

/**
 * The children of a common-text container with the base → proposal
 * differences of the same container brought back as amendments.
 */
export function mergeBlocks(base: EditorNodeJson[], prop: EditorNodeJson[], common: EditorNodeJson[], parent: string, ctx: MergeContext): EditorNodeJson[] {
  if (stableString(base) === stableString(prop)) return common
  const { report, title, section, author } = ctx
  // The common blocks that stand for the base's: its pending proposals of new blocks are not among them.
  const standing = common.map((node, index) => ({ node, index })).filter((x) => !proposedWhole(x.node))
  if (standing.length !== base.length || standing.some((x, i) => x.node.type !== base[i]!.type)) {
    report.unresolved.push({ section, code: 'conflit', message: `${title} : des paragraphes ou des éléments de liste ont été ajoutés ou retirés dans le texte commun depuis la version de départ ; les changements de structure du projet ne sont pas repris.` })
    return common
  }
  const out: EditorNodeJson[] = []
  let next = 0
  /** Copies the common blocks before `index` (pending proposals of new blocks) as they are. */
  const upTo = (index: number) => { while (next < index) out.push(common[next++]!) }
  const pending = new Set(common.filter(proposedWhole))
  for (const step of alignBlocks(base, prop, parent)) {
    if (step.op === 'added') {
      const wanted = prop[step.p]!
      // An empty block (the one paragraph of an emptied section) has nothing to propose.
      if (textOf(wanted).trim() === '') continue
      const twin = [...pending].find((c) => alreadyProposed(c, wanted, author.attribution.organisationId))
      if (twin) {
        pending.delete(twin)
        report.unresolved.push({ section, code: 'amendement_en_attente', message: `${title} : l’ajout de « ${shorten(textOf(wanted))} » est déjà proposé.` })
        continue
      }
      out.push(markWhole(wanted, 'insertion', author, report.created))
      continue
    }
    const { node: target, index } = standing[step.b]!
    upTo(index)
    next = index + 1
    const from = base[step.b]!
    if (step.op === 'removed') {
      if (textOf(from).trim() === '') out.push(target)
      else if (hasSuggestion(target)) {
        report.unresolved.push({ section, code: 'amendement_en_attente', message: `${title} : un amendement est déjà en attente sur « ${shorten(textOf(target))} » ; sa suppression n’est pas proposée.` })
        out.push(target)
      } else if (textOf(target) !== textOf(from)) {
        report.unresolved.push({ section, code: 'conflit', message: `${title} : « ${shorten(textOf(target))} » a changé dans le texte commun depuis la version de départ ; sa suppression n’est pas proposée.` })
        out.push(target)
      } else out.push(markWhole(target, 'deletion', author, report.created))
      continue
    }
    out.push(mergePaired(from, prop[step.p]!, target, ctx))
  }
  upTo(common.length)
  return out
}

/** One block paired across base and proposal, brought back onto its common counterpart. */
function mergePaired(from: EditorNodeJson, to: EditorNodeJson, target: EditorNodeJson, ctx: MergeContext): EditorNodeJson {
  if (stableString(from) === stableString(to)) return target
  const { report, title, section } = ctx
  if (!TEXTBLOCKS.has(from.type ?? '')) {
    return { ...target, content: mergeBlocks(from.content ?? [], to.content ?? [], target.content ?? [], from.type ?? '', ctx) }
  }
  const before = leafText(from)
  const after = leafText(to)
  const now = leafText(target)
  if (before === after || now === after) return target
  if (hasSuggestion(target)) {
    report.unresolved.push({ section, code: 'amendement_en_attente', message: `${title} : un amendement est déjà en attente sur « ${shorten(now)} » ; la proposition n’y est pas ajoutée.` })
    return target
  }
  if (now !== before) {
    report.unresolved.push({ section, code: 'conflit', message: `${title} : le texte commun a changé depuis la version de départ (« ${shorten(now)} ») ; la rédaction du projet « ${shorten(after)} » n’est pas reprise.` })
    return target
  }
  return amendBlock(target, before, after, ctx.author, report.created)
}
