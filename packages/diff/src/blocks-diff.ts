/**
 * Redline of a sequence of units (paragraphs, items, group titles): align
 * them, then diff each aligned pair word by word. Every unit of both sides
 * appears once in the result, unchanged ones included, so renderers can
 * show the whole wording of a section with its changes in place.
 */
import type { Author, BlockChange } from './change-set.ts'
import { ONE_FOR_ONE_THRESHOLD, alignSequences, type AlignedPair } from './align.ts'
import type { Token } from './tokens.ts'
import { unitKey, unitTokens, unitWords, type Unit } from './units.ts'
import { wordDiff, type DiffContext, type WordDiffResult } from './word-diff.ts'

export interface BlocksResult {
  blocks: BlockChange[]
  /** Some block differs (typographic-only differences count when shown). */
  changed: boolean
}

export function diffUnits(older: readonly Unit[], newer: readonly Unit[], ctx: DiffContext, author?: Author): BlocksResult {
  // One side empty (an added or removed fiche or section): nothing to align.
  const pairs = older.length === 0 || newer.length === 0
    ? [...older.map((_, o) => ({ o, n: null, moved: false })), ...newer.map((_, n) => ({ o: null, n, moved: false }))]
    : alignSequences({
    oldKeys: older.map(unitKey),
    newKeys: newer.map(unitKey),
    oldWords: (i) => unitWords(older[i]!),
    newWords: (i) => unitWords(newer[i]!),
  })
  const blocks: BlockChange[] = []
  let changed = false
  for (const p of splitUnrelated(pairs, older, newer, ctx)) {
    const o = p.o === null ? null : older[p.o]!
    const n = p.n === null ? null : newer[p.n]!
    const ref = (n ?? o)!
    const base = { kind: ref.kind, depth: ref.depth, group: ref.group }
    let block: BlockChange
    if (o && n) {
      const wd = p.wd ?? wordDiff(o.text, n.text, ctx, cachedTokens(o, n))
      const differs = wd.changed || wd.minor
      block = { ...base, status: p.moved ? 'moved' : differs ? 'modified' : 'equal', segments: wd.segments }
      if (p.moved) {
        block.from = o.place
        block.to = n.place
      }
      if (wd.replaced) block.replaced = true
    } else if (n) {
      block = { ...base, status: 'added', segments: n.text ? [{ op: 'ins', text: n.text }] : [] }
    } else {
      block = { ...base, status: 'removed', segments: o!.text ? [{ op: 'del', text: o!.text }] : [] }
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
function cachedTokens(o: Unit, n: Unit): { old: () => Token[]; new: () => Token[] } | undefined {
  return o.tokens && n.tokens ? { old: () => unitTokens(o), new: () => unitTokens(n) } : undefined
}
