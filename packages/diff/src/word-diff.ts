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
import { needsFolding, typographyKey } from './typography.ts'

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

/** The raw text of tokens `from` to `to` (excluded), whitespace included. */
function joinRaw(ts: readonly Token[], from: number, to: number): string {
  let out = ''
  for (let i = from; i < to; i++) out += ts[i]!.ws + ts[i]!.text
  return out
}

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
const isLooseCode = (c: number): boolean => isSpaceCode(c) || c === 0x2d || (c >= 0x2010 && c <= 0x2015) || c === 0x2212

export function looselyEqual(a: string, b: string): boolean {
  if (!needsFolding(a) && !needsFolding(b)) {
    // Their keys are themselves: compared in one pass, LOOSE characters
    // skipped, stopping at the first difference (every change is checked).
    let i = 0
    let j = 0
    for (;;) {
      while (i < a.length && isLooseCode(a.charCodeAt(i))) i++
      while (j < b.length && isLooseCode(b.charCodeAt(j))) j++
      if (i === a.length || j === b.length) return i === a.length && j === b.length
      if (a.charCodeAt(i) !== b.charCodeAt(j)) return false
      i++
      j++
    }
  }
  return typographyKey(a).replace(LOOSE, '') === typographyKey(b).replace(LOOSE, '')
}

/**
 * Where the word diff gets the tokens of both sides, when it needs them
 * (past its shortcuts): already computed for the units, or tokenised from
 * the texts. Classes, not closures: one word diff runs per edited unit.
 */
export interface TokenSource {
  older(): Token[]
  newer(): Token[]
}

class TextTokens implements TokenSource {
  constructor(
    private readonly oldText: string,
    private readonly newText: string,
  ) {}
  older(): Token[] {
    return tokenize(this.oldText)
  }
  newer(): Token[] {
    return tokenize(this.newText)
  }
}

/** Diff two texts word by word. */
export function wordDiff(oldText: string, newText: string, ctx: DiffContext, tokensOf?: TokenSource): WordDiffResult {
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
      const oldMid = oldText.slice(cut.prefix, oldText.length - cut.suffix)
      const newMid = newText.slice(cut.prefix, newText.length - cut.suffix)
      const mid = wordDiff(oldMid, newMid, ctx, new TextTokens(oldMid, newMid))
      const builder = new SegmentBuilder()
      builder.push('equal', oldText.slice(0, cut.prefix))
      for (const seg of mid.segments) builder.push(seg.op, seg.text, seg.minor === true, seg.old)
      builder.push('equal', oldText.slice(oldText.length - cut.suffix))
      return { segments: builder.out, changed: mid.changed, minor: mid.minor, replaced: mid.replaced }
    }
  }
  const a = tokensOf ? tokensOf.older() : tokenize(oldText)
  const b = tokensOf ? tokensOf.newer() : tokenize(newText)
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
  const builder = new RedlineBuilder(ctx.ignoreTypography)
  for (let i = 0; i < start; i++) builder.equalTokens(a[i]!, b[i]!)

  const midA = a.slice(start, endA)
  const midB = b.slice(start, endB)
  let replaced = false
  if (midA.length > 0 || midB.length > 0) {
    // No key in common (a word or two replaced: the usual edit) — jsdiff
    // would find removals and insertions only, emitted as one change.
    const changes =
      midA.length === 0 || midB.length === 0 || (withinBounds(midA, midB, ctx) && midA.length + midB.length <= ctx.maxEditLength && noKeyInCommon(midA, midB))
        ? null
        : withinBounds(midA, midB, ctx)
          ? diffArrays(
              midA.map((t) => t.key),
              midB.map((t) => t.key),
              { maxEditLength: ctx.maxEditLength, timeout: Math.max(1, Math.min(100, ctx.deadline - Date.now())) },
            )
          : undefined
    if (changes === null) {
      builder.change(joinRaw(midA, 0, midA.length), joinRaw(midB, 0, midB.length))
    } else if (changes === undefined) {
      ctx.fallbacks++
      replaced = true
      emitPair(builder, joinRaw(midA, 0, midA.length), joinRaw(midB, 0, midB.length), false)
      builder.changed = true
    } else {
      let ia = 0
      let ib = 0
      let pendingDel = ''
      let pendingIns = ''
      for (const c of changes) {
        if (c.removed) {
          pendingDel += joinRaw(midA, ia, ia + c.count)
          ia += c.count
        } else if (c.added) {
          pendingIns += joinRaw(midB, ib, ib + c.count)
          ib += c.count
        } else {
          if (pendingDel || pendingIns) builder.change(pendingDel, pendingIns)
          pendingDel = ''
          pendingIns = ''
          for (let k = 0; k < c.count; k++) builder.equalTokens(midA[ia + k]!, midB[ib + k]!)
          ia += c.count
          ib += c.count
        }
      }
      if (pendingDel || pendingIns) builder.change(pendingDel, pendingIns)
    }
  }
  for (let i = 0; i < a.length - endA; i++) builder.equalTokens(a[endA + i]!, b[endB + i]!)
  return { segments: builder.out, changed: builder.changed, minor: builder.minor, replaced }
}

