/**
 * Redline of a sequence of units (paragraphs, items, group titles): align
 * them, then diff each aligned pair word by word. Every unit of both sides
 * appears once in the result, unchanged ones included, so renderers can
 * show the whole wording of a section with its changes in place.
 */
import type { Author, BlockChange } from './change-set.ts'
import { ONE_FOR_ONE_THRESHOLD, alignSequences, type AlignInput, type AlignedPair } from './align.ts'
import type { Token } from './tokens.ts'
import { sameTypographyKey } from './typography.ts'
import { unitKey, unitTokens, unitWords, type Unit } from './units.ts'
import { wordDiff, type DiffContext, type TokenSource, type WordDiffResult } from './word-diff.ts'

export interface BlocksResult {
  blocks: BlockChange[]
  /** Some block differs (typographic-only differences count when shown). */
  changed: boolean
}

export function diffUnits(older: readonly Unit[], newer: readonly Unit[], ctx: DiffContext, author?: Author): BlocksResult {
  if (older.length === 0 && newer.length === 0) return { blocks: [], changed: false }
  let pairs: AlignedPair[]
  if (older.length === 0 || newer.length === 0) {
    // One side empty (an added or removed fiche or section): nothing to align.
    pairs = []
    for (let o = 0; o < older.length; o++) pairs.push({ o, n: null, moved: false })
    for (let n = 0; n < newer.length; n++) pairs.push({ o: null, n, moved: false })
  } else pairs = alignUnits(older, newer)
  const blocks: BlockChange[] = []
  let changed = false
  for (const p of splitUnrelated(pairs, older, newer, ctx)) {
    const o = p.o === null ? null : older[p.o]!
    const n = p.n === null ? null : newer[p.n]!
    const ref = (n ?? o)!
    // Literals, not a spread of shared fields: blocks are made for every
    // unit of every changed section, and a spread per block showed in profiles.
    let block: BlockChange
    if (o && n) {
      const wd = p.wd ?? wordDiff(o.text, n.text, ctx, cachedTokens(o, n))
      const differs = wd.changed || wd.minor
      block = { kind: ref.kind, depth: ref.depth, group: ref.group, status: p.moved ? 'moved' : differs ? 'modified' : 'equal', segments: wd.segments }
      if (p.moved) {
        block.from = o.place
        block.to = n.place
      }
      if (wd.replaced) block.replaced = true
    } else if (n) {
      block = { kind: ref.kind, depth: ref.depth, group: ref.group, status: 'added', segments: n.text ? [{ op: 'ins', text: n.text }] : [] }
    } else {
      block = { kind: ref.kind, depth: ref.depth, group: ref.group, status: 'removed', segments: o!.text ? [{ op: 'del', text: o!.text }] : [] }
    }
    if (block.status !== 'equal') {
      changed = true
      if (author) block.author = author
    }
    blocks.push(block)
  }
  return { blocks, changed }
}

/**
 * `alignSequences` over the units' keys, with the common start and end —
 * most units of an edited section — paired here: a unit whose text is the
 * same on both sides needs no key, so keys are computed only at the edges
 * of the changed middle and inside it. The ends are those of the keys, as
 * `alignSequences` would find them, so the pairs are the same.
 */
function alignUnits(older: readonly Unit[], newer: readonly Unit[]): AlignedPair[] {
  let head = 0
  while (head < older.length && head < newer.length && sameUnit(older[head]!, newer[head]!)) head++
  let tail = 0
  while (tail < older.length - head && tail < newer.length - head && sameUnit(older[older.length - 1 - tail]!, newer[newer.length - 1 - tail]!)) tail++
  const out: AlignedPair[] = []
  for (let i = 0; i < head; i++) out.push({ o: i, n: i, moved: false })
  if (head + 1 + tail === older.length && head + 1 + tail === newer.length) {
    // One unit in, one out, their keys different: `alignSequences` pairs
    // them, unchecked, and needs no key for it.
    out.push({ o: head, n: head, moved: false, unchecked: true })
  } else if (head + tail < older.length || head + tail < newer.length) {
    for (const p of alignSequences(new MiddleUnits(older, newer, head, tail))) {
      const shifted: AlignedPair = { o: p.o === null ? null : p.o + head, n: p.n === null ? null : p.n + head, moved: p.moved }
      if (p.unchecked) shifted.unchecked = true
      out.push(shifted)
    }
  }
  for (let i = tail; i > 0; i--) out.push({ o: older.length - i, n: newer.length - i, moved: false })
  return out
}

/** Equal by key: the same text, or keys already made and equal, or `sameTypographyKey` (which mostly makes none). */
const sameUnit = (o: Unit, n: Unit): boolean =>
  o.text === n.text || (o.key !== undefined && n.key !== undefined ? o.key === n.key : sameTypographyKey(o.text, n.text))

/** The units between the common ends, as `alignSequences` reads them (a class: no closures made per section). */
class MiddleUnits implements AlignInput {
  readonly oldKeys: string[] = []
  readonly newKeys: string[] = []
  constructor(
    private readonly older: readonly Unit[],
    private readonly newer: readonly Unit[],
    private readonly head: number,
    tail: number,
  ) {
    for (let i = head; i < older.length - tail; i++) this.oldKeys.push(unitKey(older[i]!))
    for (let i = head; i < newer.length - tail; i++) this.newKeys.push(unitKey(newer[i]!))
  }
  oldWords(i: number): ReadonlySet<string> {
    return unitWords(this.older[this.head + i]!)
  }
  newWords(i: number): ReadonlySet<string> {
    return unitWords(this.newer[this.head + i]!)
  }
}

/**
 * One-for-one pairs were made without a similarity check: diff their words
 * now, and split those sharing almost nothing into a removal and an
 * addition, which reads better than a redline with nothing kept.
 */
function splitUnrelated(pairs: AlignedPair[], older: readonly Unit[], newer: readonly Unit[], ctx: DiffContext): (AlignedPair & { wd?: WordDiffResult })[] {
  const out: (AlignedPair & { wd?: WordDiffResult })[] = []
  for (const p of pairs) {
    if (!p.unchecked || p.o === null || p.n === null) {
      out.push(p)
      continue
    }
    const o = older[p.o]!
    const n = newer[p.n]!
    const wd = wordDiff(o.text, n.text, ctx, cachedTokens(o, n))
    let kept = 0
    for (const s of wd.segments) if (s.op === 'equal' || s.minor) kept += s.op === 'del' ? 0 : s.text.trim().length
    if (wd.replaced || kept >= ONE_FOR_ONE_THRESHOLD * Math.max(o.text.length, n.text.length)) out.push({ ...p, wd })
    else out.push({ o: p.o, n: null, moved: false }, { o: null, n: p.n, moved: false })
  }
  return out
}

/** Tokens already computed (for similarity) are reused; otherwise the word diff tokenises only what changed. */
function cachedTokens(o: Unit, n: Unit): TokenSource | undefined {
  return o.tokens && n.tokens ? new UnitTokens(o, n) : undefined
}

class UnitTokens implements TokenSource {
  constructor(
    private readonly o: Unit,
    private readonly n: Unit,
  ) {}
  older(): Token[] {
    return unitTokens(this.o)
  }
  newer(): Token[] {
    return unitTokens(this.n)
  }
}
