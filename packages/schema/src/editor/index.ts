/**
 * The fiche as a TipTap/ProseMirror document: extensions, schema, node
 * names and the structure guard.
 */
export { ficheExtensions, getFicheSchema, FICHE_EDITOR_CSS } from './extensions.ts'
export { NODE, MARK } from './names.ts'
export { FicheDocument, Intitule, GroupeTitre, ContenuGroupe, AccesItems, FicheListItem, FicheBulletList } from './nodes.ts'
export { DenominationSection, ObjetSection, ContenuSection, ClassementSection, AccesSection, EvolutionSection } from './sections.ts'
export { FicheStructureGuard, ficheStructureGuardKey, deleteAcrossSections, flattenPastedSections } from './structure-guard.ts'
export { FICHE_REPLACE_META, hasFicheStructure, structureViolation } from './structure.ts'
export { FicheCommands } from './commands.ts'
