/**
 * Sequence alignment of blocks (paragraphs, list items) between two sides.
 * First the longest common subsequence of exact keys (jsdiff `diffArrays`);
 * then, inside each gap between anchors, pairs by word similarity (an edited
 * item); then across gaps, the same text (or a similar one) elsewhere is a
 * move, not a deletion plus an insertion. Also the longest increasing
 * subsequence used to tell which matched fiches moved.
 */
import { diffArrays } from 'diff'
import { jaccard } from './tokens.ts'

export interface AlignedPair {
  o: number | null
  n: number | null
  /** Paired across gaps: the block changed place. */
  moved: boolean
  /**
   * Paired only because it is the one block replacing one other, without a
   * similarity check (the caller checks the word diff instead, cheaper).
   */
  unchecked?: true
}

export interface AlignInput {
  oldKeys: readonly string[]
  newKeys: readonly string[]
  /** Word sets for similarity, computed only for blocks in gaps (lazily: most blocks align exactly). */
  oldWords: (index: number) => ReadonlySet<string>
  newWords: (index: number) => ReadonlySet<string>
}

/**
 * Pairs in gaps need this similarity (less when one block replaces exactly
 * one other: that is nearly always an edit); pairs across gaps (moves) need more.
 */
const GAP_THRESHOLD = 0.3
/** Share of unchanged text below which a one-for-one pair is a replacement (removed + added), not an edit. */
export const ONE_FOR_ONE_THRESHOLD = 0.15
const MOVE_THRESHOLD = 0.6
/** Beyond this many similarity comparisons, only exact keys pair (bounded time). */
const MAX_COMPARISONS = 40_000

/**
 * jsdiff's cost is about (N + M) × D: the edit length allowed shrinks as the
 * sequences grow, so that aligning thousands of blocks stays in milliseconds.
 */
const maxEdits = (size: number): number => Math.max(50, Math.min(2000, Math.floor(2_000_000 / Math.max(1, size))))

