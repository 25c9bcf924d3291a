/**
 * Flattening of rich text into diffable units: one unit per paragraph, list
 * item (with its nesting depth) or activity-group title. Units carry their
 * group so that an item moved from group A to group B is seen as a move.
 * Inline marks (bold, italic) are not compared: the redline is about words.
 */
import type { ActivityGroup, Inline, ListItem, RichText } from '@paritaire/schema'
import { tokenize, wordKeySetOf, type Token } from './tokens.ts'
import { typographyKey } from './typography.ts'

export interface Unit {
  kind: 'paragraph' | 'item' | 'groupTitle'
  depth: number
  group: string | null
  text: string
  /** Where it sits, in French, for "moved from … to …". */
  place: string
  /** Tokens, computed once when first needed (similarity, then word diff). */
  tokens?: Token[] | undefined
  /** `unitKey`, computed once when first needed (only units not equal as text get one). */
  key?: string | undefined
}

/** A unit with its lazily computed fields present from the start: one object shape for all units. */
export function makeUnit(kind: Unit['kind'], depth: number, group: string | null, text: string, place: string): Unit {
  return { kind, depth, group, text, place, tokens: undefined, key: undefined }
}

export function inlineText(content: readonly Inline[]): string {
  // Most paragraphs and items are one run of text.
  if (content.length === 1) return content[0]!.text
  let text = ''
  for (const i of content) text += i.text
  return text
}

function pushItems(out: Unit[], items: readonly ListItem[], depth: number, group: string | null, place: string): void {
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!
    const here = `${place}${place ? ', ' : ''}élément ${i + 1}`
    out.push(makeUnit('item', depth, group, inlineText(item.content), here))
    pushItems(out, item.children, depth + 1, group, here)
  }
}

/** Paragraphs and list items of a rich text, in reading order. */
export function richTextUnits(rt: RichText, group: string | null = null, prefix = ''): Unit[] {
  const out: Unit[] = []
  for (let i = 0; i < rt.length; i++) {
    const block = rt[i]!
    if (block.type === 'paragraph') {
      out.push(makeUnit('paragraph', 0, group, inlineText(block.content), `${prefix}${prefix ? ', ' : ''}paragraphe ${i + 1}`))
    } else {
      pushItems(out, block.items, 0, group, `${prefix}${prefix ? ', ' : ''}liste ${i + 1}`)
    }
  }
  return out
}

/** Top-level list items (acces.items). */
export function itemUnits(items: readonly ListItem[], group: string | null = null, prefix = ''): Unit[] {
  const out: Unit[] = []
  pushItems(out, items, 0, group, prefix)
  return out
}

/** Activity groups of `contenu`: each titled group's title, then its items. */
export function groupUnits(groups: readonly ActivityGroup[]): Unit[] {
  const out: Unit[] = []
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!
    const label = g.titre ?? `groupe ${i + 1}`
    if (g.titre !== null) out.push(makeUnit('groupTitle', 0, g.titre, g.titre, `groupe ${i + 1}`))
    pushItems(out, g.items, 0, g.titre, label)
  }
  return out
}

/** Matching key of a unit: its text with typography folded (kind-independent). */
export const unitKey = (u: Unit): string => (u.key ??= typographyKey(u.text))
export function unitTokens(u: Unit): Token[] {
  return (u.tokens ??= tokenize(u.text))
}
export const unitWords = (u: Unit): Set<string> => wordKeySetOf(unitTokens(u))
