/**
 * Turns runs of source lines into rich text: paragraphs (joining wrapped
 * lines when the source is hard-wrapped), bullet lists nested by
 * indentation, "■ Heading" lines as bold paragraphs. Every line given is
 * marked placed in the import context. Also converts blocks into list items
 * for the sections that hold items (contenu groups, acces).
 */
import type { Block, ListItem, RichText } from '../model.ts'
import { paragraph, parseInline } from './inline.ts'
import { continuesOnNextLine, joinLineTexts } from './normalize.ts'
import type { ImportContext, SourceLine } from './source.ts'

export interface BlockOptions {
  /** The source breaks lines inside paragraphs (PDF extraction): join them back. */
  wrapped: boolean
}

const BULLET = /^(?:[-–—•·▪●○◦*]|\.(?=\s+\p{L}))\s+(?:\.\s+(?=\p{L}))?/u
const SECTION_MARK = /^■\s*/

/** The text of a bullet line without its marker, or null for other lines. */
export function bulletText(text: string): string | null {
  const match = BULLET.exec(text)
  if (!match || text.startsWith('**')) return null
  return text.slice(match[0].length)
}

interface OpenItem {
  indent: number
  lines: SourceLine[]
  texts: string[]
  children: OpenItem[]
}

export function linesToBlocks(ctx: ImportContext, lines: readonly SourceLine[], options: BlockOptions): RichText {
  const blocks: RichText = []
  let para: SourceLine[] = []
  let roots: OpenItem[] = []
  let stack: OpenItem[] = []

  const flushParagraph = () => {
    if (para.length > 0) blocks.push(paragraph(joinLineTexts(para.map((l) => l.text))))
    para = []
  }
  const flushList = () => {
    if (roots.length > 0) blocks.push({ type: 'bulletList', items: roots.map(closeItem) })
    roots = []
    stack = []
  }

  for (const line of lines) {
    if (line.furniture) continue
    ctx.place(line)
    const text = line.text
    if (text.length === 0) {
      flushParagraph()
      flushList()
      continue
    }
    if (SECTION_MARK.test(text)) {
      flushParagraph()
      flushList()
      blocks.push(paragraph(text.replace(SECTION_MARK, ''), ['bold']))
      continue
    }
    const bullet = bulletText(text)
    if (bullet !== null) {
      flushParagraph()
      const item: OpenItem = { indent: line.indent, lines: [line], texts: [bullet], children: [] }
      while (stack.length > 0 && (stack[stack.length - 1]?.indent ?? 0) >= line.indent) stack.pop()
      const parent = stack[stack.length - 1]
      if (parent) parent.children.push(item)
      else roots.push(item)
      stack.push(item)
      continue
    }
    const lastItem = stack[stack.length - 1]
    if (lastItem && options.wrapped && continuesOnNextLine(lastItem.texts[lastItem.texts.length - 1] ?? '', text)) {
      lastItem.texts.push(text)
      lastItem.lines.push(line)
      continue
    }
    flushList()
    const previous = para[para.length - 1]
    if (previous && !(options.wrapped && continuesOnNextLine(previous.text, text))) flushParagraph()
    para.push(line)
  }
  flushParagraph()
  flushList()
  return blocks
}

function closeItem(item: OpenItem): ListItem {
  return { content: parseInline(joinLineTexts(item.texts)), children: item.children.map(closeItem) }
}

/**
 * Blocks as list items: each paragraph is an item, and a bullet list that
 * follows a paragraph becomes that item's children ("… outils :" followed by
 * "- Identifier le besoin").
 */
export function blocksToItems(blocks: readonly Block[]): ListItem[] {
  const items: ListItem[] = []
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      if (block.content.length > 0) items.push({ content: block.content, children: [] })
      continue
    }
    const last = items[items.length - 1]
    if (last && last.children.length === 0) last.children.push(...block.items)
    else items.push(...block.items)
  }
  return items
}
