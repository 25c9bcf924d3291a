/**
 * The avenant as data: what `draftAvenant` returns and every renderer
 * (text, HTML/PDF, Word, Paritaire text) reads. Plain JSON, so it can be
 * sent over HTTP, edited, stored. Each article is one change of substance
 * between the text in force and the agreed text, in the forms the texts use
 * (« À la fiche « … » (coefficient 155), les mots : « … » sont remplacés
 * par les mots : « … ». »), then the closing articles from templates.
 */

/** One paragraph of an article: a sentence, or a line of quoted dispositions (a fiche as inserted or replaced). */
export interface AvenantAlinea {
  kind: 'text' | 'quote' | 'quoteHeading' | 'quoteItem'
  text: string
}

export type ArticleKind =
  | 'mots'          // words of a fiche replaced, inserted or removed
  | 'champ'         // a structured field (coefficient, période, palier…)
  | 'remplacement'  // the fiche replaced by new dispositions
  | 'insertion'     // a fiche inserted
  | 'suppression'   // a fiche removed
  | 'deplacement'   // a fiche moved (filière or place)
  | 'grille'        // the classification grid
  | 'texte'         // preamble, closing, other text of the accord
  | 'final'         // closing article from a template

export interface AvenantArticle {
  /** 1-based, in order. */
  numero: number
  /** Closing articles have a title (« Entrée en vigueur »); change articles do not. */
  titre: string | null
  kind: ArticleKind
  /** The fiche concerned (newer id, else older). */
  ficheId?: string
  alineas: AvenantAlinea[]
}

export interface AvenantParties {
  /** Employers' organisations (« FNP »). */
  employeurs: string[]
  /** Employees' unions (« FS CFDT »). */
  salaries: string[]
}

export interface Avenant {
  avenantVersion: 1
  /** « Avenant n° 3 du 11 mars 2024 à l'accord du 9 décembre 2009 relatif aux classifications » */
  title: string
  parties: AvenantParties
  /** Paragraphs, « Le présent avenant a pour objet … » first. */
  preambule: string[]
  articles: AvenantArticle[]
  /** « Fait à Paris, le 11 mars 2024. » */
  fait: string
  /** One block per signatory organisation, employers first. */
  signatures: { organisation: string; collège: 'employeurs' | 'salariés' }[]
  /** How many changes were typography only (never an article). */
  typographyOmitted: number
}

/** The closing articles, as editable templates: `{date}`, `{accord}` are replaced. */
export interface ClosingTemplates {
  petitesEntreprises: string
  entreeEnVigueur: string
  duree: string
  depot: string
  extension: string
}

export interface AvenantOptions {
  /** Avenant number (« 3 »); « … » when unknown. */
  numero?: string | null
  /** Date of the avenant (ISO), « … » when unknown. */
  date?: string | null
  /** Date of the accord amended (ISO or « 9 décembre 2009 »); read from the old text's title when absent. */
  accordDate?: string | null
  /** « relatif aux classifications » */
  objet?: string
  parties?: Partial<AvenantParties>
  /** Place of signature (« Paris »). */
  lieu?: string | null
  /** Replace some closing templates; a template set to '' drops its article. */
  templates?: Partial<ClosingTemplates>
  /** Share of a fiche's words that changed beyond which it is replaced whole (default 0.5). */
  replaceThreshold?: number
}
