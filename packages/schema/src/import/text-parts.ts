/**
 * Parts of a text's head shared by the families that have one (C, D): the
 * IDCC number wherever it appears (even in a running header), and the title
 * paragraph ("Avenant du …", "Propositions CGT du …") with the lower-case
 * lines that continue it ("à l'accord du …", "relatif aux …").
 */
import type { SourceLine } from './source.ts'

export function findIdcc(lines: readonly SourceLine[]): string | null {
  for (const line of lines) {
    const match = /\bIDCC\s*(?:n[°o]\s*)?:?\s*(\d{3,5})\b/iu.exec(line.text)
    if (match) return match[1] ?? null
  }
  return null
}

/** The lines of the title that starts with `start`, or [] when there is none. */
export function findTitleLines(lines: readonly SourceLine[], start: RegExp): SourceLine[] {
  const first = lines.findIndex((l) => !l.furniture && start.test(l.text))
  if (first === -1) return []
  const title: SourceLine[] = []
  for (let i = first; i < lines.length; i++) {
    const line = lines[i] as SourceLine
    if (line.furniture || line.text.length === 0) continue
    if (title.length > 0 && !/^\p{Ll}/u.test(line.text)) break
    title.push(line)
  }
  return title
}
