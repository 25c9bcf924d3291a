/**
 * @paritaire/diff — redlines between versions of a fiche or of a whole text.
 */
export {}
