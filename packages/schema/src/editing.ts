/**
 * `@paritaire/schema/editing`: what the fiche editor needs on first load —
 * the model's types, names and labels, the TipTap schema, the converters
 * between editor JSON, canonical JSON, Y.Doc and plain text, the conformity
 * checks and the amendments. Not the zod validators nor the importers: the
 * package's main entry reaches them through its barrels, and they would
 * weigh a quarter of the fiche screen's download (the editor loads
 * `@paritaire/schema/validate` on demand). Named re-exports of single
 * files only, so that no barrel brings them back.
 */
export { SECTION_NAMES, SECTION_LABELS } from './section-names.ts'
export type { SectionName } from './section-names.ts'
export type {
  Mark, Inline, ListItem, Paragraph, BulletList, Block, RichText, FicheLink, ActivityGroup, Critere, Palier,
  Fiche, Denomination, Objet, Contenu, Classement, Acces, Evolution, GridLevel, SourceFamily, Texte,
} from './model.ts'
export type { SchemaIssue, ValidationResult } from './validate.ts'
export { FIELD_LABELS } from './field-labels.ts'
export { parseDuree, isDuree, DUREE_MAX_MONTHS, type Duree } from './duree.ts'
export { conformityIssues } from './conformity.ts'
export { ficheToEditorJson, editorJsonToFiche } from './convert/editor-json.ts'
export { ficheToPlainText, ficheSectionTexts } from './convert/plain-text.ts'
export { ficheExtensions, getFicheSchema } from './editor/extensions.ts'
export { FICHE_YDOC_FIELD, ficheFragment, yDocToFiche } from './ydoc.ts'
export * from './amendments/model.ts'
export { listAmendments, amendmentKey, proposalsOf } from './amendments/operations.ts'
export { checkAmendmentChange } from './amendments/check.ts'
