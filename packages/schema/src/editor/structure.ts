/**
 * The structural invariant of a fiche document and the checks that enforce
 * it in the editor: the top level is exactly the six sections in order, and
 * no edit crosses a section boundary (deleting a section, merging two,
 * moving text from one into another, replacing them all). Pure functions
 * over ProseMirror documents and transactions, used by the transaction
 * filter of structure-guard.ts and testable without a view.
 */
import type { Node as PMNode } from '@tiptap/pm/model'
import type { Transaction } from '@tiptap/pm/state'
import { ReplaceAroundStep, ReplaceStep, type Step } from '@tiptap/pm/transform'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { SECTION_NAMES } from '../section-names.ts'

/** Meta key: a transaction carrying it may replace whole sections (loading a fiche), as long as the result is well formed. */
export const FICHE_REPLACE_META = 'paritaire:replaceFiche'

/** True when the document's top level is the six sections, in order. */
export function hasFicheStructure(doc: PMNode): boolean {
  if (doc.childCount !== SECTION_NAMES.length) return false
  for (let i = 0; i < SECTION_NAMES.length; i++) if (doc.child(i).type.name !== SECTION_NAMES[i]) return false
  return true
}

interface SectionRange {
  /** Position before the section's opening token. */
  start: number
  /** Position after its closing token. */
  end: number
  node: PMNode
}

function sectionRanges(doc: PMNode): SectionRange[] {
  const ranges: SectionRange[] = []
  doc.forEach((node, offset) => ranges.push({ start: offset, end: offset + node.nodeSize, node }))
  return ranges
}

/** A range [from, to] that stays inside one section's content. */
function insideOneSection(sections: readonly SectionRange[], from: number, to: number): boolean {
  return sections.some((s) => from >= s.start + 1 && to <= s.end - 1)
}

/** `setNodeMarkup` on a section (changing its attributes) replaces its tokens by a section of the same type: allowed. */
function isSectionMarkupChange(step: Step, sections: readonly SectionRange[]): boolean {
  if (!(step instanceof ReplaceAroundStep)) return false
  const s = sections.find((r) => r.start === step.from && r.end === step.to)
  if (!s || step.gapFrom !== step.from + 1 || step.gapTo !== step.to - 1 || step.insert !== 1) return false
  const content = step.slice.content
  return step.slice.openStart === 0 && step.slice.openEnd === 0 && content.childCount === 1 && content.firstChild!.type === s.node.type && content.firstChild!.content.size === 0
}

/**
 * Why a transaction must be refused, or null when it keeps the fiche
 * structure. Every step must change only the inside of one section (or a
 * section's attributes); the resulting document must have the six sections.
 * Transactions coming from Yjs (remote edits, undo) or marked with
 * FICHE_REPLACE_META are judged on their result only.
 */
export function structureViolation(tr: Transaction): string | null {
  if (!tr.docChanged) return null
  if (!hasFicheStructure(tr.doc)) return 'sections'
  const trusted = tr.getMeta(FICHE_REPLACE_META) === true || (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin === true
  if (trusted) return null
  for (let i = 0; i < tr.steps.length; i++) {
    const step = tr.steps[i]!
    const sections = sectionRanges(tr.docs[i]!)
    if (isSectionMarkupChange(step, sections)) continue
    let crosses = false
    step.getMap().forEach((oldStart, oldEnd) => {
      if (!insideOneSection(sections, oldStart, oldEnd)) crosses = true
    })
    // A replace with an empty map (inserting nothing at a point) has no ranges: check its position directly.
    if (!crosses && step instanceof ReplaceStep && step.from === step.to && !insideOneSection(sections, step.from, step.to)) crosses = true
    if (crosses) return 'boundary'
  }
  return null
}