/** Align two sequences; the result is in reading order (newer order, removed ones at their old place). */
export function alignSequences(input: AlignInput): AlignedPair[] {
  const { oldKeys, newKeys } = input
  // Common prefix and suffix first: most edited sections differ in one or
  // two blocks, and then jsdiff is not needed at all.
  let head = 0
  while (head < oldKeys.length && head < newKeys.length && oldKeys[head] === newKeys[head]) head++
  let tail = 0
  while (tail < oldKeys.length - head && tail < newKeys.length - head && oldKeys[oldKeys.length - 1 - tail] === newKeys[newKeys.length - 1 - tail]) tail++
  const midOld = oldKeys.slice(head, oldKeys.length - tail)
  const midNew = newKeys.slice(head, newKeys.length - tail)
  if (midOld.length === midNew.length && equalOnlyInPlace(midOld, midNew)) {
    // An untouched section, or blocks edited in place (the usual case): as
    // many in as out, and a key found on both sides only at one same
    // place. Those places are then the only common subsequence jsdiff can
    // find; the gaps between them hold as many blocks in as out, which the
    // general case below pairs in order, unchecked, whatever the order of
    // jsdiff's runs. Done here without jsdiff, maps and sets.
    const out: AlignedPair[] = []
    for (let i = 0; i < head; i++) out.push({ o: i, n: i, moved: false })
    for (let i = 0; i < midOld.length; i++) {
      out.push(midOld[i] === midNew[i] ? { o: head + i, n: head + i, moved: false } : { o: head + i, n: head + i, moved: false, unchecked: true })
    }
    for (let i = tail; i > 0; i--) out.push({ o: oldKeys.length - i, n: newKeys.length - i, moved: false })
    return out
  }
  type Run = { value: unknown; added: boolean; removed: boolean; count: number }
  const run = (count: number, kind: 'eq' | 'del' | 'ins'): Run => ({ value: null, added: kind === 'ins', removed: kind === 'del', count })
  const middle: Run[] =
    midOld.length === 0 || midNew.length === 0
      ? [run(midOld.length, 'del'), run(midNew.length, 'ins')]
      : diffArrays(midOld, midNew, { maxEditLength: maxEdits(midOld.length + midNew.length) }) ??
        // Too different to align by LCS within bounds: one big gap.
        [run(midOld.length, 'del'), run(midNew.length, 'ins')]
  const changes: Run[] = [run(head, 'eq'), ...middle, run(tail, 'eq')].filter((c) => c.count > 0)

  // Walk jsdiff's output once to collect anchors and gaps.
  type Gap = { dels: number[]; ins: number[] }
  const gaps: Gap[] = []
  const steps: ({ t: 'eq'; o: number; n: number } | { t: 'del'; o: number } | { t: 'ins'; n: number })[] = []
  let io = 0
  let inn = 0
  let gap: Gap | null = null
  for (const c of changes) {
    if (!c.added && !c.removed) {
      gap = null
      for (let k = 0; k < c.count; k++) steps.push({ t: 'eq', o: io++, n: inn++ })
      continue
    }
    if (!gap) {
      gap = { dels: [], ins: [] }
      gaps.push(gap)
    }
    for (let k = 0; k < c.count; k++) {
      if (c.removed) {
        gap.dels.push(io)
        steps.push({ t: 'del', o: io++ })
      } else {
        gap.ins.push(inn)
        steps.push({ t: 'ins', n: inn++ })
      }
    }
  }

  const newToOld = new Map<number, { o: number; moved: boolean }>()
  const pairedOld = new Set<number>()
  const pair = (o: number, n: number, moved: boolean): void => {
    newToOld.set(n, { o, moved })
    pairedOld.add(o)
  }
  const unchecked = new Set<number>()
  let budget = MAX_COMPARISONS
  const oldCache = new Map<number, ReadonlySet<string>>()
  const newCache = new Map<number, ReadonlySet<string>>()
  const ow = (o: number): ReadonlySet<string> => oldCache.get(o) ?? oldCache.set(o, input.oldWords(o)).get(o)!
  const nw = (n: number): ReadonlySet<string> => newCache.get(n) ?? newCache.set(n, input.newWords(n)).get(n)!
  const sim = (o: number, n: number): number => jaccard(ow(o), nw(n))

  // Edited blocks: similar pairs inside one gap, best first.
  for (const g of gaps) {
    if (g.dels.length === 0 || g.ins.length === 0) continue
    if (g.dels.length === g.ins.length) {
      // As many blocks in as out: edits in place, checked later on their
      // word diff (cheaper than a similarity measure first).
      g.dels.forEach((o, i) => {
        pair(o, g.ins[i]!, false)
        unchecked.add(g.ins[i]!)
      })
    } else {
      // Edits in place first (i-th removed with i-th inserted, when similar):
      // linear, and it settles the usual run of edited items; the rest best-first.
      const k = Math.min(g.dels.length, g.ins.length)
      for (let i = 0; i < k; i++) {
        const o = g.dels[i]!
        const n = g.ins[i]!
        budget--
        if (sim(o, n) >= GAP_THRESHOLD) pair(o, n, false)
      }
      greedyPairs(g.dels.filter((o) => !pairedOld.has(o)), g.ins.filter((n) => !newToOld.has(n)), GAP_THRESHOLD, false)
    }
  }
  // Moves: what is left, paired across gaps — same key first, then similar.
  const leftOld = (): number[] => gaps.flatMap((g) => g.dels).filter((o) => !pairedOld.has(o))
  const leftNew = (): number[] => gaps.flatMap((g) => g.ins).filter((n) => !newToOld.has(n))
  const byKey = new Map<string, number[]>()
  for (const o of leftOld()) {
    const list = byKey.get(oldKeys[o]!)
    if (list) list.push(o)
    else byKey.set(oldKeys[o]!, [o])
  }
  for (const n of leftNew()) {
    const o = byKey.get(newKeys[n]!)?.shift()
    if (o !== undefined) pair(o, n, true)
  }
  greedyPairs(leftOld(), leftNew(), MOVE_THRESHOLD, true)

  function greedyPairs(dels: number[], ins: number[], threshold: number, moved: boolean): void {
    if (dels.length === 0 || ins.length === 0) return
    if (dels.length * ins.length > budget) return
    budget -= dels.length * ins.length
    const candidates: [number, number, number][] = []
    for (const o of dels) for (const n of ins) {
      const s = sim(o, n)
      if (s >= threshold) candidates.push([s, o, n])
    }
    candidates.sort((x, y) => y[0] - x[0] || x[1] - y[1] || x[2] - y[2])
    for (const [, o, n] of candidates) {
      if (pairedOld.has(o) || newToOld.has(n)) continue
      pair(o, n, moved)
    }
  }

  const out: AlignedPair[] = []
  for (const s of steps) {
    if (s.t === 'eq') out.push({ o: s.o, n: s.n, moved: false })
    else if (s.t === 'del') {
      if (!pairedOld.has(s.o)) out.push({ o: s.o, n: null, moved: false })
    } else {
      const p = newToOld.get(s.n)
      if (!p) out.push({ o: null, n: s.n, moved: false })
      else out.push(unchecked.has(s.n) ? { o: p.o, n: s.n, moved: p.moved, unchecked: true } : { o: p.o, n: s.n, moved: p.moved })
    }
  }
  return out
}

/**
 * No key of `a` equals a key of `b` at another place; false when unsure
 * (checked only for short sequences: quadratic, without a set).
 */
function equalOnlyInPlace(a: readonly string[], b: readonly string[]): boolean {
  if (a.length * b.length > 64) return false
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) if (i !== j && a[i] === b[j]) return false
  return true
}

/**
 * Indices (into `seq`) of a longest strictly increasing subsequence: the
 * matched fiches that kept their relative order. The others moved.
 * Patience sorting, O(n log n).
 */
export function longestIncreasing(seq: readonly number[]): Set<number> {
  const tails: number[] = []
  const prev = new Array<number>(seq.length).fill(-1)
  for (let i = 0; i < seq.length; i++) {
    const v = seq[i]!
    let lo = 0
    let hi = tails.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (seq[tails[mid]!]! < v) lo = mid + 1
      else hi = mid
    }
    if (lo > 0) prev[i] = tails[lo - 1]!
    tails[lo] = i
  }
  const keep = new Set<number>()
  let k = tails.length > 0 ? tails[tails.length - 1]! : -1
  while (k >= 0) {
    keep.add(k)
    k = prev[k]!
  }
  return keep
}
