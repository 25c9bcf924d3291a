/**
 * The layouts the text importer knows, as `--family` names them: the four
 * families of domain.md (A–D, also stored in `Texte.family`) and E, the
 * directory of métiers-repères (stored as `family: null`, since versions
 * only know A–D). Kept apart from the model's `sourceFamilySchema` so that
 * a layout can be added to the importer without changing what versions store.
 */
import { z } from 'zod'

export const IMPORT_FAMILIES = ['A', 'B', 'C', 'D', 'E'] as const
export const importFamilySchema = z.enum(IMPORT_FAMILIES)
export type ImportFamily = z.infer<typeof importFamilySchema>
