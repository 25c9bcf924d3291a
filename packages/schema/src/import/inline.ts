/**
 * Inline text of imported lines: Markdown-style `**bold**` markers (family A
 * and some tables of contents) become bold marks, and so do the `<b>` /
 * `<strong>` tags a Word or web export leaves, `<i>` / `<em>` italic ones;
 * an unpaired marker or tag is dropped. Produces canonical `Inline` runs: non-empty, adjacent runs with
 * the same marks merged, marks sorted.
 */
import type { Inline, Mark, Paragraph } from '../model.ts'

export function parseInline(text: string, marks: readonly Mark[] = []): Inline[] {
  const tokens = text.split(MARKUP_TOKEN)
  // With an odd number of `**` the last one is unpaired: it is dropped, its part stays plain.
  const stars = tokens.filter((t) => t === '**').length
  const unpairedStar = stars % 2 === 1 ? tokens.lastIndexOf('**') : -1
  const paired = pairedTags(tokens)
  const runs: Inline[] = []
  let bold = false
  let tagBold = 0
  let italic = 0
  tokens.forEach((token, i) => {
    if (i % 2 === 0) {
      const runMarks = new Set<Mark>(marks)
      if (bold || tagBold > 0) runMarks.add('bold')
      if (italic > 0) runMarks.add('italic')
      pushRun(runs, token, [...runMarks].sort())
      return
    }
    if (token === '**') {
      if (i !== unpairedStar) bold = !bold
      return
    }
    // An HTML tag left by a Word or web export: paired ones set their mark, the others are dropped.
    if (!paired.has(i)) return
    const tag = TAG.exec(token)
    const delta = tag?.[1] === '/' ? -1 : 1
    if (/^(?:i|em)$/iu.test(tag?.[2] ?? '')) italic += delta
    else tagBold += delta
  })
  return trimRuns(runs)
}

const MARKUP_TOKEN = /(\*\*|<\/?(?:i|em|b|strong)>)/iu
const TAG = /^<(\/?)(i|em|b|strong)>$/iu

/** Whether a text holds inline HTML tags that `parseInline` reads as marks. */
export function hasInlineMarkup(text: string): boolean {
  return /<\/?(?:i|em|b|strong)>/iu.test(text)
}

/** Indexes of the tag tokens that have their partner (an opening tag and its closing one). */
function pairedTags(tokens: readonly string[]): Set<number> {
  const paired = new Set<number>()
  const open = new Map<string, number[]>()
  tokens.forEach((token, i) => {
    if (i % 2 === 0) return
    const tag = TAG.exec(token)
    if (!tag) return
    const name = (tag[2] ?? '').toLowerCase().replace('em', 'i').replace('strong', 'b')
    const stack = open.get(name) ?? []
    if (tag[1] !== '/') stack.push(i)
    else {
      const start = stack.pop()
      if (start !== undefined) paired.add(start).add(i)
    }
    open.set(name, stack)
  })
  return paired
}

function pushRun(runs: Inline[], text: string, marks: Mark[]): void {
  if (text.length === 0) return
  const last = runs[runs.length - 1]
  if (last && last.marks.join() === marks.join()) last.text += text
  else runs.push({ text, marks })
}

/** Removes the spaces that markers left at both ends, and collapses doubles. */
function trimRuns(runs: Inline[]): Inline[] {
  for (const run of runs) run.text = run.text.replace(/ {2,}/g, ' ')
  const first = runs[0]
  if (first) first.text = first.text.trimStart()
  const last = runs[runs.length - 1]
  if (last) last.text = last.text.trimEnd()
  return runs.filter((r) => r.text.length > 0)
}

/** Text of inline runs without marks. */
export function inlineText(content: readonly Inline[]): string {
  return content.map((r) => r.text).join('')
}

export function paragraph(text: string, marks: readonly Mark[] = []): Paragraph {
  return { type: 'paragraph', content: parseInline(text, marks) }
}

/** Text with Markdown markers removed, for fields that hold plain strings. */
export function plainText(text: string): string {
  return inlineText(parseInline(text))
}
