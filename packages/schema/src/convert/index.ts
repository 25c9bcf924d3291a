/**
 * The converters between the fiche's representations: canonical JSON (and
 * its normalisation), editor JSON, Markdown and plain text.
 */
export { normalizeFiche, normalizeTexte, normalizeRichText, normalizeInlines, normalizeListItems } from './canonical.ts'
export { ConversionError } from './errors.ts'
export { ficheToEditorJson, editorJsonToFiche } from './editor-json.ts'
export { ficheToMarkdown, texteToMarkdown, type MarkdownOptions } from './markdown-write.ts'
export { markdownToFiche } from './markdown-read.ts'
export { markdownToTexte } from './markdown-texte-read.ts'
export { ficheSectionTexts, ficheToPlainText, texteToPlainText, richTextToPlainText } from './plain-text.ts'
