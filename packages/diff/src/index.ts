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
export { attributeChanges, type ChainLink } from './attribution.ts'
export { renderInlineHtml, type InlineHtmlOptions } from './render/html-inline.ts'
export { renderTableauHtml, type TableauHtmlOptions } from './render/html-tableau.ts'
export { renderText, type TextOptions } from './render/text.ts'
export { renderDocx, type DocxOptions } from './render/docx.ts'
export { renderTableauDocx, type TableauDocxOptions } from './render/docx-tableau.ts'
export { REDLINE_CSS, TABLEAU_CSS, embeddedStyles } from './render/styles.ts'
export { escapeHtml } from './render/html.ts'
export { renderRedlineDocx, renderTexteDocx, withoutTypography, type RedlineDocxOptions } from './render/docx-redline.ts'
export { redlineDocument, texteDocument, paragraphText, ficheTitleLine, type DocParagraph, type DocStyle } from './render/texte-document.ts'
export { summaryLines, typographyFoldLine, ficheHeading, formatValue, formatDate } from './render/common.ts'
export * from './avenant/index.ts'
export { renderGrilleSvg, grilleRows, type GrilleRow, type GrilleSvgOptions } from './render/grille-svg.ts'
export { amendedFiche, formatDateTime, type AmendedFiche, type AmendedSection, type AmendedBlock, type AmendedRun, type AmendedField, type AmendmentBy, type AmendmentTableau } from './render/amendments-model.ts'
export { renderAmendmentTableauHtml, type AmendmentTableauHtmlOptions } from './render/amendments-html.ts'
export { renderAmendmentTableauDocx } from './render/amendments-docx.ts'
export { type RedlineThread, type RedlineComment } from './render/docx-comments.ts'
export { creditLiveChanges, type FicheChain } from './live-attribution.ts'
