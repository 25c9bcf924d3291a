/**
 * Word-level redline of one paragraph, list item or text field, on jsdiff's
 * `diffArrays` over our French tokens' typographic keys. Pieces equal by key
 * but different in raw text are typographic-only: marked `minor`, or folded
 * into equal text when typography is ignored. Each diff is bounded (token
 * cap, jsdiff `maxEditLength` and `timeout`, and the whole diff's budget):
 * past a bound the text is reported as replaced whole, never slowly.
 */
import { diffArrays } from 'diff'
import type { Segment } from './change-set.ts'
import { tokenize, type Token } from './tokens.ts'
import { typographyKey } from './typography.ts'

/** Shared state of one diff run: options, the time budget, fallback count. */
export interface DiffContext {
  ignoreTypography: boolean
  maxTokens: number
  maxEditLength: number
  deadline: number
  fallbacks: number
  /** Keep the content of unchanged fiches in the change set (for full-document renderings). */
  includeUnchanged?: boolean
}

export interface WordDiffResult {
  segments: Segment[]
  /** Some non-minor text changed. */
  changed: boolean
  /** Some typographic-only change is shown. */
  minor: boolean
  replaced: boolean
}

const raw = (t: Token): string => t.ws + t.text
const joinRaw = (ts: readonly Token[]): string => ts.map(raw).join('')

class SegmentBuilder {
  readonly out: Segment[] = []
  /** `old`: for equal text whose older wording differs in typography only (ignored typography). */
  push(op: Segment['op'], text: string, minor = false, old?: string): void {
    if (!text && !old) return
    const last = this.out[this.out.length - 1]
    if (last && last.op === op && (last.minor === true) === minor) {
      if (op === 'equal' && (old !== undefined || last.old !== undefined)) last.old = (last.old ?? last.text) + (old ?? text)
      last.text += text
      return
    }
    const seg: Segment = minor ? { op, text, minor: true } : { op, text }
    if (op === 'equal' && old !== undefined && old !== text) seg.old = old
    this.out.push(seg)
  }
}

/**
 * Whitespace and dashes aside, the same letters: « etde » / « et de »,
 * « para- photographiques » / « para-photographiques », a dash dropped from
 * a title. Extraction noise, not wording: typographic.
 */
const LOOSE = /[\s\u00A0\u202F\u2007\u2009\u200A\-‐‑‒–—―−]/g
export const looselyEqual = (a: string, b: string): boolean => typographyKey(a).replace(LOOSE, '') === typographyKey(b).replace(LOOSE, '')

/** Diff two texts word by word. */
export function wordDiff(oldText: string, newText: string, ctx: DiffContext, tokensOf?: { old: () => Token[]; new: () => Token[] }): WordDiffResult {
  if (oldText === newText) {
    return { segments: oldText ? [{ op: 'equal', text: oldText }] : [], changed: false, minor: false, replaced: false }
  }
  if (oldText === '' || newText === '') {
    const segments: Segment[] = []
    if (oldText) segments.push({ op: 'del', text: oldText })
    if (newText) segments.push({ op: 'ins', text: newText })
    return { segments, changed: true, minor: false, replaced: false }
  }
  if (ctx.ignoreTypography && typographyKey(oldText) === typographyKey(newText)) {
    return { segments: newText ? [{ op: 'equal', text: newText, old: oldText }] : [], changed: false, minor: false, replaced: false }
  }
  if (Date.now() > ctx.deadline) {
    // The diff's time budget is spent: no more tokenising, the text is replaced whole.
    ctx.fallbacks++
    const segments: Segment[] = [{ op: 'del', text: oldText }, { op: 'ins', text: newText }]
    return { segments, changed: true, minor: false, replaced: true }
  }
  if (!tokensOf) {
    // Long paragraph, small edit: only the changed middle is tokenised.
    const cut = commonEnds(oldText, newText)
    if (cut.prefix > 0 || cut.suffix > 0) {
      const mid = wordDiff(oldText.slice(cut.prefix, oldText.length - cut.suffix), newText.slice(cut.prefix, newText.length - cut.suffix), ctx, {
        old: () => tokenize(oldText.slice(cut.prefix, oldText.length - cut.suffix)),
        new: () => tokenize(newText.slice(cut.prefix, newText.length - cut.suffix)),
      })
      const builder = new SegmentBuilder()
      builder.push('equal', oldText.slice(0, cut.prefix))
      for (const seg of mid.segments) builder.push(seg.op, seg.text, seg.minor === true, seg.old)
      builder.push('equal', oldText.slice(oldText.length - cut.suffix))
      return { ...mid, segments: builder.out }
    }
  }
  const a = tokensOf ? tokensOf.old() : tokenize(oldText)
  const b = tokensOf ? tokensOf.new() : tokenize(newText)
  // Common prefix and suffix by key: cheap, and it keeps jsdiff's work to the
  // changed middle, which is what its caps then bound.
  let start = 0
  while (start < a.length && start < b.length && a[start]!.key === b[start]!.key) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1]!.key === b[endB - 1]!.key) {
    endA--
    endB--
  }
  const builder = new SegmentBuilder()
  const state = { changed: false, minor: false }
  const emitEqual = (ta: Token, tb: Token): void => {
    if (raw(ta) === raw(tb)) builder.push('equal', raw(tb))
    else if (ctx.ignoreTypography) builder.push('equal', raw(tb), false, raw(ta))
    else {
      state.minor = true
      emitMinor(builder, raw(ta), raw(tb))
    }
  }
  /** A deletion/insertion pair; whitespace- or dash-only ones are typographic. */
  const emitChange = (del: string, ins: string): void => {
    if (del && ins && looselyEqual(del, ins)) {
      if (ctx.ignoreTypography) builder.push('equal', ins, false, del)
      else {
        state.minor = true
        emitMinor(builder, del, ins)
      }
      return
    }
    // A dash alone, added or dropped (« Filière – Magasin » / « Filière Magasin »).
    if (looselyEqual(del, '') && looselyEqual(ins, '')) {
      if (ctx.ignoreTypography) builder.push('equal', ins, false, del)
      else {
        state.minor = true
        emitPair(builder, del, ins, true)
      }
      return
    }
    state.changed = true
    emitPair(builder, del, ins, false)
  }
  for (let i = 0; i < start; i++) emitEqual(a[i]!, b[i]!)

  const midA = a.slice(start, endA)
  const midB = b.slice(start, endB)
  let replaced = false
  if (midA.length > 0 || midB.length > 0) {
    const changes =
      midA.length === 0 || midB.length === 0
        ? null
        : withinBounds(midA, midB, ctx)
          ? diffArrays(
              midA.map((t) => t.key),
              midB.map((t) => t.key),
              { maxEditLength: ctx.maxEditLength, timeout: Math.max(1, Math.min(100, ctx.deadline - Date.now())) },
            )
          : undefined
    if (changes === null) {
      emitChange(joinRaw(midA), joinRaw(midB))
    } else if (changes === undefined) {
      ctx.fallbacks++
      replaced = true
      emitPair(builder, joinRaw(midA), joinRaw(midB), false)
      state.changed = true
    } else {
      let ia = 0
      let ib = 0
      let pendingDel = ''
      let pendingIns = ''
      const flush = (): void => {
        if (pendingDel || pendingIns) emitChange(pendingDel, pendingIns)
        pendingDel = ''
        pendingIns = ''
      }
      for (const c of changes) {
        if (c.removed) {
          pendingDel += joinRaw(midA.slice(ia, ia + c.count))
          ia += c.count
        } else if (c.added) {
          pendingIns += joinRaw(midB.slice(ib, ib + c.count))
          ib += c.count
        } else {
          flush()
          for (let k = 0; k < c.count; k++) emitEqual(midA[ia + k]!, midB[ib + k]!)
          ia += c.count
          ib += c.count
        }
      }
      flush()
    }
  }
  for (let i = 0; i < a.length - endA; i++) emitEqual(a[endA + i]!, b[endB + i]!)
  return { segments: builder.out, changed: state.changed, minor: state.minor, replaced }
}

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c)
/** Words kept around the changed middle, so that multi-word tokens ("1 000", "6 mois") stay whole. */
const MARGIN_WORDS = 3

