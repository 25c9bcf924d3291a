/**
 * Plain-text and ANSI renderings for the terminal. Plain text marks
 * deletions as [-…-] and insertions as {+…+} (as `git diff --word-diff`
 * does); with `ansi`, deletions are red and struck, insertions green and
 * underlined, typographic-only changes dim.
 */
import type { BlockChange, ChangeSet, FieldChange, Segment } from '../change-set.ts'
import { FICHE_STATUS_LABELS, classementLabel, comparisonTitle, ficheHeading, formatValue, summaryLines, typographyFoldLine, visibleFiches } from './common.ts'

export interface TextOptions {
  ansi?: boolean
  includeUnchanged?: boolean
  /** Typography-only fiches on one line instead of one entry each. */
  foldTypography?: boolean
}

const ESC = '\u001b['
const style = (ansi: boolean, codes: string, s: string): string => (ansi ? `${ESC}${codes}m${s}${ESC}0m` : s)

// Without colours, a typographic change is marked [~…~]{~…~}, apart from the [-…-]{+…+} of substance.
function del(s: string, ansi: boolean, minor = false): string {
  return ansi ? style(true, minor ? '2;9' : '31;9', s) : minor ? `[~${s}~]` : `[-${s}-]`
}
function ins(s: string, ansi: boolean, minor = false): string {
  return ansi ? style(true, minor ? '2;4' : '32;4', s) : minor ? `{~${s}~}` : `{+${s}+}`
}

function segmentsText(segs: readonly Segment[], ansi: boolean): string {
  return segs.map((s) => (s.op === 'equal' ? s.text : s.op === 'del' ? del(s.text, ansi, s.minor) : ins(s.text, ansi, s.minor))).join('')
}

function fieldText(f: FieldChange, ansi: boolean): string {
  const label = `${f.label}${f.key !== undefined ? ` « ${f.key} »` : ''}`
  const body = f.segments
    ? segmentsText(f.segments, ansi)
    : `${f.old === null ? '' : del(formatValue(f.old), ansi, f.minor)}${f.old !== null && f.new !== null ? ' → ' : ''}${f.new === null ? '' : ins(formatValue(f.new), ansi, f.minor)}`
  return `${label} : ${body}`
}

const BLOCK_MARK: Record<BlockChange['status'], string> = { equal: ' ', modified: '~', added: '+', removed: '-', moved: '>' }

function blockText(b: BlockChange, ansi: boolean): string {
  const bullet = b.kind === 'item' ? '• ' : b.kind === 'groupTitle' ? '## ' : ''
  const move = b.status === 'moved' && b.from ? `  (déplacé : ${b.from} → ${b.to ?? ''})` : ''
  return `${BLOCK_MARK[b.status]} ${'  '.repeat(b.depth)}${bullet}${segmentsText(b.segments, ansi)}${move}`
}

export function renderText(cs: ChangeSet, options: TextOptions = {}): string {
  const ansi = options.ansi ?? false
  const bold = (s: string): string => style(ansi, '1', s)
  const out: string[] = []
  out.push(bold('RÉSUMÉ'), comparisonTitle(cs), ...summaryLines(cs).map((l) => `  ${l}`))
  if (cs.options.ignoreTypography) out.push('  (différences typographiques ignorées)')
  out.push('', bold('CHANGEMENTS DE CLASSEMENT'))
  if (cs.classementChanges.length === 0) out.push('  Aucun.')
  for (const c of cs.classementChanges) {
    out.push(`  ${c.intitule} — ${classementLabel(c)} : ${del(formatValue(c.old), ansi)} → ${ins(formatValue(c.new), ansi)}`)
  }
  for (const p of cs.parts.filter((x) => x.status !== 'unchanged')) {
    out.push('', bold(p.label.toUpperCase()))
    for (const f of p.fields) out.push(`  ${fieldText(f, ansi)}`)
    for (const b of p.blocks.filter((x) => x.status !== 'equal')) out.push(`  ${blockText(b, ansi)}`)
  }
  const fold = options.foldTypography ? typographyFoldLine(cs) : null
  if (fold) out.push('', fold)
  for (const f of visibleFiches(cs, options.includeUnchanged, options.foldTypography)) {
    const moved = f.moved && f.status !== 'moved' ? ', déplacée' : ''
    out.push('', bold(`FICHE ${FICHE_STATUS_LABELS[f.status].toUpperCase()}${moved.toUpperCase()} : ${ficheHeading(f)}`))
    for (const s of f.sections.filter((x) => x.status !== 'unchanged')) {
      out.push(`  [${s.label}]`)
      for (const fc of s.fields) out.push(`    ${fieldText(fc, ansi)}`)
      for (const b of s.blocks.filter((x) => x.status !== 'equal')) out.push(`    ${blockText(b, ansi)}`)
    }
  }
  return out.join('\n') + '\n'
}
