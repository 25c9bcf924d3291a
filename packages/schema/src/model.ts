/**
 * The canonical fiche model: the JSON that versions store, diffs read and
 * importers produce. Every part of Paritaire shares it. Canonical form has no
 * optional keys: every field is present (null, [] or '' when empty), so that
 * two equal fiches serialise to the same bytes and round trips are identities.
 */
import { z } from 'zod'
import { isDuree } from './duree.ts'
import { SECTION_NAMES } from './section-names.ts'

export { SECTION_NAMES, SECTION_LABELS, type SectionName } from './section-names.ts'

export const markSchema = z.enum(['bold', 'italic'])
export type Mark = z.infer<typeof markSchema>

/** A run of text with its marks; marks are sorted, never repeated. */
export const inlineSchema = z.strictObject({
  text: z.string().min(1),
  marks: z.array(markSchema),
})
export type Inline = z.infer<typeof inlineSchema>

export interface ListItem {
  content: Inline[]
  children: ListItem[]
}
export const listItemSchema: z.ZodType<ListItem> = z.strictObject({
  content: z.array(inlineSchema),
  get children() {
    return z.array(listItemSchema)
  },
})

export const paragraphSchema = z.strictObject({
  type: z.literal('paragraph'),
  content: z.array(inlineSchema),
})
export type Paragraph = z.infer<typeof paragraphSchema>

export const bulletListSchema = z.strictObject({
  type: z.literal('bulletList'),
  items: z.array(listItemSchema),
})
export type BulletList = z.infer<typeof bulletListSchema>

export const blockSchema = z.discriminatedUnion('type', [paragraphSchema, bulletListSchema])
export type Block = z.infer<typeof blockSchema>

/** Prose where the sources have prose: paragraphs and nested bullet lists. */
export const richTextSchema = z.array(blockSchema)
export type RichText = z.infer<typeof richTextSchema>

/** A link to another fiche, by code and/or title as the source names it. */
export const ficheLinkSchema = z.strictObject({
  label: z.string(),
  code: z.string().nullable(),
  ficheId: z.string().nullable(),
})
export type FicheLink = z.infer<typeof ficheLinkSchema>

export const denominationSchema = z.strictObject({
  intitule: z.string(),
  appellations: z.array(z.string()),
  code: z.string().nullable(),
  filiere: z.string().nullable(),
  sousFamille: z.string().nullable(),
  content: richTextSchema,
})

export const objetSchema = z.strictObject({
  content: richTextSchema,
  /** "Mêmes fonctions que précédent": the id of the fiche it refers to. */
  memesFonctionsQue: z.string().nullable(),
})

export const activityGroupSchema = z.strictObject({
  titre: z.string().nullable(),
  items: z.array(listItemSchema),
})
export type ActivityGroup = z.infer<typeof activityGroupSchema>

export const contenuSchema = z.strictObject({
  groups: z.array(activityGroupSchema),
  content: richTextSchema,
})

export const critereSchema = z.strictObject({
  critere: z.string().min(1),
  valeur: z.number().int().min(0).max(100),
})
export type Critere = z.infer<typeof critereSchema>

export const palierSchema = z.strictObject({
  palier: z.string().min(1),
  niveau: z.string().nullable(),
  coefficient: z.number().int().positive().nullable(),
})
export type Palier = z.infer<typeof palierSchema>

export const classementSchema = z.strictObject({
  categorie: z.string().nullable(),
  niveau: z.string().nullable(),
  echelon: z.number().int().positive().nullable(),
  degres: z.array(z.string()),
  coefficient: z.number().int().positive().nullable(),
  criteres: z.array(critereSchema),
  paliers: z.array(palierSchema),
  /** « 6 mois », « 1 an »: a duration `parseDuree` reads. */
  periodeMaximale: z
    .string()
    .refine((text) => text === '' || isDuree(text))
    .nullable(),
  content: richTextSchema,
})

export const accesSchema = z.strictObject({
  /** The ways into the job (diplomas, experience, direct decision…). */
  items: z.array(listItemSchema),
  content: richTextSchema,
})

export const evolutionSchema = z.strictObject({
  verticale: z.array(ficheLinkSchema),
  transversale: z.array(ficheLinkSchema),
  content: richTextSchema,
})

export const ficheSchema = z.strictObject({
  id: z.string().min(1),
  denomination: denominationSchema,
  objet: objetSchema,
  contenu: contenuSchema,
  classement: classementSchema,
  acces: accesSchema,
  evolution: evolutionSchema,
})
export type Fiche = z.infer<typeof ficheSchema>
export type Denomination = Fiche['denomination']
export type Objet = Fiche['objet']
export type Contenu = Fiche['contenu']
export type Classement = Fiche['classement']
export type Acces = Fiche['acces']
export type Evolution = Fiche['evolution']

/** What one level of the grid means; shared by every fiche of that level. */
export const gridLevelSchema = z.strictObject({
  niveau: z.string().min(1),
  categorie: z.string().nullable(),
  definition: richTextSchema,
})
export type GridLevel = z.infer<typeof gridLevelSchema>

export const sourceFamilySchema = z.enum(['A', 'B', 'C', 'D'])
export type SourceFamily = z.infer<typeof sourceFamilySchema>

/**
 * A negotiated text: ordered fiches (grouped by their `filiere`), plus the
 * parts around them. `remainder` holds what an importer could not place, so
 * that nothing of a source is ever silently dropped.
 */
export const texteSchema = z.strictObject({
  schemaVersion: z.literal(1),
  title: z.string(),
  idcc: z.string().nullable(),
  family: sourceFamilySchema.nullable(),
  preamble: richTextSchema,
  grid: z.strictObject({
    levels: z.array(gridLevelSchema),
    content: richTextSchema,
  }),
  fiches: z.array(ficheSchema),
  closing: richTextSchema,
  remainder: richTextSchema,
})
export type Texte = z.infer<typeof texteSchema>
