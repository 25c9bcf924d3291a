/**
 * The layouts the text importer knows, as `--family` names them: the four
 * families of domain.md (A–D, also stored in `Texte.family`). Kept apart
 * from the model's `sourceFamilySchema` so that a layout can be added to the
 * importer without changing what versions store.
 */
import { z } from 'zod'

export const IMPORT_FAMILIES = ['A', 'B', 'C', 'D'] as const
export const importFamilySchema = z.enum(IMPORT_FAMILIES)
export type ImportFamily = z.infer<typeof importFamilySchema>
