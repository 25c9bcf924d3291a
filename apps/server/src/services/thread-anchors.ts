/**
 * Thread anchors, pure: a range of a fiche held as two encoded
 * `Y.RelativePosition`s (base64), resolved against the live Y.Doc so that the
 * range follows its words through everyone's edits. The fiche fragment is
 * read as one linear text — each Y.XmlText's characters, then a "\n" after
 * it (block boundary) — in which a relative position becomes an offset; the
 * anchor's current words are the text between its two offsets, and an
 * anchor whose words are all gone (offsets collapsed, or its paragraph
 * deleted) is `deleted`. The W3C Web Annotation `TextQuoteSelector`
 * (exact + optional prefix/suffix, within one section) is turned into such
 * an anchor: start bound to the first quoted character, end to the last, so
 * typing just outside the quote does not widen it.
 */
import * as Y from 'yjs'
import { FICHE_YDOC_FIELD, SECTION_NAMES, type SectionName } from '@paritaire/schema'

export interface EncodedAnchor {
  start: string
  end: string
}

export interface ResolvedAnchor {
  status: 'ok' | 'deleted'
  /** The words the range holds now ('' when deleted). */
  text: string
  section: SectionName | null
}

export interface TextQuoteSelector {
  section: SectionName
  exact: string
  prefix?: string | undefined
  suffix?: string | undefined
}

export type QuoteResult =
  | { ok: true; anchor: EncodedAnchor; quote: string }
  | { ok: false; reason: 'absent' | 'ambiguous'; matches: number }

interface TextRun {
  type: Y.XmlText
  start: number
  text: string
}

/** The fiche fragment as linear text, with where each type starts. */
class LinearText {
  readonly runs: TextRun[] = []
  readonly sections: { name: string; start: number; end: number }[] = []
  private readonly childStarts = new Map<Y.AbstractType<any>, number[]>()
  private readonly textStarts = new Map<Y.AbstractType<any>, number>()
  private parts: string[] = []
  private length = 0
  text = ''

  constructor(doc: Y.Doc) {
    const fragment = doc.getXmlFragment(FICHE_YDOC_FIELD)
    this.walk(fragment, true)
    this.text = this.parts.join('')
    this.parts = []
  }

  private walk(type: Y.XmlFragment | Y.XmlElement, top: boolean): void {
    const starts: number[] = []
    for (const child of type.toArray()) {
      starts.push(this.length)
      const before = this.length
      if (child instanceof Y.XmlText) {
        const text = runText(child)
        this.textStarts.set(child, this.length)
        this.runs.push({ type: child, start: this.length, text })
        this.parts.push(text, '\n')
        this.length += text.length + 1
      } else if (child instanceof Y.XmlElement) {
        this.walk(child, false)
      }
      if (top && child instanceof Y.XmlElement) this.sections.push({ name: child.nodeName, start: before, end: this.length })
    }
    starts.push(this.length)
    this.childStarts.set(type as Y.AbstractType<any>, starts)
  }

  /** The offset of a resolved position, or null when its type is no longer in the document. */
  offsetOf(pos: Y.AbsolutePosition): number | null {
    const text = this.textStarts.get(pos.type)
    if (text !== undefined) return text + pos.index
    const starts = this.childStarts.get(pos.type)
    if (!starts) return null
    return starts[Math.min(pos.index, starts.length - 1)] ?? null
  }

  sectionAt(offset: number): SectionName | null {
    const s = this.sections.find((x) => offset >= x.start && offset < x.end)
    return s && (SECTION_NAMES as readonly string[]).includes(s.name) ? (s.name as SectionName) : null
  }

  /** Y.XmlText and index for an offset; `bias` picks the run holding the character after (start) or before (end). */
  locate(offset: number, bias: 'after' | 'before'): { type: Y.XmlText; index: number } | null {
    for (const run of this.runs) {
      const inside = bias === 'after'
        ? offset >= run.start && offset < run.start + run.text.length
        : offset > run.start && offset <= run.start + run.text.length
      if (inside) return { type: run.type, index: offset - run.start }
    }
    return null
  }
}

