/**
 * Inline text of imported lines: Markdown-style `**bold**` markers (family A
 * and some tables of contents) become bold marks; an unpaired `**` is
 * dropped. Produces canonical `Inline` runs: non-empty, adjacent runs with
 * the same marks merged, marks sorted.
 */
import type { Inline, Mark, Paragraph } from '../model.ts'

export function parseInline(text: string, marks: readonly Mark[] = []): Inline[] {
  const parts = text.split('**')
  const runs: Inline[] = []
  // With an odd number of `**` the last one is unpaired: its part stays plain.
  const pairedParts = parts.length % 2 === 1 ? parts.length : parts.length - 1
  parts.forEach((part, i) => {
    const bold = i % 2 === 1 && i < pairedParts
    const runMarks = new Set<Mark>(marks)
    if (bold) runMarks.add('bold')
    pushRun(runs, part, [...runMarks].sort())
  })
  return trimRuns(runs)
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
