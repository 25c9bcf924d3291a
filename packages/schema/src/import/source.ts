/**
 * The source as numbered lines, and the ledger that makes "nothing silently
 * dropped" checkable: every parser marks the lines it places (in a field or a
 * text part); furniture is marked when found; at the end, any non-blank line
 * left unmarked goes to the text's remainder with an `UNPLACED_LINE` warning.
 */
import type { ImportWarning, ImportWarningCode } from './errors.ts'
import { hasInlineMarkup } from './inline.ts'
import { cleanLineText, findFurniture, type FurnitureKind } from './normalize.ts'

export interface SourceLine {
  /** 1-based line number in the source. */
  no: number
  /** The line as in the source, without its terminator. */
  raw: string
  /** Cleaned text: spacing normalised, trimmed (see normalize.ts). */
  text: string
  /** Width of the leading whitespace of `raw` (a tab counts 4). */
  indent: number
  /** Set when the line is page furniture; parsers skip such lines. */
  furniture: FurnitureKind | null
}

const FURNITURE_LABEL: Record<FurnitureKind, string> = {
  header: 'en-tête ou pied de page',
  'page-number': 'numéro de page',
  ministry: 'nom du ministère inséré par un saut de page',
}

export function splitSourceLines(source: string): SourceLine[] {
  const body = source.replace(/^\uFEFF/, '')
  const raws = body.split(/\r\n|\r|\n|\f/)
  // A final newline does not open one more line.
  if (raws.length > 1 && raws[raws.length - 1] === '') raws.pop()
  const texts = raws.map(cleanLineText)
  const furniture = findFurniture(texts)
  return raws.map((raw, i) => ({
    no: i + 1,
    raw,
    text: texts[i] ?? '',
    indent: leadingWidth(raw),
    furniture: furniture[i] ?? null,
  }))
}

function leadingWidth(raw: string): number {
  let width = 0
  for (const char of raw) {
    if (char === ' ' || char === '\u00A0') width += 1
    else if (char === '\t') width += 4
    else break
  }
  return width
}

/** Mutable state of one import: the lines, what is placed, the warnings. */
export class ImportContext {
  readonly lines: SourceLine[]
  readonly warnings: ImportWarning[] = []
  private readonly placed = new Set<number>()

  constructor(source: string) {
    this.lines = splitSourceLines(source)
    for (const line of this.lines) {
      if (line.furniture) {
        this.placed.add(line.no)
        this.warn('PAGE_FURNITURE', `Ligne ${line.no} : ${FURNITURE_LABEL[line.furniture]} retiré du texte.`, line)
      }
      if (hasInlineMarkup(line.raw)) {
        this.warn(
          'INLINE_MARKUP',
          `Ligne ${line.no} : balises HTML (<i>, <b>…) laissées par l'export ; lues comme italique ou gras, vérifiez la mise en forme.`,
          line,
        )
      }
      if (line.raw.includes('\uFFFD')) {
        this.warn(
          'REPLACEMENT_CHARACTER',
          `Ligne ${line.no} : caractère illisible (�) laissé par l'extraction ; il est conservé, vérifiez le mot d'origine.`,
          line,
        )
      }
    }
  }

  /** The lines that carry content: neither blank nor furniture. */
  get contentLines(): SourceLine[] {
    return this.lines.filter((l) => l.text.length > 0 && !l.furniture)
  }

  place(...lines: readonly SourceLine[]): void {
    for (const line of lines) this.placed.add(line.no)
  }

  isPlaced(line: SourceLine): boolean {
    return this.placed.has(line.no)
  }

  warn(code: ImportWarningCode, message: string, line?: SourceLine): void {
    const warning: ImportWarning = { code, message }
    if (line) {
      warning.line = line.no
      warning.text = line.raw.trim()
    }
    this.warnings.push(warning)
  }

  /** Content lines no parser placed, in source order. */
  unplaced(): SourceLine[] {
    return this.contentLines.filter((l) => !this.placed.has(l.no))
  }
}
