/**
 * Node and mark names of the fiche editor document. The converters, the
 * TipTap extensions and the Yjs helpers all speak these names (Yjs stores
 * them as XmlElement nodeNames), so they are frozen: renaming one breaks
 * every stored document.
 */
export const NODE = {
  doc: 'ficheDoc',
  intitule: 'intitule',
  contenuGroupe: 'contenuGroupe',
  groupeTitre: 'groupeTitre',
  accesItems: 'accesItems',
  paragraph: 'paragraph',
  bulletList: 'bulletList',
  listItem: 'listItem',
  text: 'text',
  hardBreak: 'hardBreak',
} as const

export const MARK = { bold: 'bold', italic: 'italic' } as const
