/**
 * The fiche validator (zod and its French messages), loaded after the editor
 * shows: it is a quarter of what the fiche screen would otherwise download
 * first, and the issues it finds can wait the few milliseconds it takes to
 * arrive. Until then the editor reports the conformity issues only.
 */
import type { validateFiche } from '@paritaire/schema/validate'

export type ValidateFiche = typeof validateFiche

let loaded: ValidateFiche | null = null
let loading: Promise<ValidateFiche> | null = null

/** The validator if it has arrived, else null. */
export function ficheValidator(): ValidateFiche | null {
  return loaded
}

/** Starts loading the validator (once) and resolves with it. */
export function loadFicheValidator(): Promise<ValidateFiche> {
  loading ??= import('@paritaire/schema/validate').then((m) => (loaded = m.validateFiche))
  return loading
}
