/**
 * The lexical layer of the fiche Markdown dialect (see docs/schema.md): how
 * inline runs become text with `**bold**` / `*italic*` and hard breaks
 * (a backslash at the end of a line), how literal characters are escaped,
 * and how single-line field values are escaped and split. Pure string code,
 * shared by the writer and the reader, so that every escape the writer
 * produces the reader understands.
 */
import type { Inline, Mark } from '../model.ts'

/** Field labels of every section: a prose line starting with one is escaped so it is not read as a field. */
export const FIELD_LABELS = [
  'Appellations',
  'Code',
  'Filière',
  'Sous-famille',
  'Mêmes fonctions que',
  'Catégorie',
  'Niveau',
  'Échelon',
  'Degrés',
  'Coefficient',
  'Critères',
  'Paliers',
  'Période maximale',
  'Modes d’accès',
  'Verticale',
  'Transversale',
] as const
export type FieldLabel = (typeof FIELD_LABELS)[number]

/** Loose key of a label or heading: case, accents, apostrophes and spacing do not matter to a reader. */
export function looseKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
}

const LOOSE_LABELS = new Map(FIELD_LABELS.map((l) => [looseKey(l), l]))

/** The field label a line starts with (`Coefficient : 155` → `Coefficient`), if any. */
export function fieldLabelOf(line: string): { label: FieldLabel; rest: string } | null {
  const m = /^([^:\\]+?) ?:(?: (.*))?$/.exec(line)
  if (!m) return null
  const label = LOOSE_LABELS.get(looseKey(m[1]!))
  return label ? { label, rest: m[2] ?? '' } : null
}

// ------------------------------------------------------------------ inline

function escapeLineStart(line: string): string {
  if (line === '') return line
  const first = line[0]!
  if (first === '#' || first === '-' || first === '<' || first === ' ' || first === '\t' || fieldLabelOf(line.replace(/\\/g, '')) !== null) {
    return '\\' + line
  }
  return line
}

/** A trailing space would be trimmed by many editors: make it explicit, unless it already is. */
function escapeTrailingSpace(line: string): string {
  const m = /(\\*)[ \t]$/.exec(line)
  if (!m || m[1]!.length % 2 === 1) return line
  return line.slice(0, -1) + '\\' + line.slice(-1)
}

function escapeText(text: string): string {
  return text.replace(/[\\*]/g, (c) => '\\' + c)
}

function toggles(from: readonly Mark[], to: readonly Mark[]): string {
  const bold = from.includes('bold') !== to.includes('bold')
  const italic = from.includes('italic') !== to.includes('italic')
  return (bold ? '**' : '') + (italic ? '*' : '')
}

/**
 * Inline runs as Markdown lines: every line but the last ends with the
 * hard-break backslash; a trailing empty line (text ending with a break) is
 * implied by the final backslash and not emitted.
 */
export function inlinesToMarkdownLines(runs: readonly Inline[]): string[] {
  // Build the text with marks toggled at run boundaries; `\n` stays raw for now.
  let out = ''
  let current: readonly Mark[] = []
  for (const run of runs) {
    out += toggles(current, run.marks) + escapeText(run.text)
    current = run.marks
  }
  out += toggles(current, [])
  const lines = out.split('\n').map((line, i, all) => {
    const escaped = escapeTrailingSpace(escapeLineStart(line))
    return i < all.length - 1 ? escaped + '\\' : escaped
  })
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop()
  return lines
}

/** True when a Markdown line ends with an unescaped backslash, i.e. a hard break. */
export function endsWithHardBreak(line: string): boolean {
  const m = /\\+$/.exec(line)
  return m !== null && m[0].length % 2 === 1
}

/**
 * Parses inline Markdown (lines already joined with `\n` after their
 * hard-break backslash) back into canonical-ish runs (normalise afterwards).
 */
export function markdownToInlines(source: string): Inline[] {
  const runs: Inline[] = []
  let bold = false
  let italic = false
  let text = ''
  const flush = () => {
    if (text === '') return
    const marks: Mark[] = []
    if (bold) marks.push('bold')
    if (italic) marks.push('italic')
    runs.push({ text, marks })
    text = ''
  }
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!
    if (c === '\\') {
      const next = source[i + 1]
      if (next === undefined || next === '\n') {
        text += '\n'
        i++
      } else {
        text += next
        i++
      }
    } else if (c === '*') {
      let n = 1
      while (source[i + n] === '*') n++
      flush()
      // Pairs toggle bold, an odd one toggles italic; the writer never emits more than three.
      if (Math.floor(n / 2) % 2 === 1) bold = !bold
      if (n % 2 === 1) italic = !italic
      i += n - 1
    } else if (c === '\n') {
      // A line break without a backslash is a soft break (hand-written Markdown): a space.
      text += ' '
    } else {
      text += c
    }
  }
  flush()
  return runs
}

// ------------------------------------------------------------ field values

/**
 * Escapes a single-line field value: backslash, newline (`\n`), the given
 * separator characters, and a space or tab at either end (`\ `), since
 * readers and editors trim those.
 */
export function escapeValue(value: string, specials = ''): string {
  const chars = [...value]
  return chars
    .map((c, i) => {
      if (c === '\\') return '\\\\'
      if (c === '\n') return '\\n'
      if (specials.includes(c)) return '\\' + c
      if ((c === ' ' || c === '\t') && (i === 0 || i === chars.length - 1)) return '\\' + c
      return c
    })
    .join('')
}

interface Token {
  c: string
  escaped: boolean
}

function tokenize(raw: string): Token[] {
  const tokens: Token[] = []
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!
    if (c === '\\' && i + 1 < raw.length) {
      const next = raw[++i]!
      tokens.push({ c: next === 'n' ? '\n' : next, escaped: true })
    } else tokens.push({ c, escaped: false })
  }
  return tokens
}

function untokenize(tokens: readonly Token[]): string {
  return tokens.map((t) => t.c).join('')
}

/** Unescapes a whole field value (unescaped spaces at either end are not part of it). */
export function unescapeValue(raw: string): string {
  return splitValue(raw, '')[0] ?? ''
}

/** Splits an escaped value on an unescaped separator, keeping the escapes of each part. */
export function splitRaw(raw: string, separator: string): string[] {
  const parts = ['']
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!
    if (c === '\\' && i + 1 < raw.length) parts[parts.length - 1] += c + raw[++i]!
    else if (c === separator) parts.push('')
    else parts[parts.length - 1] += c
  }
  return parts
}

/**
 * Splits an escaped value on an unescaped separator character, trims the
 * unescaped spaces around each part, and unescapes the parts.
 */
export function splitValue(raw: string, separator: string): string[] {
  const parts: Token[][] = [[]]
  for (const token of tokenize(raw)) {
    if (separator !== '' && !token.escaped && token.c === separator) parts.push([])
    else parts[parts.length - 1]!.push(token)
  }
  return parts.map((part) => {
    let start = 0
    let end = part.length
    while (start < end && !part[start]!.escaped && part[start]!.c === ' ') start++
    while (end > start && !part[end - 1]!.escaped && part[end - 1]!.c === ' ') end--
    return untokenize(part.slice(start, end))
  })
}