/** The segments of one word diff, with what kinds of change it met. */
class RedlineBuilder extends SegmentBuilder {
  /** Some non-minor text changed. */
  changed = false
  /** Some typographic-only change is shown. */
  minor = false
  constructor(private readonly ignoreTypography: boolean) {
    super()
  }

  /** Two tokens equal by key: equal text, or a typographic change. */
  equalTokens(ta: Token, tb: Token): void {
    const rawA = ta.ws + ta.text
    const rawB = tb.ws + tb.text
    if (rawA === rawB) this.push('equal', rawB)
    else if (this.ignoreTypography) this.push('equal', rawB, false, rawA)
    else {
      this.minor = true
      emitMinor(this, rawA, rawB)
    }
  }

  /** A deletion/insertion pair; whitespace- or dash-only ones are typographic. */
  change(del: string, ins: string): void {
    if (del && ins && looselyEqual(del, ins)) {
      if (this.ignoreTypography) this.push('equal', ins, false, del)
      else {
        this.minor = true
        emitMinor(this, del, ins)
      }
      return
    }
    // A dash alone, added or dropped (« Filière – Magasin » / « Filière Magasin »).
    if (looselyEqual(del, '') && looselyEqual(ins, '')) {
      if (this.ignoreTypography) this.push('equal', ins, false, del)
      else {
        this.minor = true
        emitPair(this, del, ins, true)
      }
      return
    }
    this.changed = true
    emitPair(this, del, ins, false)
  }
}

/** `/\s/` by char code (the regular expression per character showed in profiles). */
function isSpaceCode(c: number): boolean {
  if (c < 0x80) return c === 32 || (c >= 9 && c <= 13)
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
}
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
    while (i > 0 && !isSpaceCode(a.charCodeAt(i - 1))) i--
    while (i > 0 && isSpaceCode(a.charCodeAt(i - 1))) i--
  }
  // Suffix: forward to the whitespace after the MARGIN_WORDS-th word end.
  let j = a.length - s
  for (let k = 0; k < MARGIN_WORDS && j < a.length; k++) {
    while (j < a.length && isSpaceCode(a.charCodeAt(j))) j++
    while (j < a.length && !isSpaceCode(a.charCodeAt(j))) j++
  }
  return { prefix: i, suffix: a.length - j }
}

/** No token of `a` has the key of one of `b`; false when unsure (checked only for a few tokens: quadratic, without a set). */
function noKeyInCommon(a: readonly Token[], b: readonly Token[]): boolean {
  if (a.length * b.length > 64) return false
  for (const x of a) for (const y of b) if (x.key === y.key) return false
  return true
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
  while (common < del.length && common < ins.length && del.charCodeAt(common) === ins.charCodeAt(common) && isSpaceCode(del.charCodeAt(common))) common++
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