/** A Y.XmlText's characters, one per index (embeds, if any, as U+FFFC so offsets stay aligned). */
function runText(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[])
    .map((op) => (typeof op.insert === 'string' ? op.insert : '\uFFFC'))
    .join('')
}

export function encodeRelativePosition(pos: Y.RelativePosition): string {
  return Buffer.from(Y.encodeRelativePosition(pos)).toString('base64')
}

/** Null when the string is not a well-formed encoded relative position. */
export function decodeRelativePosition(encoded: string): Y.RelativePosition | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || encoded.length > 200) return null
  try {
    return Y.decodeRelativePosition(new Uint8Array(Buffer.from(encoded, 'base64')))
  } catch {
    return null
  }
}

/** Whether both halves decode (shape only; see `resolveAnchor` for the document). */
export function isWellFormedAnchor(anchor: EncodedAnchor): boolean {
  return decodeRelativePosition(anchor.start) !== null && decodeRelativePosition(anchor.end) !== null
}

function offsetOfEncoded(doc: Y.Doc, linear: LinearText, encoded: string): number | null {
  const rel = decodeRelativePosition(encoded)
  if (!rel) return null
  let abs: Y.AbsolutePosition | null = null
  try {
    abs = Y.createAbsolutePositionFromRelativePosition(rel, doc)
  } catch {
    // A position naming an item this document never had (another document's anchor).
    return null
  }
  return abs ? linear.offsetOf(abs) : null
}

/** Where the anchor's words are now in `doc`. */
export function resolveAnchor(doc: Y.Doc, anchor: EncodedAnchor): ResolvedAnchor {
  const linear = new LinearText(doc)
  const start = offsetOfEncoded(doc, linear, anchor.start)
  const end = offsetOfEncoded(doc, linear, anchor.end)
  if (start === null || end === null || end <= start) {
    return { status: 'deleted', text: '', section: start === null ? null : linear.sectionAt(start) }
  }
  const text = linear.text.slice(start, end).replace(/\n+$/, '')
  if (text.trim() === '') return { status: 'deleted', text: '', section: linear.sectionAt(start) }
  return { status: 'ok', text, section: linear.sectionAt(start) }
}

/** Finds the quote in its section of `doc` and anchors it; absent or ambiguous quotes are refused. */
export function anchorFromQuote(doc: Y.Doc, selector: TextQuoteSelector): QuoteResult {
  const linear = new LinearText(doc)
  const section = linear.sections.find((s) => s.name === selector.section)
  if (!section || selector.exact === '') return { ok: false, reason: 'absent', matches: 0 }
  const hay = linear.text.slice(section.start, section.end)
  const found: number[] = []
  for (let i = hay.indexOf(selector.exact); i !== -1; i = hay.indexOf(selector.exact, i + 1)) {
    if (selector.prefix && !hay.slice(0, i).endsWith(selector.prefix)) continue
    if (selector.suffix && !hay.slice(i + selector.exact.length).startsWith(selector.suffix)) continue
    found.push(section.start + i)
  }
  if (found.length !== 1) return { ok: false, reason: found.length === 0 ? 'absent' : 'ambiguous', matches: found.length }
  const from = found[0]!
  const to = from + selector.exact.length
  const startAt = linear.locate(from, 'after')
  const endAt = linear.locate(to, 'before')
  if (!startAt || !endAt) return { ok: false, reason: 'absent', matches: 0 }
  return {
    ok: true,
    quote: selector.exact,
    anchor: {
      start: encodeRelativePosition(Y.createRelativePositionFromTypeIndex(startAt.type, startAt.index, 0)),
      end: encodeRelativePosition(Y.createRelativePositionFromTypeIndex(endAt.type, endAt.index, -1)),
    },
  }
}