/**
 * Lengths of the common start and end of two texts, cut back to word
 * boundaries (with a margin of whole words) so that tokenising the middle
 * alone gives the same tokens as tokenising everything.
 */
export function commonEnds(a: string, b: string): { prefix: number; suffix: number } {
  const max = Math.min(a.length, b.length)
  let p = 0
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++
  let s = 0
  while (s < max - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++
  // Prefix: back to the whitespace before the MARGIN_WORDS-th word start.
  let i = p
  for (let k = 0; k < MARGIN_WORDS && i > 0; k++) {
    while (i > 0 && !isSpace(a[i - 1])) i--
    while (i > 0 && isSpace(a[i - 1])) i--
  }
  // Suffix: forward to the whitespace after the MARGIN_WORDS-th word end.
  let j = a.length - s
  for (let k = 0; k < MARGIN_WORDS && j < a.length; k++) {
    while (j < a.length && isSpace(a[j])) j++
    while (j < a.length && !isSpace(a[j])) j++
  }
  return { prefix: i, suffix: a.length - j }
}

function withinBounds(a: readonly Token[], b: readonly Token[], ctx: DiffContext): boolean {
  return a.length <= ctx.maxTokens && b.length <= ctx.maxTokens && Date.now() <= ctx.deadline
}

/**
 * A deletion then an insertion. Whitespace both start with is shared, so it
 * is emitted as equal text: "a<del> b</del><ins> c</ins>" becomes
 * "a <del>b</del><ins>c</ins>", which reads better in every renderer.
 */
function emitPair(builder: SegmentBuilder, del: string, ins: string, minor: boolean): void {
  let common = 0
  while (common < del.length && common < ins.length && del[common] === ins[common] && /\s/.test(del[common]!)) common++
  if (common > 0) builder.push('equal', del.slice(0, common))
  builder.push('del', del.slice(common), minor)
  builder.push('ins', ins.slice(common), minor)
}

/**
 * A typographic change drawn as the characters that differ: « l » then
 * ' struck, ’ inserted, then « accueil » — not the whole word twice.
 */
function emitMinor(builder: SegmentBuilder, del: string, ins: string): void {
  let p = 0
  while (p < del.length && p < ins.length && del[p] === ins[p]) p++
  let q = 0
  while (q < del.length - p && q < ins.length - p && del[del.length - 1 - q] === ins[ins.length - 1 - q]) q++
  builder.push('equal', del.slice(0, p))
  builder.push('del', del.slice(p, del.length - q), true)
  builder.push('ins', ins.slice(p, ins.length - q), true)
  builder.push('equal', del.slice(del.length - q))
}

/** Text of one side of a redline: equal + del (older) or equal + ins (newer). */
export function sideText(segments: readonly Segment[], side: 'old' | 'new'): string {
  const skip = side === 'old' ? 'ins' : 'del'
  return segments
    .filter((s) => s.op !== skip)
    .map((s) => (side === 'old' && s.old !== undefined ? s.old : s.text))
    .join('')
}
