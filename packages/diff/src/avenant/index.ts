/** The avenant drafted from a redline: model, drafting and renderers. */
export * from './model.ts'
export { draftAvenant, draftAvenantFrom, accordDateOf } from './draft.ts'
export { DEFAULT_TEMPLATES, CLOSING_TITLES, frenchDate } from './templates.ts'
export { renderAvenantText, renderAvenantHtml, avenantToTexte, AVENANT_CSS } from './render.ts'
export { renderAvenantDocx } from './docx.ts'
