/**
 * `importTexte`: a plain-text classification (one of the four source
 * families of domain.md, or layout E, a directory of métiers-repères) in, a canonical `Texte` out, with the warnings a
 * person should read. Detects the family unless forced, runs its parser,
 * then sends every line no parser placed to `remainder` with a warning, so
 * that nothing of the source is silently dropped.
 */
import { normalizeTexte } from '../convert/canonical.ts'
import { sourceFamilySchema, texteSchema, type Texte } from '../model.ts'
import { assertTextual } from './decode.ts'
import { detectFamily } from './detect.ts'
import { ImportError, type ImportWarning } from './errors.ts'
import { IMPORT_FAMILIES, type ImportFamily } from './families.ts'
import { parseFamilyA } from './family-a.ts'
import { parseFamilyB } from './family-b.ts'
import { parseFamilyC } from './family-c.ts'
import { parseFamilyD } from './family-d.ts'
import { parseFamilyE } from './family-e.ts'
import { paragraph } from './inline.ts'
import { ImportContext } from './source.ts'

export interface ImportOptions {
  /** Forces the family instead of detecting it. */
  family?: ImportFamily
  /** Name of the file, used as the title when the text has none. */
  fileName?: string
}

export interface ImportResult {
  texte: Texte
  family: ImportFamily
  warnings: ImportWarning[]
}

const PARSERS: Record<ImportFamily, (ctx: ImportContext, fallbackTitle: string) => Texte> = {
  A: parseFamilyA,
  B: parseFamilyB,
  C: parseFamilyC,
  D: parseFamilyD,
  E: parseFamilyE,
}

/**
 * @throws ImportError for an empty, binary or unrecognised source, or an
 * unknown forced family.
 * @example
 * const { texte, warnings } = importTexte(readFileSync('avenant.txt', 'utf8'))
 */
export function importTexte(source: string, options: ImportOptions = {}): ImportResult {
  assertTextual(source)
  const family = options.family ?? detectFamily(source)
  if (family === undefined || family === null) {
    throw new ImportError(
      'UNRECOGNISED_FORMAT',
      "Format non reconnu : ce texte ne ressemble à aucune des familles connues (A, B, C, D, E). Précisez la famille avec --family si vous la connaissez.",
    )
  }
  if (!(family in PARSERS)) {
    throw new ImportError('INVALID_FAMILY', `Famille inconnue « ${String(family)} » : les familles possibles sont ${IMPORT_FAMILIES.join(', ')}.`)
  }
  const ctx = new ImportContext(source)
  const fallbackTitle = (options.fileName ?? '').replace(/^.*[/\\]/, '').replace(/\.[^.]*$/, '')
  const texte = PARSERS[family](ctx, fallbackTitle)
  // Versions store A–D only; a layout added to the importer (E) is stored as unknown.
  const stored = sourceFamilySchema.safeParse(family)
  texte.family = stored.success ? stored.data : null
  for (const line of ctx.unplaced()) {
    texte.remainder.push(paragraph(line.text))
    ctx.warn('UNPLACED_LINE', `Ligne ${line.no} : texte non reconnu, placé dans le reste du texte à reclasser.`, line)
  }
  if (texte.fiches.length === 0 && options.family) {
    // A forced family that finds nothing is a wrong guess, not an import:
    // returning the whole source as a preamble would hide it (exit 0).
    throw new ImportError(
      'NO_FICHE',
      `Aucune fiche trouvée en lisant ce texte comme un texte de la famille ${family} : ce n'est sans doute pas sa famille. Retirez --family pour détecter le format, ou essayez une autre famille.`,
    )
  }
  if (texte.fiches.length === 0) {
    ctx.warn('NO_FICHE', `Aucune fiche trouvée dans ce texte de la famille ${family}.`)
  }
  const warnings = [...ctx.warnings].sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
  // Canonical form (merged lists, sorted marks…) so that a text saved back
  // from the editor unchanged diffs as unchanged against its import.
  return { texte: normalizeTexte(texteSchema.parse(texte)), family, warnings }
}
