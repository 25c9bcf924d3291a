/**
 * @paritaire/diff — redlines between versions of a fiche or of a whole text:
 * a structural, word-level change set (pure JSON), its renderers (inline
 * HTML, tableau comparatif, plain/ANSI text, DOCX with tracked changes) and
 * the attribution of each change to the organisation that proposed it.
 */
export * from './change-set.ts'
export { diffTextes, diffFiches } from './texte-diff.ts'
export { tokenize, type Token } from './tokens.ts'
export { typographyKey } from './typography.ts'
