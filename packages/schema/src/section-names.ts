/**
 * The six sections of a fiche and their French labels: apart from the zod
 * schemas of model.ts (which re-exports them) so that what only needs the
 * names — the editor's first load — does not bring zod along.
 */
/** The six sections of every fiche, in their fixed order. */
export const SECTION_NAMES = [
  'denomination',
  'objet',
  'contenu',
  'classement',
  'acces',
  'evolution',
] as const
export type SectionName = (typeof SECTION_NAMES)[number]

/** The labels negotiators read, in French. */
export const SECTION_LABELS: Record<SectionName, string> = {
  denomination: 'Dénomination',
  objet: 'Objet / Finalité',
  contenu: 'Contenu / Missions / Activités',
  classement: 'Classement',
  acces: "Modes d'accès / Exigences",
  evolution: "Possibilités d'évolution",
}
