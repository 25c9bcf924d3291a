/**
 * A Texte is stored split: its fiches one row each (they are edited live),
 * the rest (title, preamble, grid, closing…) as one JSON "parts" value. These
 * two pure functions split and join.
 */
import type { Fiche, Texte } from '@paritaire/schema'

export type TexteParts = Omit<Texte, 'fiches'>

export function textePartsOf(texte: Texte): TexteParts {
  const { fiches: _fiches, ...parts } = texte
  return parts
}

export function joinTexte(parts: TexteParts, fiches: Fiche[]): Texte {
  return {
    schemaVersion: 1,
    title: parts.title,
    idcc: parts.idcc,
    family: parts.family,
    preamble: parts.preamble,
    grid: parts.grid,
    fiches,
    closing: parts.closing,
    remainder: parts.remainder,
  }
}
